/** `xunjian ingest`: a CMS export, a static-site folder or a git repository (incremental). */
import { ingest as ingestInput, openStore, UsageError, type JobContext } from '../jobs';
import { stopOnSignals } from './signals';
import { str, type Command } from './command';

export const ingest: Command = {
  name: 'ingest',
  synopsis: 'ingest <export|dir|git-url>',
  summary: 'scan a CMS export (JSON/JSONL), a folder, or a git repository (incremental)',
  options: [
    { name: 'site', arg: 'ID', help: 'the configured site the content belongs to' },
    { name: 'base-url', arg: 'URL', help: 'URL of the folder\'s root (dir and git sources)' },
    { name: 'branch', arg: 'NAME', help: 'git branch (default: the remote\'s default)' },
  ],
  async run(e) {
    if (e.args.length !== 1) throw new UsageError('ingest needs one export file, folder or git repository');
    const store = openStore(e.config);
    const stop = stopOnSignals();
    try {
      const ctx: JobContext = { config: e.config, clock: e.clock, log: e.log, store, signal: stop.signal, onProgress: (p) => e.progress.update({ pages: p.pages, attachments: p.documents, findings: p.findings, errors: p.errors }) };
      const r = await ingestInput(ctx, e.args[0]!, e.checks, { site: str(e.values, 'site'), baseUrl: str(e.values, 'base-url'), branch: str(e.values, 'branch') });
      const code = e.finish(r, false);
      return stop.exitCode() ?? code;
    } finally {
      stop.dispose();
      store.close();
    }
  },
};
