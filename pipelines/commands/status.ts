/** `xunjian status`: what each pipeline did last, what is due, what is stuck, and the outbox, in one screen. */
import { openStore } from '../jobs';
import { daemonStatus } from '../daemon/status';
import { localTime } from '../../reports/local-time';
import type { Command } from './command';

export const status: Command = {
  name: 'status',
  synopsis: 'status',
  summary: 'each pipeline\'s last run, next due time and health (unhealthy: no success for twice its\nperiod, or stuck), and what waits in the outbox; exit 1 when something is unhealthy',
  options: [],
  run(e) {
    const store = openStore(e.config);
    try {
      const s = daemonStatus(e.config, store, e.clock.now());
      if (e.format === 'json') process.stdout.write(JSON.stringify(s, null, 2) + '\n');
      else {
        const t = (iso?: string) => (iso ? localTime(iso, e.config.timezone).replace(/ \(UTC[^)]*\)$/, '') : '—');
        const lines = [`xunjian status at ${localTime(s.at, e.config.timezone)}`, ''];
        lines.push(['pipeline', 'site', 'last run', 'result', 'last success', 'next due', 'health'].join('  '));
        for (const p of s.pipelines) {
          lines.push([p.id, p.site, t(p.lastStarted), p.lastStatus ?? 'never run', t(p.lastSuccess), p.cron ? t(p.nextDue) : 'no cron', p.healthy ? 'ok' : `UNHEALTHY: ${p.problem}`].join('  '));
        }
        if (!s.pipelines.length) lines.push('(no pipelines in the config)');
        lines.push('', `outbox: ${s.outbox.pending} waiting, ${s.outbox.dead} given up${s.outbox.dead ? ' (xunjian outbox; xunjian outbox retry)' : ''}`);
        process.stdout.write(lines.join('\n') + '\n');
      }
      return s.pipelines.every((p) => p.healthy) && s.outbox.dead === 0 ? 0 : 1;
    } finally {
      store.close();
    }
  },
};
