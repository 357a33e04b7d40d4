/**
 * Prometheus metrics of the pre-publish service (prom-client): requests by route, status and
 * token id, their duration, verdicts, the checks in flight and waiting, and the process itself.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class ServeMetrics {
  private readonly registry = new Registry();
  private readonly requests = new Counter({ name: 'xunjian_serve_requests_total', help: 'requests answered', labelNames: ['route', 'status', 'token'], registers: [this.registry] });
  private readonly duration = new Histogram({ name: 'xunjian_serve_request_duration_seconds', help: 'time to answer a request', labelNames: ['route'], buckets: [0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [this.registry] });
  private readonly verdicts = new Counter({ name: 'xunjian_serve_verdicts_total', help: 'drafts by verdict', labelNames: ['verdict'], registers: [this.registry] });

  constructor(load: () => { inFlight: number; queued: number }) {
    collectDefaultMetrics({ register: this.registry, prefix: 'xunjian_serve_' });
    new Gauge({ name: 'xunjian_serve_checks_in_flight', help: 'drafts being checked', registers: [this.registry], collect() { this.set(load().inFlight); } });
    new Gauge({ name: 'xunjian_serve_checks_queued', help: 'drafts waiting for a check thread', registers: [this.registry], collect() { this.set(load().queued); } });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  observe(route: string, status: number, token: string, seconds: number): void {
    this.requests.inc({ route, status: String(status), token });
    this.duration.observe({ route }, seconds);
  }

  verdict(v: string): void {
    this.verdicts.inc({ verdict: v });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
