/**
 * Personal data seeded where outputs used to copy it verbatim — a `<title>`, a page URL, a broken
 * link's URL, a text record's first line — must not appear unmasked in anything a full run leaves
 * for people: stdout, stderr at debug level, findings.json, every report format, the filed issue
 * files, receipts and committed manifests. (The WARC files keep the raw pages by design.)
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const TITLE_ID = '440305198104040039';
const URL_ID = '110105199003071239';
const URL_MOBILE = '13700031676';
const EXPORT_MOBILE = '13912345678';
const SECRETS = [TITLE_ID, URL_ID, URL_MOBILE, EXPORT_MOBILE];

function cli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['-r', join(root, 'test/helpers/ts-register.js'), join(root, 'pipelines/cli.ts'), ...args], {
    cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XUNJIAN_LOG_LEVEL: 'debug' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((res) => child.on('exit', (code) => res({ code, stdout, stderr })));
}

function filesUnder(dir: string, skip: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (skip(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, skip));
    else out.push(p);
  }
  return out;
}

describe('personal data in titles and URLs', () => {
  it('is found in a title, and never printed unmasked by any output of a full run', async () => {
    const server = createServer((req, res) => {
      const html = (title: string, body: string): string => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url === '/') return void res.end(html('示范市人民政府', `<p>2026-12-01 示范市</p><a href="/gs/t20261201_1.html">公示</a> <a href="/gone-${URL_MOBILE}.html">旧页</a> <a href="/cx?sfz=${URL_ID}">查询</a>`));
      if (req.url === '/gs/t20261201_1.html') return void res.end(html(`陈建国 ${TITLE_ID}`, '<p>公示内容见附件。</p>'));
      if (req.url === `/cx?sfz=${URL_ID}`) return void res.end(html('查询结果', '<p>无记录。</p>'));
      res.statusCode = 404;
      res.end('not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const work = mkdtempSync(join(tmpdir(), 'xj-noleak-'));
    writeFileSync(join(work, 'xunjian.config.json'), JSON.stringify({
      store: 'x.db',
      crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false },
      evidence: { dir: 'ledger' },
      sinks: { files: { type: 'local' } },
      issues: { routing: Object.fromEntries(['secrecy', 'privacy', 'content', 'security', 'operations'].map((d) => [d, { sinks: ['files'] }])) },
    }));
    writeFileSync(join(work, 'export.jsonl'), JSON.stringify({ id: 7, text: `联系人王小明 ${EXPORT_MOBILE}\n正文。` }) + '\n');
    const outputs: string[] = [];
    try {
      const scan = await cli(['scan', `${origin}/`, '--format', 'json', '--out', 'out'], work);
      outputs.push(scan.stdout, scan.stderr);
      const found = JSON.parse(scan.stdout);
      // The number only in <title> is found, located in the title.
      const inTitle = found.findings.find((f: { rule: string; url: string }) => f.rule === 'privacy.id-card' && f.url.endsWith('/gs/t20261201_1.html'));
      expect(inTitle).toBeDefined();
      expect(found.pages.find((p: { url: string }) => p.url.endsWith('/gs/t20261201_1.html')).title).toBe('陈建国 44**************39');
      expect(found.findings.some((f: { rule: string; match: string }) => f.rule === 'links.broken' && f.match.includes('/gone-13*******76.html'))).toBe(true);
      for (const format of ['md', 'sarif', 'text', 'json']) outputs.push((await cli(['report', '--format', format], work)).stdout);
      const ingest = await cli(['check', 'export.jsonl', '--format', 'json'], work);
      outputs.push(ingest.stdout, ingest.stderr);
      expect(JSON.parse(ingest.stdout).pages[0].title).not.toContain(EXPORT_MOBILE);
      for (const f of [...filesUnder(join(work, 'out'), () => false), ...filesUnder(join(work, 'ledger'), (n) => n === '.git' || n === 'warc')]) {
        outputs.push(`${f}\n${readFileSync(f, 'utf8')}`);
      }
    } finally {
      server.close();
    }
    expect(outputs.join('\n').length).toBeGreaterThan(1000);
    for (const secret of SECRETS) {
      const hits = outputs.filter((o) => o.includes(secret)).map((o) => o.slice(0, 80));
      expect({ secret, hits }).toEqual({ secret, hits: [] });
    }
  }, 60_000);
});
