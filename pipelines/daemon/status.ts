/**
 * What each pipeline did last, what is due and what is stuck, from the store: for `xunjian
 * status` and the daemon's status port. A pipeline is unhealthy when it has not succeeded for
 * twice its period (the longest gap between its next scheduled runs, so a weekday schedule is not
 * unhealthy on Monday morning), or has never succeeded and its first run is that overdue.
 */
import cron from 'node-cron';
import type { Config } from '../config';
import type { Store } from '../store/store';
import { outboxEntries } from '../store/outbox';

export interface PipelineStatus {
  id: string;
  site: string;
  cron?: string;
  source: string;
  lastStarted?: string;
  lastFinished?: string;
  lastStatus?: string;
  lastSuccess?: string;
  nextDue?: string;
  periodMs?: number;
  pagesPerSecond?: number;
  healthy: boolean;
  /** Why it is not healthy. */
  problem?: string;
}

export interface DaemonStatus {
  at: string;
  pipelines: PipelineStatus[];
  outbox: { pending: number; dead: number };
}

/** The longest gap between the next runs of a cron expression, in the config's zone. */
export function periodOf(expression: string, timezone: string): number | undefined {
  if (!cron.validate(expression)) return undefined;
  const task = cron.createTask(expression, () => undefined, { timezone });
  try {
    const next = task.getNextRuns(10).map((d) => d.getTime());
    let gap = 0;
    for (let i = 1; i < next.length; i++) gap = Math.max(gap, next[i]! - next[i - 1]!);
    return gap || undefined;
  } finally {
    void task.destroy();
  }
}

export function daemonStatus(config: Config, store: Store, now: Date): DaemonStatus {
  const rows = new Map(store.schedules().map((r) => [r.pipelineId, r]));
  const pipelines = config.pipelines.map((p): PipelineStatus => {
    const r = rows.get(p.id);
    const periodMs = p.cron ? periodOf(p.cron, config.timezone) : undefined;
    const source = Object.entries(p.source).filter(([k, v]) => k !== 'timeoutSec' && v !== undefined).map(([k, v]) => (v === true ? k : `${k} ${v}`)).join(', ');
    let problem: string | undefined;
    if (periodMs) {
      const since = r?.lastSuccess ?? r?.lastStarted;
      const overdue = since ? now.getTime() - Date.parse(since) > 2 * periodMs : r?.nextDue ? now.getTime() - Date.parse(r.nextDue) > periodMs : false;
      if (overdue) problem = r?.lastSuccess ? `no complete run since ${r.lastSuccess} (more than twice its period)` : `no complete run yet${r?.lastStatus ? ` (last: ${r.lastStatus})` : ''}`;
    }
    if (r?.lastStarted && (!r.lastFinished || r.lastFinished < r.lastStarted) && periodMs && now.getTime() - Date.parse(r.lastStarted) > 2 * periodMs) problem = `running since ${r.lastStarted}: stuck`;
    return {
      id: p.id, site: p.site, source, ...(p.cron ? { cron: p.cron } : {}),
      ...(r?.lastStarted ? { lastStarted: r.lastStarted } : {}), ...(r?.lastFinished ? { lastFinished: r.lastFinished } : {}),
      ...(r?.lastStatus ? { lastStatus: r.lastStatus } : {}), ...(r?.lastSuccess ? { lastSuccess: r.lastSuccess } : {}),
      ...(r?.nextDue ? { nextDue: r.nextDue } : {}), ...(periodMs ? { periodMs } : {}),
      ...(r?.lastPages !== undefined && r.lastMs ? { pagesPerSecond: Math.round((r.lastPages / (r.lastMs / 1000)) * 10) / 10 } : {}),
      healthy: problem === undefined, ...(problem ? { problem } : {}),
    };
  });
  return {
    at: now.toISOString(),
    pipelines,
    outbox: { pending: outboxEntries(store, ['pending', 'sending']).length, dead: outboxEntries(store, ['dead']).length },
  };
}
