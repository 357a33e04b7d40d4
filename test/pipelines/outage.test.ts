/**
 * Outages are not clean runs: a dead site, or one that goes down mid-crawl, ends the run failed
 * or partial with the reason, raises one health.availability finding instead of a broken link per
 * refused URL, exits non-zero, and never counts as a complete run that could close an issue.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { htmlPage } from '../helpers/loopback';

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const PAGES = 60;
const LEAK_PAGE = 45;

/** A 60-page site on a fixed port that can be told to go down after `upFor` requests. */
class FlakySite {
  private server?: Server;
  requests = 0;
  upFor = Infinity;
  constructor(readonly port: number) {}
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.requests = 0;
    const server = createServer((req, res) => {
      if (++this.requests > this.upFor) {
        req.socket.destroy();
        void this.stop();
        return;
      }
      const m = /^\/p(\d+)\.html$/.exec(req.url ?? '');
      res.writeHead(req.url === '/' || m ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      if (req.url === '/') return void res.end(htmlPage('首页', '2026-12-01 示范市召开会议。', Array.from({ length: PAGES }, (_, i) => `/p${i + 1}.html`)));
      if (m) return void res.end(htmlPage(`第${m[1]}页`, Number(m[1]) === LEAK_PAGE ? '申请人身份证号码：110105199003071239' : '示范市召开经济形势分析会。'));
      res.end('not found');
    });
    this.server = server;
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', () => r()));
  }
  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    await new Promise<void>((r) => {
      s.close(() => r());
      s.closeAllConnections();
    });
  }
}

function workdir(extra: object = {}): string {
  const work = mkdtempSync(join(tmpdir(), 'xj-outage-'));
  writeFileSync(join(work, 'xunjian.config.json'), JSON.stringify({
    crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false, retries: 1, maxBackoffMs: 50 },
    evidence: { dir: 'ledger' },
    sinks: { files: { type: 'local' } },
    issues: { routing: { privacy: { sinks: ['files'] }, operations: { sinks: ['files'] }, content: { sinks: ['files'] } } },
    ...extra,
  }));
  return work;
}

describe('a dead site', () => {
  it('is a failed run with the cause, exit 2, not a clean one', async () => {
    const port = await closedPort();
    const r = await runCli(['scan', `http://127.0.0.1:${port}/`, '--format', 'json'], workdir());
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.summary.status).toBe('failed');
    expect(out.errors.map((e: { code: string }) => e.code)).toEqual(expect.arrayContaining(['connection-refused', 'site-unreachable']));
    expect(out.errors.find((e: { code: string }) => e.code === 'connection-refused').message).toContain('robots.txt could not be fetched');
    expect(out.findings.filter((f: { rule: string }) => f.rule === 'health.availability')).toHaveLength(1);
    expect(out.findings.filter((f: { rule: string }) => f.rule === 'links.broken')).toEqual([]);
  });
  it('a robots.txt answering 503 still blocks the crawl as RFC 9309 says, and is not an outage', async () => {
    const srv = createServer((req, res) => {
      res.writeHead(req.url === '/robots.txt' ? 503 : 200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(htmlPage('首页', '示范市'));
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = srv.address() as AddressInfo;
      const out = JSON.parse((await runCli(['scan', `http://127.0.0.1:${port}/`, '--format', 'json'], workdir())).stdout);
      expect(out.errors.map((e: { code: string }) => e.code)).not.toContain('site-unreachable');
      expect(out.summary.skippedUrls).toBe(1);
    } finally {
      srv.close();
    }
  });
});

describe('a site that goes down mid-crawl', () => {
  it('trips the breaker: one availability finding, no broken links, partial, exit 2, and its issues stay open', async () => {
    const site = new FlakySite(await closedPort());
    const work = workdir({ issues: { closeAfter: 2, routing: { privacy: { sinks: ['files'] }, operations: { sinks: ['files'] }, content: { sinks: ['files'] } } } });
    try {
      await site.start();
      const first = JSON.parse((await runCli(['scan', `${site.origin}/`, '--format', 'json'], work)).stdout);
      expect(first.summary.status).toBe('complete');
      const leak = first.findings.find((f: { rule: string }) => f.rule === 'privacy.id-card');
      expect(leak.url).toBe(`${site.origin}/p${LEAK_PAGE}.html`);
      for (let i = 0; i < 2; i++) {
        await site.stop();
        site.upFor = 12;
        await site.start();
        const r = await runCli(['scan', `${site.origin}/`, '--format', 'json'], work);
        expect(r.code).toBe(2);
        const out = JSON.parse(r.stdout);
        expect(out.summary.status).toBe('partial');
        expect(out.findings.filter((f: { rule: string }) => f.rule === 'links.broken')).toEqual([]);
        expect(out.findings.filter((f: { rule: string }) => f.rule === 'health.availability')).toHaveLength(1);
        expect(out.errors.filter((e: { code: string }) => e.code === 'site-unreachable')).toHaveLength(1);
        // The URLs after the breaker tripped were not tried one by one.
        expect(out.summary.skippedUrls).toBeGreaterThan(20);
        expect(out.summary.issues.events.closed).toBe(0);
        expect(out.summary.issues.events['rows-fixed']).toBe(0);
      }
      const issues = JSON.parse((await runCli(['issues', '--format', 'json'], work)).stdout);
      expect(issues.find((i: { family: string }) => i.family === 'privacy')).toMatchObject({ open: 1 });
    } finally {
      await site.stop();
    }
  });
});
