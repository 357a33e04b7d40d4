/**
 * `xunjian probe` against loopback sites (http and https servers the test starts, certificates
 * from a test CA): a well-configured site raises nothing of transport, a neglected one raises each
 * of its faults, and an unreachable one is stored as a failed availability probe with its cause.
 */
import { testStore } from '../helpers/test-store';
import { createServer as createHttp, type Server as HttpServer } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { parseConfig } from '../../pipelines/config';
import { probe, PROBE_CHECKS, scan } from '../../pipelines/jobs';
import { silentLogger } from '../../pipelines/log';
import { Store } from '../../pipelines/store/store';
import { selectChecks } from '../../checks/registry';
import { makePki, type TestPki } from '../helpers/tls-servers';

const GOOD_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
  'content-security-policy': "default-src 'none'; img-src 'self'; script-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'x-permitted-cross-domain-policies': 'none',
  server: 'nginx',
};
const GOOD_CIPHERS = 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305';

async function listen(server: HttpServer, host = '::'): Promise<number> {
  await new Promise<void>((r) => server.listen(0, host, () => r()));
  return (server.address() as AddressInfo).port;
}

let pki: TestPki;
beforeAll(() => {
  pki = makePki();
});

function runProbe(homepage: string, ports: { http: number; https: number }, store: Store, lookup6: string[] = ['::1']) {
  const config = parseConfig({}, '(test)');
  return probe({ config, clock: { now: () => new Date() }, log: silentLogger, store }, homepage, selectChecks(PROBE_CHECKS), {
    ca: [pki.caPem], addresses: ['127.0.0.1'], lookup6: async () => lookup6, httpPort: ports.http, httpsPort: ports.https, timeoutMs: 4000,
  });
}

describe('xunjian probe', () => {
  it('raises nothing on a well-configured site, and stores an ok availability probe', async () => {
    const cert = pki.leaf('good-site', { viaIntermediate: true });
    const https = createHttps({ key: cert.key, cert: cert.chain, ciphers: GOOD_CIPHERS, minVersion: 'TLSv1.2' }, (_q, s) => {
      s.writeHead(200, GOOD_HEADERS).end('<html><head><title>首页</title></head><body><a href="/a.html">a</a><script src="/app.js"></script></body></html>');
    });
    const httpsPort = await listen(https as unknown as HttpServer);
    const http = createHttp((_q, s) => s.writeHead(301, { location: `https://localhost:${httpsPort}/` }).end());
    const httpPort = await listen(http);
    const store = testStore();
    try {
      const r = await runProbe(`https://localhost:${httpsPort}/`, { http: httpPort, https: httpsPort }, store);
      expect(r.findings.map((f) => `${f.rule} ${f.severity} ${f.title}`)).toEqual([]);
      expect(store.probesSince(`localhost-${httpsPort}`, '2000-01-01T00:00:00Z')).toEqual([expect.objectContaining({ ok: true, outcome: 'ok', status: 200 })]);
      // An A-grade site raises nothing, so sites[] is where a script reads its grade.
      expect(r.sites[0]).toMatchObject({
        headers: { grade: expect.stringMatching(/^A/), algorithm: 'observatory-v6' },
        tls: { protocols: ['TLSv1.2', 'TLSv1.3'], cipher: expect.any(String), certificate: { subject: 'CN=localhost', issuer: expect.any(String), notAfter: expect.any(String), selfSigned: false, hostnameMatch: true, chainComplete: true } },
        https: { redirectsToHttps: true, hsts: 'max-age=63072000; includeSubDomains; preload' },
        ipv6: { aaaa: true },
        availability: { probes: 1, failures: 0, ratio: 0 },
      });
      expect(r.sites[0]!.headers!.score).toBeGreaterThanOrEqual(90);
    } finally {
      https.close();
      http.close();
      store.close();
    }
  });

  it('reports each fault of a neglected site', async () => {
    const cert = pki.leaf('old-site', { start: '20200101000000Z', end: '20200201000000Z' });
    const https = createHttps({ key: cert.key, cert: cert.cert, minVersion: 'TLSv1', ciphers: 'DEFAULT:AES128-SHA:@SECLEVEL=0' }, (_q, s) => {
      s.writeHead(200, { 'content-type': 'text/html', server: 'Apache/2.4.6 (CentOS) OpenSSL/1.0.2k-fips', 'x-powered-by': 'PHP/5.6.40' })
        .end('<html><body><script src="http://cdn.example.com/jquery.js"></script><img src="http://img.example.com/a.png"></body></html>');
    });
    const httpsPort = await listen(https as unknown as HttpServer);
    const http = createHttp((_q, s) => s.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>首页</body></html>'));
    const httpPort = await listen(http);
    const store = testStore();
    try {
      const r = await runProbe(`https://localhost:${httpsPort}/`, { http: httpPort, https: httpsPort }, store, []);
      const found = r.findings.map((f) => `${f.rule}|${f.severity}`);
      for (const want of [
        'tls.certificate|critical', // expired
        'tls.protocol|medium', // TLS 1.0 and 1.1 offered
        'tls.cipher|medium', // static RSA, no forward secrecy
        'tls.cipher|low', // CBC suites
        'headers.https-redirect|medium', // http answers without redirecting
        'headers.hsts|medium', // no HSTS
        'headers.server-banner|medium',
        'headers.mixed-content|high', // script over http
        'headers.mixed-content|medium', // image over http
        'health.ipv6|medium', // no AAAA
        'headers.grade|high', // F
      ]) {
        expect(found).toContain(want);
      }
      expect(r.findings.find((f) => f.rule === 'headers.grade')!.title).toBeDefined();
      expect(r.sites[0]).toMatchObject({
        headers: { grade: 'F' },
        tls: { protocols: expect.arrayContaining(['TLSv1', 'TLSv1.1']), certificate: { selfSigned: false } },
        https: { redirectsToHttps: false, hsts: null },
        ipv6: { aaaa: false, reachable: false },
      });
    } finally {
      https.close();
      http.close();
      store.close();
    }
  });

  it('stores a failed probe with its cause when nothing answers', async () => {
    const closed = createHttp();
    const port = await listen(closed, '127.0.0.1');
    await new Promise<void>((r) => closed.close(() => r()));
    const store = testStore();
    try {
      const r = await runProbe(`http://localhost:${port}/`, { http: port, https: port }, store, []);
      const [p] = store.probesSince(`localhost-${port}`, '2000-01-01T00:00:00Z');
      expect(p).toMatchObject({ ok: false, outcome: 'connect' });
      expect(r.findings.find((f) => f.rule === 'health.availability')?.severity).toBe('critical');
    } finally {
      store.close();
    }
  });
});

describe('sites[] of a scan', () => {
  it('carries what the latest probe of the site observed, and the availability window', async () => {
    const http = createHttp((q, s) => {
      if (q.url === '/robots.txt') return s.writeHead(404).end();
      s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><title>首页</title></head><body>首页</body></html>');
    });
    const port = await listen(http, '127.0.0.1');
    const closed = createHttp();
    const httpsPort = await listen(closed, '127.0.0.1');
    await new Promise<void>((r) => closed.close(() => r()));
    const store = testStore();
    const config = parseConfig({ crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false } }, '(test)');
    const ctx = { config, clock: { now: () => new Date() }, log: silentLogger, store };
    try {
      const before = await scan(ctx, `http://localhost:${port}/`, selectChecks(['links']));
      expect(before.sites[0]).toEqual({ id: `localhost-${port}`, url: `http://localhost:${port}/`, name: `localhost:${port}` });
      await runProbe(`http://localhost:${port}/`, { http: port, https: httpsPort }, store, []);
      const after = await scan(ctx, `http://localhost:${port}/`, selectChecks(['links']));
      expect(after.sites[0]).toMatchObject({ observedAt: expect.any(String), headers: { grade: expect.any(String), algorithm: 'observatory-v6' }, https: { redirectsToHttps: false }, availability: { probes: 1, failures: 0, ratio: 0 } });
    } finally {
      http.close();
      store.close();
    }
  });
});

describe('xunjian probe on hostile servers', () => {
  async function tcp(onConnection: (s: import('node:net').Socket) => void): Promise<{ port: number; close(): void }> {
    const { createServer } = await import('node:net');
    const sockets = new Set<import('node:net').Socket>();
    const server = createServer((s) => {
      sockets.add(s);
      s.on('error', () => undefined);
      onConnection(s);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    return { port: (server.address() as AddressInfo).port, close: () => { for (const s of sockets) s.destroy(); server.close(); } };
  }

  it('classifies a reset and a stalled handshake within the deadline, and survives huge and garbage headers', async () => {
    const reset = await tcp((s) => s.resetAndDestroy());
    const stall = await tcp(() => undefined);
    const many = createHttp((_q, s) => {
      for (let i = 0; i < 10_000; i++) s.setHeader(`x-h${i}`, 'v');
      s.end('x');
    });
    const manyPort = await listen(many, '127.0.0.1');
    const garbage = createHttp((_q, s) => {
      s.setHeader('set-cookie', ['=;;;', 'no-equals-sign', 'a=b; SameSite=Bogus; Secure', 'c=d; Expires=not-a-date;;; HttpOnly=maybe']);
      s.setHeader('content-type', 'text/html');
      s.end('<html></html>');
    });
    const garbagePort = await listen(garbage, '127.0.0.1');
    const store = testStore();
    try {
      const started = Date.now();
      const outcomes = await Promise.all(
        [reset.port, stall.port, manyPort, garbagePort].map(async (port) => {
          await runProbe(`http://localhost:${port}/`, { http: port, https: port }, store, []);
          return store.probesSince(`localhost-${port}`, '2000-01-01T00:00:00Z')[0]!.outcome;
        }),
      );
      // Every probe ends by its own 4 s deadline (the timeout given to runProbe), however the server behaves.
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(outcomes[0]).toBe('reset');
      expect(outcomes[1]).toBe('timeout');
      expect(['connect', 'reset', 'ok']).toContain(outcomes[2]);
      expect(outcomes[3]).toBe('ok');
    } finally {
      reset.close();
      stall.close();
      many.close();
      garbage.close();
      store.close();
    }
  }, 30_000);
});

describe('the probe\u2019s homepage read', () => {
  it('decodes a GBK homepage as the crawler does, so its links keep their Chinese paths', async () => {
    const { exchange } = await import('../../pipelines/probe/http');
    const iconv = (await import('iconv-lite')).default;
    const server = createHttp((_q, s) => {
      s.setHeader('content-type', 'text/html; charset=gbk');
      s.end(iconv.encode('<html><body><a href="/新闻中心/index.html">新闻中心</a></body></html>', 'gbk'));
    });
    const port = await listen(server, '127.0.0.1');
    try {
      const ex = await exchange(`http://127.0.0.1:${port}/`, { userAgent: 'xunjian-test', timeoutMs: 4000 });
      expect(ex.body).toContain('href="/新闻中心/index.html"');
    } finally {
      server.close();
    }
  });
});
