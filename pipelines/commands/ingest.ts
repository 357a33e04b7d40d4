/** `xunjian ingest`: a CMS export, a static-site folder, a git repository, or a government account's feed (incremental). */
import { ingest as ingestInput, openStore, UsageError, type JobContext } from '../jobs';
import { stopOnSignals } from './signals';
import { str, type Command } from './command';

export const ingest: Command = {
  name: 'ingest',
  synopsis: 'ingest <export|dir|git-url|feed-url|feed-file>',
  summary: 'scan a CMS export (JSON/JSONL), a folder, a git repository, or a government account\'s RSS/Atom/JSON feed (incremental)',
  options: [
    { name: 'site', arg: 'ID', help: 'the configured site the content belongs to' },
    { name: 'base-url', arg: 'URL', help: 'URL of the folder\'s root (dir and git sources)' },
    { name: 'branch', arg: 'NAME', help: 'git branch (default: the remote\'s default)' },
    { name: 'type', arg: 'TYPE', help: 'feed | export | dir | git (default: sniffed from the input)' },
    { name: 'account', arg: 'ID', help: 'the government account (accounts[].id) a feed belongs to; alone, reads its configured feed' },
  ],
  async run(e) {
    const { ingestFeed, looksLikeFeed } = await import('../feeds');
    const type = str(e.values, 'type');
    if (type !== undefined && !['feed', 'export', 'dir', 'git'].includes(type)) throw new UsageError(`--type ${type}: expected feed, export, dir or git`);
    const account = str(e.values, 'account');
    const feed = type === 'feed' || (type === undefined && ((e.args.length === 0 && account !== undefined) || (e.args.length === 1 && looksLikeFeed(e.args[0]!))));
    if (e.args.length !== 1 && !(feed && e.args.length === 0 && account)) throw new UsageError('ingest needs one export file, folder, git repository or feed (or --account ID of a configured account)');
    const store = openStore(e.config);
    const stop = stopOnSignals();
    try {
      const ctx: JobContext = { config: e.config, clock: e.clock, log: e.log, store, signal: stop.signal, onProgress: (p) => e.progress.update({ pages: p.pages, attachments: p.documents, findings: p.findings, errors: p.errors }) };
      const r = feed
        ? await ingestFeed(ctx, e.args[0], e.checks, { ...(account ? { account } : {}) })
        : await ingestInput(ctx, e.args[0]!, e.checks, { site: str(e.values, 'site'), baseUrl: str(e.values, 'base-url'), branch: str(e.values, 'branch'), ...(type && type !== 'feed' ? { type: type as 'export' | 'dir' | 'git' } : {}) });
      const code = await e.finish(r, false);
      return stop.exitCode() ?? code;
    } finally {
      stop.dispose();
      store.close();
    }
  },
};
