/**
 * A site whose firewall starts turning the crawler away mid-crawl (it answers 403 to every request
 * after the first few): that is one block, said as such, not dozens of broken links — and the site
 * is up for its visitors, so no availability failure either. Caused for real: a loopback server
 * that switches to refusing after its sixth request.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectChecks } from '../../checks/registry';
import { parseConfig } from '../../pipelines/config';
import { scan, type JobContext } from '../../pipelines/jobs';
import { silentLogger } from '../../pipelines/log';
import { htmlPage, startLoopback } from '../helpers/loopback';
import { testStore } from '../helpers/test-store';

const ARTICLES = 30;

async function crawl(refuseAfter: number, refusal: number): Promise<Awaited<ReturnType<typeof scan>>> {
  let requests = 0;
  const srv = await startLoopback((req, res) => {
    if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
    requests++;
    if (requests > refuseAfter) return res.writeHead(refusal, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body>您的访问被拦截</body></html>');
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (req.url === '/') return res.end(htmlPage('示范市人民政府', '2026-11-20 示范市召开会议。', Array.from({ length: ARTICLES }, (_, i) => `/a/${i}.html`)));
    const m = /^\/a\/(\d+)\.html$/.exec(req.url ?? '');
    if (!m || m[1] === '0') return res.writeHead(404).end('not here');
    res.end(htmlPage(`第${m[1]}号通知`, '2026-11-20 正文。'));
  });
  const store = testStore(join(mkdtempSync(join(tmpdir(), 'xj-blocked-')), 'x.db'));
  try {
    const config = parseConfig({ crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false, retries: 0, concurrency: 1, circuitBreaker: 5 } }, '(test)');
    const ctx: JobContext = { config, clock: { now: () => new Date('2026-11-21T02:00:00Z') }, log: silentLogger, store };
    return await scan(ctx, `${srv.origin}/`, selectChecks(['links', 'health']));
  } finally {
    store.close();
    await srv.close();
  }
}

describe('a site that turns the crawler away', () => {
  it.each([403, 412])('answering %i to everything after a few pages is one block, not broken links', async (refusal) => {
    const r = await crawl(6, refusal);
    expect(r.summary.status).toBe('partial');
    expect(r.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'blocked-by-site', message: expect.stringContaining(`HTTP ${refusal}`) })]));
    const broken = r.findings.filter((f) => f.rule === 'links.broken');
    // The one real 404, fetched before the block, is still reported; no refusal is.
    expect(broken.map((f) => f.url)).toEqual([expect.stringMatching(/\/a\/0\.html$/)]);
    expect(r.findings.some((f) => f.rule === 'health.availability')).toBe(false);
  }, 60_000);

  it('a few refusals among answered pages are broken links as before', async () => {
    const r = await crawl(ARTICLES - 2, 403);
    expect(r.summary.status).toBe('complete');
    expect(r.findings.filter((f) => f.rule === 'links.broken' && f.title.includes('HTTP 403')).length).toBeGreaterThan(0);
  }, 60_000);
});
