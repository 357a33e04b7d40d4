/**
 * The daemon: each configured pipeline with a `cron` runs on its schedule (Asia/Shanghai, no
 * DST), never overlapping itself. node-cron keeps no state, so the next due time is kept in the
 * store: a daemon that was down when a run was due runs it once at start (catch-up).
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock, Logger } from '../../checks/types';
import { ConfigError, type Config, type PipelineConfig } from '../config';
import { runConfiguredPipeline } from '../jobs';
import { deliverToPipelineSinks } from '../sinks/output';
import { Store } from '../store/store';
import { deliverPending, LedgerHandle } from '../filing';
import { dueSinks } from '../store/outbox';
import { acquireDaemonLock } from './lock';
import { daemonStatus } from './status';
import { startStatusServer, type StatusServer } from './status-server';
import { RunSlots } from './run-slots';
import { noProgress, runSignal, type RunSignal } from './run-signal';
// Type only: the queue (bullmq, ioredis) loads when a queue is configured.
import type { OpenRunQueue } from '../queue/run-queue';

/** How often the daemon retries what a sink did not take (backoff decides what is due). */
const OUTBOX_EVERY_MS = 60_000;


export interface DaemonOptions {
  config: Config;
  log: Logger;
  clock: Clock;
}

export interface Daemon {
  scheduled: string[];
  /** The status port's address, when `daemon.statusPort` is set. */
  statusUrl?: string;
  /** Resolves when every catch-up run started at start-up has finished (for tests). */
  catchUp: Promise<void>;
  stop(): Promise<void>;
}

export async function startDaemon(o: DaemonOptions): Promise<Daemon> {
  const { config, log, clock } = o;
  const pipelines = config.pipelines.filter((p) => p.cron);
  const bad = pipelines.filter((p) => !cron.validate(p.cron!)).map((p) => {
    const why = cron.validateDetailed(p.cron!).errors?.map((e) => e.message).join('; ');
    return `/pipelines/${config.pipelines.indexOf(p)}/cron: invalid cron expression "${p.cron}"${why ? ` (${why})` : ''}`;
  });
  if (bad.length) throw new ConfigError(config.file, bad);
  const lock = acquireDaemonLock(config.store, clock.now());
  const slots = new RunSlots(config.daemon.maxConcurrentRuns);
  let store: Store;
  let statusServer: StatusServer | undefined;
  let queue: OpenRunQueue | undefined;
  try {
    // With a queue the daemon only schedules: each run due goes to the queue for the workers.
    if (config.queue) queue = await (await import('../queue/run-queue')).openRunQueueOf(config);
    store = Store.open(config.store);
    if (config.daemon.statusPort !== undefined) statusServer = await startStatusServer(config.daemon.statusPort, config.daemon.statusHost, () => daemonStatus(config, store, clock.now()), () => slots.queued);
  } catch (e) {
    await queue?.close();
    lock.release();
    throw e;
  }
  const ledger = new LedgerHandle(config);
  const running = new Set<string>();
  const tasks: ScheduledTask[] = [];
  // stop() aborts the runs in flight and waits for their last write before closing the store.
  const stopping = new AbortController();
  const inFlight = new Set<Promise<void>>();

  const execute = (p: PipelineConfig, task: ScheduledTask, reason: string): Promise<void> => {
    if (stopping.signal.aborted) return Promise.resolve();
    const run = executeOnce(p, task, reason);
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
    return run;
  };

  const executeOnce = async (p: PipelineConfig, task: ScheduledTask, reason: string): Promise<void> => {
    if (queue) return enqueueDue(p, task, reason);
    if (running.has(p.id)) {
      log.warn({ pipeline: p.id }, 'previous run still going; this one is skipped');
      return;
    }
    running.add(p.id);
    // A probe reads a page or two and checks none: it keeps its schedule (the 19号 rule counts
    // probes a day) while a night's crawls hold every slot.
    const slotted = !p.source.probe;
    if (slotted && !(await takeSlot(p.id))) {
      running.delete(p.id);
      return;
    }
    const started = clock.now().toISOString();
    const watchdog = watch(p.id);
    try {
      log.info({ pipeline: p.id, reason }, 'pipeline started');
      const result = await runConfiguredPipeline({ config, clock, log, store, ledger, signal: watchdog.signal, onProgress: watchdog.moved }, p);
      deliverToPipelineSinks(config, p, result, log);
      store.scheduleRan(p.id, started, clock.now().toISOString(), result.summary.status, result.summary.pages);
      statusServer?.ran(p.id, result.summary.status);
      log.info({ pipeline: p.id, findings: result.summary.findings, status: result.summary.status }, 'pipeline finished');
    } catch (e) {
      store.scheduleRan(p.id, started, clock.now().toISOString(), 'failed');
      statusServer?.ran(p.id, 'failed');
      log.error({ pipeline: p.id, err: (e as Error).message }, 'pipeline failed');
    } finally {
      watchdog.stop();
      if (slotted) slots.give();
      running.delete(p.id);
      // An interrupted run is due again: the next start catches it up (and its crawl resumes).
      if (!stopping.signal.aborted) store.setScheduleDue(p.id, task.getNextRun()?.toISOString());
    }
  };

  /** The run's signal: the daemon stopping, or the run making no progress for `daemon.stallMinutes`. */
  const watch = (id: string): RunSignal =>
    runSignal(stopping.signal, config.daemon.stallMinutes * 60_000, () => {
      log.error({ pipeline: id, stallMinutes: config.daemon.stallMinutes }, 'run made no progress; stopping it');
      return noProgress(config.daemon.stallMinutes);
    });

  /** A run slot for the pipeline, waiting (and saying so) when every slot is taken; false if the daemon stops first. */
  const takeSlot = async (id: string): Promise<boolean> => {
    const taking = slots.take(stopping.signal);
    if (slots.queued) log.info({ pipeline: id, waiting: slots.queued, maxConcurrentRuns: config.daemon.maxConcurrentRuns }, 'every run slot is taken; waiting for one');
    return taking;
  };

  const enqueueDue = async (p: PipelineConfig, task: ScheduledTask, reason: string): Promise<void> => {
    const { enqueueRuns, scheduledMinute } = await import('../queue/run-queue');
    const due = reason === 'catch-up' ? store.scheduleDue(p.id) : undefined;
    const scheduledFor = scheduledMinute(due ? new Date(due) : clock.now());
    try {
      const r = await enqueueRuns(queue!.queue, [p], scheduledFor);
      log.info({ pipeline: p.id, reason, job: r.added[0] ?? r.already[0], already: r.already.length > 0 }, 'run queued for the workers');
      store.setScheduleDue(p.id, task.getNextRun()?.toISOString());
    } catch (e) {
      // Left due: the next start (or tick) queues it again, and the job id keeps that to one run.
      log.error({ pipeline: p.id, err: (e as Error).message }, 'could not queue the run');
    }
  };

  const catchUps: Promise<void>[] = [];
  for (const p of pipelines) {
    const task = cron.schedule(p.cron!, () => execute(p, task, 'scheduled'), { name: p.id, timezone: config.timezone, noOverlap: true });
    tasks.push(task);
    const due = store.scheduleDue(p.id);
    if (due && Date.parse(due) < clock.now().getTime()) {
      log.warn({ pipeline: p.id, due }, 'run missed while the daemon was down; catching up');
      catchUps.push(execute(p, task, 'catch-up'));
    } else {
      store.setScheduleDue(p.id, task.getNextRun()?.toISOString());
    }
  }
  const catchUp = Promise.all(catchUps).then(() => undefined);
  let delivering: Promise<unknown> | undefined;
  const outbox = setInterval(() => {
    if (delivering || dueSinks(store, clock.now().toISOString()).length === 0) return;
    delivering = deliverPending({ config, store, clock, log, ledger })
      .catch((e: unknown) => log.error({ err: (e as Error).message }, 'outbox delivery failed'))
      .finally(() => (delivering = undefined));
  }, OUTBOX_EVERY_MS);
  outbox.unref();
  return {
    scheduled: pipelines.map((p) => `${p.id} (${p.cron})`),
    ...(statusServer ? { statusUrl: statusServer.url } : {}),
    catchUp,
    async stop() {
      await statusServer?.close();
      stopping.abort(new Error('stopped by the daemon shutting down'));
      clearInterval(outbox);
      for (const t of tasks) await t.destroy();
      await Promise.allSettled([...inFlight]);
      await delivering;
      await queue?.close();
      store.close();
      lock.release();
    },
  };
}
