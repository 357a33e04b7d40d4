/** `xunjian check`: local content before it is published; no network, nothing stored. */
import { UsageError, checkContent, type CheckInput } from '../jobs';
import { existsSync, statSync } from 'node:fs';
import { walk } from '../sources/files';
import { str, type Command } from './command';

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export const check: Command = {
  name: 'check',
  synopsis: 'check [options] <path|folder...> | -',
  summary: 'check local content, no network (.html .txt .json .jsonl .pdf .docx .xlsx ...)',
  options: [
    { name: 'url', arg: 'URL', help: 'the URL the page will be published at (one input only)' },
    { name: 'published-at', arg: 'ISO', help: 'the publication date the CMS will show' },
    { name: 'type', arg: 'T', help: 'html | text | json, for stdin' },
    { name: 'site', arg: 'ID', help: 'a configured site the content belongs to' },
  ],
  async run(e) {
    if (e.args.length === 0) throw new UsageError('check needs at least one path, or - for stdin');
    const type = str(e.values, 'type') as CheckInput['type'];
    if (type && !['html', 'text', 'json'].includes(type)) throw new UsageError('--type must be html, text or json');
    const url = str(e.values, 'url');
    const inputs: CheckInput[] = [];
    for (const a of e.args) {
      if (a === '-') inputs.push({ path: '-', content: await readStdin(), type });
      // A folder (a static site's output, a hook's checkout) is every file in it a check reads.
      else if (existsSync(a) && statSync(a).isDirectory()) for await (const f of walk(a)) inputs.push({ path: f, type });
      else inputs.push({ path: a, type });
    }
    if (url && inputs.length > 1) throw new UsageError('--url applies to a single input');
    const r = await checkContent({ config: e.config, clock: e.clock, log: e.log }, inputs, e.checks, { url, publishedAt: str(e.values, 'published-at'), site: str(e.values, 'site') });
    return await e.finish(r, true);
  },
};
