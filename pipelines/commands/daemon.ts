/** `xunjian daemon`: the config's pipelines on their cron schedules, until SIGINT or SIGTERM. */
import { untilSignal } from './signals';
import type { Command } from './command';

export const daemon: Command = {
  name: 'daemon',
  synopsis: 'daemon',
  summary: 'run the config\'s pipelines on their cron schedules (config timezone, default Asia/Shanghai)',
  options: [],
  async run(e) {
    const { startDaemon } = await import('../daemon/schedule');
    const d = await startDaemon({ config: e.config, log: e.log, clock: e.clock });
    process.stderr.write(`xunjian daemon: ${d.scheduled.length} pipeline(s) scheduled: ${d.scheduled.join(', ') || 'none'}${d.statusUrl ? `; status on ${d.statusUrl}/healthz and /metrics` : ''}\n`);
    await untilSignal();
    await d.stop();
    return 0;
  },
};
