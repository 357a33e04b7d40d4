/**
 * The queue of site runs, on BullMQ: one job per pipeline run (a pipeline is one site's source and
 * checks), never per page, so a worker crawls a whole site with its own politeness and the store
 * sees whole runs. A job's id is its pipeline and scheduled time, so enqueuing the same run twice
 * (two daemons, a retried cron, a hand-run `enqueue`) adds it once. Retries, backoff and taking
 * over a killed worker's job are BullMQ's own.
 */
import { Queue, type ConnectionOptions } from 'bullmq';
import IORedis from 'ioredis';
import type { Config, PipelineConfig, QueueSettings } from '../config';
import { CommandError } from '../command-error';
import { maskedUrl } from '../masked-url';
import { beforeDeadline } from '../deadline';

export interface RunJob {
  pipeline: string;
  /** When the run was due (ISO 8601, to the minute). */
  scheduledFor: string;
}

/** BullMQ forbids ':' in custom ids; the scheduled minute in compact form keeps the id readable. */
export function runJobId(pipeline: string, scheduledFor: string): string {
  return `${pipeline}@${scheduledFor.replace(/[-:]/g, '').replace(/\.\d+Z$|Z$/, 'Z')}`;
}

/** The minute a run is for: runs asked for within the same minute are the same run. */
export function scheduledMinute(at: Date): string {
  const d = new Date(at);
  d.setUTCSeconds(0, 0);
  return d.toISOString();
}

export function queueSettings(config: Config): QueueSettings {
  if (!config.queue) throw new CommandError(`no queue is configured in ${config.file}: add "queue": { "redis": "redis://127.0.0.1:6379" } (or "\${REDIS_URL}")`);
  return config.queue;
}

/**
 * A connection to the queue's Redis, refused with a clear error when Redis does not answer at
 * start (a worker that started against nothing would look idle, not broken). Once started, a lost
 * connection is retried by ioredis for as long as it takes; BullMQ carries on when it is back.
 */
export async function connectRedis(q: QueueSettings, timeoutMs = 5_000): Promise<IORedis> {
  const redis = new IORedis(q.redis, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    retryStrategy: (n) => Math.min(200 * 2 ** n, 5_000),
  });
  redis.on('error', () => undefined); // reported through the commands' outcome, not as unhandled events
  try {
    await beforeDeadline(redis.connect().then(() => redis.ping()), timeoutMs, () => new Error(`no answer in ${timeoutMs / 1000} s`));
  } catch (e) {
    redis.disconnect();
    throw new CommandError(`cannot reach the queue's Redis at ${maskedUrl(q.redis, '(unparsable Redis address)')}: ${(e as Error).message}`);
  }
  return redis;
}

export function openRunQueue(q: QueueSettings, connection: IORedis): Queue<RunJob> {
  return new Queue<RunJob>(q.name, {
    connection: connection as unknown as ConnectionOptions,
    defaultJobOptions: {
      attempts: q.attempts,
      backoff: { type: 'exponential', delay: q.backoffMs },
      // Kept for a week, so the same scheduled run enqueued again within it stays a no-op.
      removeOnComplete: { age: 7 * 86_400 },
      removeOnFail: { age: 30 * 86_400 },
    },
  });
}

export interface OpenRunQueue {
  queue: Queue<RunJob>;
  close(): Promise<void>;
}

/** The run queue on its own connection, for those that only add to it (enqueue, the daemon). */
export async function openRunQueueOf(config: Config): Promise<OpenRunQueue> {
  const q = queueSettings(config);
  const connection = await connectRedis(q);
  const queue = openRunQueue(q, connection);
  return {
    queue,
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}

/** The pipelines a target names: a pipeline id, a site id (its pipelines), or `all`. */
export function pipelinesFor(config: Config, target: string): PipelineConfig[] {
  if (target === 'all') {
    if (!config.pipelines.length) throw new CommandError(`${config.file} has no pipelines to enqueue`);
    return config.pipelines;
  }
  const p = config.pipelines.find((x) => x.id === target);
  if (p) return [p];
  const ofSite = config.pipelines.filter((x) => x.site === target);
  if (ofSite.length) return ofSite;
  if (config.sites.some((s) => s.id === target)) throw new CommandError(`site "${target}" has no pipeline in ${config.file}: a worker runs pipelines (add one with "source": { "crawl": true })`);
  throw new CommandError(`"${target}" is neither a pipeline nor a site in ${config.file} (pipelines: ${config.pipelines.map((x) => x.id).join(', ') || 'none'})`);
}

export interface Enqueued {
  added: string[];
  /** Already in the queue (waiting, running or done): enqueuing again changed nothing. */
  already: string[];
}

export async function enqueueRuns(queue: Queue<RunJob>, pipelines: readonly PipelineConfig[], scheduledFor: string): Promise<Enqueued> {
  const out: Enqueued = { added: [], already: [] };
  for (const p of pipelines) {
    const jobId = runJobId(p.id, scheduledFor);
    if (await queue.getJob(jobId)) {
      out.already.push(jobId);
      continue;
    }
    await queue.add(p.id, { pipeline: p.id, scheduledFor }, { jobId });
    out.added.push(jobId);
  }
  return out;
}
