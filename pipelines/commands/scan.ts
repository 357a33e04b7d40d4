/** `xunjian scan`: crawl a site and run every enabled check; Ctrl-C or SIGTERM stops it cleanly. */
import { openStore, scan as scanSite, UsageError, type JobContext } from '../jobs';
import { positiveInt } from './options';
import { stopOnSignals } from './signals';
import { str, type Command } from './command';

export const scan: Command = {
  name: 'scan',
  synopsis: 'scan <url|site-id>',
  summary: 'crawl a site and run every enabled check',
  options: [
    { name: 'max-pages', arg: 'N', help: 'stop after N pages (default: crawl.maxPages, 5000)' },
    { name: 'concurrency', arg: 'N', help: 'requests in flight overall (default 8; per host still crawl.perOrigin, 2)' },
  ],
  async run(e) {
    if (e.args.length !== 1) throw new UsageError('scan needs one URL or site id');
    const store = openStore(e.config);
    const stop = stopOnSignals(() => process.stderr.write('\nxunjian: stopping; the next scan of this site resumes where this one stopped\n'));
    try {
      const ctx: JobContext = {
        config: e.config, clock: e.clock, log: e.log, store, signal: stop.signal,
        onProgress: (p) => e.progress.update({ pages: p.pages, queued: p.queued ?? 0, failed: p.failed ?? 0, findings: p.findings }),
      };
      const r = await scanSite(ctx, e.args[0]!, e.checks, { maxPages: positiveInt('max-pages', str(e.values, 'max-pages')), concurrency: positiveInt('concurrency', str(e.values, 'concurrency')) });
      const code = await e.finish(r, false);
      return stop.exitCode() ?? code;
    } finally {
      stop.dispose();
      store.close();
    }
  },
};
