/**
 * Per-origin *and* per-IP politeness. 集约化 platforms serve dozens of "different" government
 * hosts from one cluster, so a per-host limit alone would still hammer one machine.
 *
 * Waiters are served in arrival order, but one that is blocked (its host is busy or cooling
 * down) never blocks waiters for other hosts. Retries and redirects acquire again, so they are
 * limited like any other request.
 */

export interface PolitenessOptions {
  /** Requests in flight per origin (scheme://host:port). */
  perOrigin: number;
  /** Requests in flight per resolved IP address. */
  perIp: number;
  /** Minimum gap between request starts to one origin. */
  minIntervalMs: number;
  /** Random extra delay, 0..jitter, so many crawls do not synchronise. */
  jitterMs: number;
  /** Cap on any backoff, including a server's Retry-After. */
  maxBackoffMs: number;
}

interface OriginState {
  inFlight: number;
  nextStart: number;
  /** The gap (interval and jitter) drawn at the last grant. */
  gapMs: number;
  backoffMs: number;
  crawlDelayMs: number;
}

interface Waiter {
  origin: string;
  ip: string;
  resolve: (release: () => void) => void;
}

export class HostLimiter {
  private readonly origins = new Map<string, OriginState>();
  private readonly ips = new Map<string, number>();
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: PolitenessOptions) {}

  private state(origin: string): OriginState {
    let s = this.origins.get(origin);
    if (!s) {
      s = { inFlight: 0, nextStart: 0, gapMs: 0, backoffMs: 0, crawlDelayMs: 0 };
      this.origins.set(origin, s);
    }
    return s;
  }

  /**
   * Wait for a slot; call `sent` as the request goes out and the returned function exactly once
   * when the response is consumed.
   */
  acquire(origin: string, ip: string): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiters.push({ origin, ip, resolve });
      this.pump();
    });
  }

  /**
   * The request granted for `origin` goes out now: the gap to the next start counts from here too.
   * Counted from the grant alone, a request held up by a busy event loop between its grant and its
   * send left the next one less than the gap behind it (a site promised 80 ms saw 57).
   */
  sent(origin: string): void {
    const s = this.state(origin);
    if (s.gapMs > 0) s.nextStart = Math.max(s.nextStart, Date.now() + s.gapMs);
  }

  /** robots.txt Crawl-delay raises the origin's minimum interval. */
  setCrawlDelay(origin: string, ms: number): void {
    this.state(origin).crawlDelayMs = Math.min(ms, this.opts.maxBackoffMs);
  }

  /**
   * The server pushed back (429/503, or a 5xx): wait `retryAfterMs` if it said so, else double
   * the origin's backoff (0.5 s to the cap). Returns the delay applied.
   */
  backOff(origin: string, retryAfterMs?: number): number {
    const s = this.state(origin);
    const delay =
      retryAfterMs !== undefined ? Math.min(retryAfterMs, this.opts.maxBackoffMs) : Math.min(Math.max(500, s.backoffMs * 2), this.opts.maxBackoffMs);
    s.backoffMs = retryAfterMs !== undefined ? s.backoffMs : delay;
    s.nextStart = Math.max(s.nextStart, Date.now() + delay);
    return delay;
  }

  /** A success resets the origin's backoff. */
  succeeded(origin: string): void {
    this.state(origin).backoffMs = 0;
  }

  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const now = Date.now();
    let earliest = Infinity;
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      const s = this.state(w.origin);
      const ipBusy = (this.ips.get(w.ip) ?? 0) >= this.opts.perIp;
      if (s.inFlight >= this.opts.perOrigin || ipBusy) {
        still.push(w);
        continue;
      }
      if (s.nextStart > now) {
        earliest = Math.min(earliest, s.nextStart);
        still.push(w);
        continue;
      }
      s.inFlight++;
      this.ips.set(w.ip, (this.ips.get(w.ip) ?? 0) + 1);
      const jitter = this.opts.jitterMs > 0 ? Math.random() * this.opts.jitterMs : 0;
      s.gapMs = Math.max(this.opts.minIntervalMs, s.crawlDelayMs) + jitter;
      s.nextStart = s.gapMs > 0 ? now + s.gapMs : 0;
      let released = false;
      w.resolve(() => {
        if (released) return;
        released = true;
        s.inFlight--;
        this.ips.set(w.ip, (this.ips.get(w.ip) ?? 1) - 1);
        this.pump();
      });
    }
    this.waiters = still;
    if (still.length && earliest !== Infinity) {
      this.timer = setTimeout(() => this.pump(), Math.max(1, earliest - Date.now()));
    }
  }

  /** Requests waiting for a slot. */
  pending(): number {
    return this.waiters.length;
  }

  /** Drop waiters and timers (a stopped crawl); their requests are never started. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.waiters = [];
  }
}

/** Retry-After is seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}
