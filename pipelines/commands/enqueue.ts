/** `xunjian enqueue`: put site runs on the BullMQ queue for `xunjian worker`s to take. */
import { CommandError } from '../command-error';
import type { Command } from './command';
import { str } from './command';

export const enqueue: Command = {
  name: 'enqueue',
  synopsis: 'enqueue <pipeline|site|all> [--at ISO]',
  summary: 'queue one run of a pipeline, of every pipeline of a site, or of all pipelines, for\n`xunjian worker`s (config "queue"); the same run (pipeline and minute) queued again is a no-op',
  options: [{ name: 'at', arg: 'ISO', help: 'the time the run is for (default: this minute); names the run' }],
  async run(e) {
    const target = e.args[0];
    if (!target || e.args.length > 1) throw new CommandError('enqueue needs one pipeline id, site id or "all"');
    const at = str(e.values, 'at');
    if (at !== undefined && Number.isNaN(Date.parse(at))) throw new CommandError(`--at: "${at}" is not an ISO 8601 time`);
    const { enqueueRuns, openRunQueueOf, pipelinesFor, scheduledMinute } = await import('../queue/run-queue');
    const pipelines = pipelinesFor(e.config, target);
    const runs = await openRunQueueOf(e.config);
    try {
      const r = await enqueueRuns(runs.queue, pipelines, scheduledMinute(at ? new Date(at) : e.clock.now()));
      if (e.format === 'json') process.stdout.write(JSON.stringify(r) + '\n');
      else {
        for (const id of r.added) process.stdout.write(`queued ${id}\n`);
        for (const id of r.already) process.stdout.write(`already queued ${id} (unchanged)\n`);
      }
      return 0;
    } finally {
      await runs.close();
    }
  },
};
