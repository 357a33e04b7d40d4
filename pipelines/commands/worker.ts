/** `xunjian worker`: run queued site runs, N at a time, until stopped (or, with --drain, until the queue is empty). */
import { CommandError } from '../command-error';
import type { Command } from './command';
import { str } from './command';
import { stopOnSignals } from './signals';

export const worker: Command = {
  name: 'worker',
  synopsis: 'worker [--concurrency N] [--drain]',
  summary: 'take queued site runs (config "queue", from `xunjian enqueue` or the daemon\'s cron) and\nrun them against the config\'s store; a killed worker\'s run is retried by another and its crawl\nresumes; exit 1 if a run failed for good',
  options: [
    { name: 'concurrency', arg: 'N', help: 'site runs at once in this process (default 1)' },
    { name: 'drain', help: 'exit when nothing is waiting, running or due for a retry' },
  ],
  async run(e) {
    const c = str(e.values, 'concurrency') ?? '1';
    if (!/^\d+$/.test(c) || Number(c) < 1 || Number(c) > 64) throw new CommandError(`--concurrency: "${c}" is not a whole number from 1 to 64`);
    const drain = e.values['drain'] === true;
    const stop = stopOnSignals((name) => e.log.warn({ signal: name }, 'stopping: runs in flight are interrupted and retried by the queue'));
    try {
      const { runWorker } = await import('../queue/run-worker');
      const o = await runWorker({ config: e.config, log: e.log, clock: e.clock, concurrency: Number(c), drain, signal: stop.signal });
      process.stderr.write(`xunjian worker: ${o.completed} run(s) finished, ${o.failed} failed (${o.finalFailures} for good)\n`);
      return stop.exitCode() ?? (o.finalFailures ? 1 : 0);
    } finally {
      stop.dispose();
    }
  },
};
