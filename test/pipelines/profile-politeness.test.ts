/**
 * scan fetches the key pages as a phone, Baiduspider and a search visitor beside its crawl: those
 * requests go through the crawl's politeness, so a site promised one request at a time with a gap
 * between them (a fragile server, a firewall that blocks bursts) sees exactly that.
 *
 * The gaps are taken where the client writes each request to its socket (undici's sendHeaders
 * channel). Stamped where the site read them, in the test's own busy process, one request looked
 * 24 ms after the one before (CI, stop 38): partly the stamp, partly real, since the limiter
 * counted gaps from its grants and a request could go out tens of milliseconds after its grant.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectChecks } from '../../checks/registry';
import { parseConfig } from '../../pipelines/config';
import { scan, type JobContext } from '../../pipelines/jobs';
import { silentLogger } from '../../pipelines/log';
import { startLoopback } from '../helpers/loopback';
import { testStore } from '../helpers/test-store';

const PAGES = 8;
const GAP_MS = 80;

describe('profile fetches beside the crawl', () => {
  it('keep to the crawl\u2019s one request at a time and its gap between requests', async () => {
    let inFlight = 0;
    let most = 0;
    const sent: number[] = [];
    const onSend = (): void => void sent.push(performance.now());
    subscribe('undici:client:sendHeaders', onSend);
    const agents = new Set<string>();
    const srv = await startLoopback((req, res) => {
      most = Math.max(most, ++inFlight);
      agents.add(req.headers['user-agent'] ?? '');
      res.on('close', () => inFlight--);
      setTimeout(() => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
        const links = Array.from({ length: PAGES }, (_, i) => `<a href="/p${i}.html">文章${i}</a>`).join('');
        if (req.url === '/') return res.end(`<html><head><title>示范市人民政府</title></head><body>${links}</body></html>`);
        if (/^\/p\d+\.html$/.test(req.url ?? '')) return res.end(`<html><head><title>文章</title></head><body><p>通知。</p></body></html>`);
        res.writeHead(404).end();
      }, 20);
    });
    const store = testStore(join(mkdtempSync(join(tmpdir(), 'xj-profiles-')), 'x.db'));
    let connections = 0;
    srv.server.on('connection', () => connections++);
    const config = parseConfig({ crawl: { perOrigin: 1, perIp: 1, minIntervalMs: GAP_MS, jitterMs: 0, sitemaps: false, retries: 0 }, tamper: { render: false } }, '(test)');
    const ctx: JobContext = { config, clock: { now: () => new Date() }, log: silentLogger, store };
    try {
      const r = await scan(ctx, `${srv.origin}/`, selectChecks(['tamper.cloaking', 'links']));
      expect(r.summary.status).toBe('complete');
      // The profiles were fetched (a spider's user agent reached the site) and cloaking was judged.
      expect([...agents].some((a) => /Baiduspider/.test(a))).toBe(true);
      expect(r.summary.rulesRun).toContain('tamper.cloaking');
      expect(most).toBe(1);
      // On one connection: a site promised one saw a second, the profiles' own, before they shared the crawl's pool.
      expect(connections).toBe(1);
      // The first request waited for its connection, so the gaps count from the second.
      const gaps = sent.slice(2).map((t, i) => t - sent[i + 1]!);
      expect(gaps.length).toBeGreaterThan(PAGES);
      // The limiter counts each gap from the moment the request before went out, so a busy event loop
      // only widens it; 10 ms of slack is for the thread being descheduled between that moment and the
      // stamp (a machine three times over-committed showed 71). Profile requests with a limiter of
      // their own went out 23 to 57 ms after the crawl's.
      expect(gaps.filter((g) => g < GAP_MS - 10)).toEqual([]);
    } finally {
      unsubscribe('undici:client:sendHeaders', onSend);
      store.close();
      await srv.close();
    }
  }, 30_000);

  it('are all fetched when the crawl ends first (a one-page site)', async () => {
    const srv = await startLoopback((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
      if (req.url === '/') return res.end('<html><head><title>示范市人民政府</title></head><body><p>首页。</p></body></html>');
      res.writeHead(404).end();
    });
    const store = testStore(join(mkdtempSync(join(tmpdir(), 'xj-profiles-')), 'x.db'));
    // The crawl's two or three requests end long before the profiles' four, each 150 ms apart.
    const config = parseConfig({ crawl: { perOrigin: 1, perIp: 1, minIntervalMs: 150, jitterMs: 0, sitemaps: false, retries: 0 }, tamper: { render: false } }, '(test)');
    const ctx: JobContext = { config, clock: { now: () => new Date() }, log: silentLogger, store };
    try {
      const r = await scan(ctx, `${srv.origin}/`, selectChecks(['tamper.cloaking', 'links']));
      expect(r.summary.status).toBe('complete');
      expect(r.summary.rulesRun).toContain('tamper.cloaking');
      expect(srv.hits.get('/')).toBeGreaterThanOrEqual(5);
    } finally {
      store.close();
      await srv.close();
    }
  }, 30_000);
});
