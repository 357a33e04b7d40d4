/**
 * The daemon's optional status port (config `daemon.statusPort`): `GET /healthz` is 200 while
 * every pipeline is healthy and 503 naming the ones that are not; `GET /metrics` gives Prometheus
 * runs by pipeline and outcome, last success time, pages per second, outbox depth and dead entries,
 * the runs waiting for a run slot, and the check threads the runs in flight share.
 */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { DaemonStatus } from './status';
import { checkThreadsRunning } from '../check-pool';

export interface StatusServer {
  url: string;
  /** Count one finished run of a pipeline. */
  ran(pipeline: string, outcome: string): void;
  close(): Promise<void>;
}

export async function startStatusServer(port: number, host: string, status: () => DaemonStatus, waiting: () => number): Promise<StatusServer> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'xunjian_daemon_' });
  const runs = new Counter({ name: 'xunjian_pipeline_runs_total', help: 'pipeline runs by outcome', labelNames: ['pipeline', 'outcome'], registers: [registry] });
  const gauge = (name: string, help: string, labelNames: string[], set: (g: Gauge, s: DaemonStatus) => void) =>
    new Gauge({ name, help, labelNames, registers: [registry], collect() { this.reset(); set(this, status()); } });
  gauge('xunjian_pipeline_last_success_timestamp_seconds', 'when each pipeline last completed', ['pipeline'], (g, s) => {
    for (const p of s.pipelines) if (p.lastSuccess) g.set({ pipeline: p.id }, Date.parse(p.lastSuccess) / 1000);
  });
  gauge('xunjian_pipeline_healthy', '1 while a pipeline has succeeded within twice its period', ['pipeline'], (g, s) => {
    for (const p of s.pipelines) g.set({ pipeline: p.id }, p.healthy ? 1 : 0);
  });
  gauge('xunjian_pipeline_pages_per_second', 'pages per second of each pipeline\'s last run', ['pipeline'], (g, s) => {
    for (const p of s.pipelines) if (p.pagesPerSecond !== undefined) g.set({ pipeline: p.id }, p.pagesPerSecond);
  });
  gauge('xunjian_outbox_pending', 'issue updates and messages waiting for a sink', [], (g, s) => g.set(s.outbox.pending));
  gauge('xunjian_outbox_dead', 'deliveries given up on (see xunjian outbox)', [], (g, s) => g.set(s.outbox.dead));
  new Gauge({ name: 'xunjian_runs_waiting', help: 'pipeline runs due and waiting for a run slot (daemon.maxConcurrentRuns)', registers: [registry], collect() { this.set(waiting()); } });
  new Gauge({ name: 'xunjian_check_threads', help: 'check threads running now, shared by the runs in flight', registers: [registry], collect() { this.set(checkThreadsRunning()); } });

  const app = Fastify({ logger: false });
  app.get('/healthz', async (_req, reply) => {
    const s = status();
    const bad = s.pipelines.filter((p) => !p.healthy);
    return reply.code(bad.length ? 503 : 200).send({ status: bad.length ? 'unhealthy' : 'ok', unhealthy: bad.map((p) => ({ id: p.id, problem: p.problem })), outbox: s.outbox });
  });
  app.get('/metrics', async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  await app.listen({ port, host });
  const addr = app.server.address() as AddressInfo;
  return {
    url: `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}`,
    ran: (pipeline, outcome) => runs.inc({ pipeline, outcome }),
    close: () => app.close(),
  };
}
