import { HostLimiter, parseRetryAfter } from '../../../pipelines/sources/politeness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('HostLimiter', () => {
  it('never exceeds the per-origin limit', async () => {
    const lim = new HostLimiter({ perOrigin: 2, perIp: 10, minIntervalMs: 0, jitterMs: 0, maxBackoffMs: 1000 });
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const release = await lim.acquire('http://a', '10.0.0.1');
        peak = Math.max(peak, ++inFlight);
        await sleep(5);
        inFlight--;
        release();
      }),
    );
    expect(peak).toBe(2);
  });
  it('limits per IP across different hosts on one cluster', async () => {
    const lim = new HostLimiter({ perOrigin: 5, perIp: 3, minIntervalMs: 0, jitterMs: 0, maxBackoffMs: 1000 });
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      ['http://a', 'http://b', 'http://c', 'http://d', 'http://e', 'http://f'].map(async (o) => {
        const release = await lim.acquire(o, '10.0.0.1');
        peak = Math.max(peak, ++inFlight);
        await sleep(5);
        inFlight--;
        release();
      }),
    );
    expect(peak).toBe(3);
  });
  it('spaces request starts by the minimum interval', async () => {
    const lim = new HostLimiter({ perOrigin: 5, perIp: 5, minIntervalMs: 40, jitterMs: 0, maxBackoffMs: 1000 });
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        const release = await lim.acquire('http://a', 'ip');
        starts.push(Date.now());
        release();
      }),
    );
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(35);
  });
  it('counts the gap from when a request goes out, when that is after its grant', async () => {
    const lim = new HostLimiter({ perOrigin: 1, perIp: 1, minIntervalMs: 60, jitterMs: 0, maxBackoffMs: 1000 });
    const first = await lim.acquire('http://a', 'ip');
    // Held up between its grant and its send (a busy event loop), then answered at once.
    await new Promise((r) => setTimeout(r, 40));
    lim.sent('http://a');
    const sentAt = Date.now();
    first();
    const second = await lim.acquire('http://a', 'ip');
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(59);
    second();
  });
  it('does not let a cooling-down host block another host', async () => {
    const lim = new HostLimiter({ perOrigin: 1, perIp: 10, minIntervalMs: 0, jitterMs: 0, maxBackoffMs: 10_000 });
    lim.backOff('http://slow', 5_000);
    const slow = lim.acquire('http://slow', 'ip1');
    const t = Date.now();
    const release = await lim.acquire('http://fast', 'ip2');
    expect(Date.now() - t).toBeLessThan(100);
    release();
    expect(lim.pending()).toBe(1);
    lim.close();
    void slow; // never started: the limiter was closed
  });
  it('honours Retry-After up to the cap and doubles backoff otherwise', () => {
    const lim = new HostLimiter({ perOrigin: 1, perIp: 1, minIntervalMs: 0, jitterMs: 0, maxBackoffMs: 3000 });
    expect(lim.backOff('http://a', 60_000)).toBe(3000);
    expect(lim.backOff('http://b')).toBe(500);
    expect(lim.backOff('http://b')).toBe(1000);
    lim.succeeded('http://b');
    expect(lim.backOff('http://b')).toBe(500);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, ignores garbage', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter(new Date(10_000 + 5_000).toUTCString(), 10_000)).toBe(5_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
