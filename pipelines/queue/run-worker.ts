/**
 * `xunjian worker`: take site runs off the queue and run them against the configured store. A run
 * that throws (store or network gone), fails outright, or is interrupted by a signal fails its job,
 * and BullMQ retries it with backoff; the retry resumes the site's crawl from the frontier in the
 * store, on whichever worker takes it. A job whose pipeline has left the config is dropped, not
 * retried.
 */
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Clock, Logger } from '../../checks/types';
import type { Config } from '../config';
import { DELIVERY_BUDGET_MS, runConfiguredPipeline } from '../jobs';
import { noProgress, runSignal } from '../daemon/run-signal';
import type { RunResult } from '../run';
import { deliverToPipelineSinks } from '../sinks/output';
import { Store } from '../store/store';
import { connectRedis, openRunQueue, queueSettings, type RunJob } from './run-queue';

export interface WorkerOptions {
  config: Config;
  log: Logger;
  clock: Clock;
  concurrency: number;
  /** Exit once nothing is waiting, running or due for a retry. */
  drain: boolean;
  /** Stops the runs in flight (their jobs are retried) and the worker. */
  signal: AbortSignal;
}

export interface WorkerOutcome {
  completed: number;
  /** Jobs that failed this time; BullMQ retries those with tries left. */
  failed: number;
  /** Failed for good: no tries left, or dropped (pipeline gone). */
  finalFailures: number;
}

export interface RunJobResult {
  runStatus: string;
  pages: number;
  findings: number;
}

const DRAIN_POLL_MS = 500;

export async function runWorker(o: WorkerOptions): Promise<WorkerOutcome> {
  const { config, log, clock } = o;
  const q = queueSettings(config);
  const connection = await connectRedis(q);
  let store: Store;
  try {
    store = Store.open(config.store);
  } catch (e) {
    connection.disconnect();
    throw e;
  }
  const { LedgerHandle } = await import('../filing');
  const ledger = new LedgerHandle(config);
  const outcome: WorkerOutcome = { completed: 0, failed: 0, finalFailures: 0 };

  const refile = async (runId: number, siteId: string): Promise<void> => {
    const { reportFromStore } = await import('../report-from-store');
    const { fileIssues } = await import('../filing');
    const stored = reportFromStore(store, runId);
    const site = config.sites.find((s) => s.id === siteId);
    if (stored) await fileIssues({ config, store, clock, log, ledger, deliveryBudgetMs: DELIVERY_BUDGET_MS }, stored, site?.urls ?? []);
  };

  const runJob = async (job: Job<RunJob>): Promise<RunJobResult> => {
    const p = config.pipelines.find((x) => x.id === job.data.pipeline);
    if (!p) throw new UnrecoverableError(`pipeline "${job.data.pipeline}" is not in ${config.file} (removed since the run was enqueued): the job is dropped`);
    if (o.signal.aborted) throw new Error('the worker is stopping');
    const done = store.db.prepare('SELECT run_id, status, pages, findings FROM queue_jobs WHERE job_id = ?').get(job.id) as { run_id: number; status: string; pages: number; findings: number } | undefined;
    if (done) {
      // Stored by an earlier attempt that then died or lost Redis: its filing is done again (it is
      // idempotent), the site is not crawled again.
      log.info({ job: job.id, runId: done.run_id }, 'run already stored by an earlier attempt; filing it again, not running it again');
      await refile(done.run_id, p.site);
      return { runStatus: done.status, pages: done.pages, findings: done.findings };
    }
    const started = clock.now().toISOString();
    log.info({ job: job.id, pipeline: p.id, attempt: job.attemptsMade + 1 }, 'run started');
    const markDone = (runId: number, s: { status: string; pages: number; findings: number }): void => {
      // Only a complete run makes its job done: a partial one may be an attempt cut short (a stopping
      // worker, or a twin attempt BullMQ handed out when this one's lease lapsed under load), and
      // taking it as done would leave the site without a complete run.
      if (s.status !== 'complete') return;
      store.db.prepare('INSERT INTO queue_jobs (job_id, run_id, status, pages, findings, finished_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (job_id) DO NOTHING')
        .run(job.id, runId, s.status, s.pages, s.findings, clock.now().toISOString());
    };
    // Stopped when the worker stops, or when the run reads nothing new for daemon.stallMinutes: a
    // run waiting on a read that never returns would hold one of the worker's runs for ever, and its
    // lease, renewed all the while, would keep any other worker from retrying it.
    const watched = runSignal(o.signal, config.daemon.stallMinutes * 60_000, () => {
      log.error({ job: job.id, pipeline: p.id, stallMinutes: config.daemon.stallMinutes }, 'run made no progress; stopping it');
      return noProgress(config.daemon.stallMinutes);
    });
    let result: RunResult;
    try {
      result = await runConfiguredPipeline({ config, clock, log, store, ledger, signal: watched.signal, onProgress: watched.moved, refetchResumed: true, onRunStored: markDone }, p);
    } finally {
      watched.stop();
    }
    if (o.signal.aborted) throw new Error('interrupted by the worker stopping: the run is retried and its crawl resumes');
    if (watched.signal.aborted) throw new Error(`the run of ${p.id} made no progress for ${config.daemon.stallMinutes} minutes and was stopped; it is retried`);
    store.scheduleRan(p.id, started, clock.now().toISOString(), result.summary.status, result.summary.pages);
    if (result.summary.status === 'failed') throw new Error(`the run of ${p.id} failed: ${result.errors[0]?.message ?? 'no pages could be read'}`);
    deliverToPipelineSinks(config, p, result, log);
    return { runStatus: result.summary.status, pages: result.summary.pages, findings: result.summary.findings };
  };

  // The worker's own connection: BullMQ leaves a connection it was given open, so it is closed below.
  const workerConnection = connection.duplicate();
  const worker = new Worker<RunJob, RunJobResult>(q.name, runJob, {
    connection: workerConnection as unknown as ConnectionOptions,
    concurrency: o.concurrency,
    lockDuration: q.lockMs,
    stalledInterval: Math.max(1_000, Math.min(30_000, Math.floor(q.lockMs / 2))),
    maxStalledCount: 2,
  });
  worker.on('completed', (job, r) => {
    outcome.completed++;
    log.info({ job: job.id, status: r.runStatus, pages: r.pages, findings: r.findings }, 'run finished');
  });
  worker.on('failed', (job, err) => {
    outcome.failed++;
    const final = !job || err instanceof UnrecoverableError || err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (final) outcome.finalFailures++;
    log.error({ job: job?.id, err: err.message, final }, final ? 'run failed for good' : 'run failed; it will be retried');
  });
  worker.on('error', (err) => log.error({ err: err.message }, 'queue connection problem'));

  const queue = openRunQueue(q, connection);
  try {
    await new Promise<void>((resolve) => {
      if (o.signal.aborted) return resolve();
      o.signal.addEventListener('abort', () => resolve(), { once: true });
      if (!o.drain) return;
      const poll = setInterval(() => {
        void queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children').then((c) => {
          if (Object.values(c).every((n) => n === 0)) {
            clearInterval(poll);
            resolve();
          }
        }, (e: unknown) => log.warn({ err: (e as Error).message }, 'cannot read the queue; still waiting'));
      }, DRAIN_POLL_MS);
      o.signal.addEventListener('abort', () => clearInterval(poll), { once: true });
    });
  } finally {
    await worker.close();
    await queue.close();
    workerConnection.disconnect();
    connection.disconnect();
    store.close();
  }
  return outcome;
}
