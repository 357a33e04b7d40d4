/**
 * The process's check threads, shared by every run in it. A daemon or a queue worker starts many
 * site runs at once (a night's cron fires them in the same minute); each run setting up threads of
 * its own put thirty runs on thirty threads, each building its tables, at 1.8 GB on 2 cores (a
 * daemon of 30 crawl pipelines due together, peak RSS by `ps`; 440 MB with no threads at all).
 * Runs now lease the one pool, sized to the cores; each run's checks and site go to a thread once,
 * as a context. The last run to let go closes it, so a one-run command still exits.
 */
import { join } from 'node:path';
import type { CheckThreadSetup, PageCheckSetup, PageCheckTask } from './page-check-worker';
import type { PageCheckResult } from './page-checks';
import { WorkerPool } from './worker-pool';

/**
 * Pages a check thread holds at once: it starts the next while the run's thread, perhaps busy
 * storing a page, has not yet read its last answer (with one, check threads sat idle a fifth of the time).
 */
export const TASKS_PER_THREAD = 16;
/** Pages posted to a check thread in one message (it holds more besides, so it never waits for them). */
const PAGES_PER_MESSAGE = 4;

type CheckPool = WorkerPool<PageCheckTask, PageCheckResult>;

/** A run's use of the pool: its pages go with `context`; `release` when its pages are checked. */
export interface CheckPoolLease {
  readonly pool: CheckPool;
  readonly context: number;
  release(): Promise<void>;
}

let shared: { pool: CheckPool; users: number } | undefined;

/**
 * The pool (started with `threads` threads if no run holds it) with this run's setup shared.
 * `thread` is what a thread is started with: only the run that starts the pool gives it.
 */
export function leaseCheckPool(threads: number, run: PageCheckSetup, thread: () => CheckThreadSetup): CheckPoolLease {
  const held = (shared ??= { pool: new WorkerPool<PageCheckTask, PageCheckResult>(threads, join(__dirname, 'page-check-worker'), thread(), TASKS_PER_THREAD, PAGES_PER_MESSAGE), users: 0 });
  held.users++;
  const context = held.pool.share(run);
  let released = false;
  return {
    pool: held.pool,
    context,
    async release() {
      if (released) return;
      released = true;
      held.pool.unshare(context);
      if (--held.users > 0) return;
      // Forgotten before it closes, so a run starting meanwhile sets up a pool of its own.
      if (shared === held) shared = undefined;
      await held.pool.close();
    },
  };
}

/** Check threads this process has running now (for the daemon's metrics and the tests). */
export function checkThreadsRunning(): number {
  return shared?.pool.threads ?? 0;
}
