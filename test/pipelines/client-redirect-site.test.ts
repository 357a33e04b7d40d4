/**
 * Sites whose `/` is a stub that sends the browser on — a meta refresh, a one-line script, a
 * frameset of one frame — served on loopback. The crawl lands where a visitor lands: the homepage
 * is the real one (dated, with its marks), its articles are reached, and no critical 首页不更新 is
 * filed against the stub. A stub that sends visitors to a gambling site stays the page, for the
 * tamper rules.
 */
import { startLoopback } from '../helpers/loopback';
import { scanSite } from '../helpers/scan-site';

const HOME = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>示范市人民政府</title></head><body>
<ul><li><a href="/a.html">示范市召开常务会议</a> 2026-11-28</li></ul>
<div class="footer">主办：示范市人民政府办公室 网站标识码：4501000001 桂ICP备05001234号-1 桂公网安备 45010002000001号</div></body></html>`;

async function crawlFrom(stub: string) {
  const srv = await startLoopback((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
    if (req.url === '/') return res.end(stub);
    if (req.url === '/portal/index.html') return res.end(HOME);
    if (req.url === '/a.html') return res.end('<html><head><title>会议</title></head><body><h1>示范市召开常务会议</h1><p>发布时间：2026-11-28 示范市召开常务会议。</p></body></html>');
    res.writeHead(404).end();
  });
  try {
    return await scanSite(srv.origin, ['health', 'links', 'tamper'], { now: '2026-12-01T02:00:00Z' });
  } finally {
    await srv.close();
  }
}

describe('a site whose root sends the browser on', () => {
  it.each([
    ['a meta refresh', '<html><head><meta http-equiv="refresh" content="0;url=/portal/index.html"></head><body></body></html>'],
    ['a script', '<html><head><script>window.location.href="/portal/index.html";</script></head><body></body></html>'],
    ['a frameset of one frame', '<html><head><title>示范市人民政府</title></head><frameset rows="100%"><frame src="/portal/index.html"></frameset></html>'],
  ])('by %s is read from where the visitor lands', async (_name, stub) => {
    const r = await crawlFrom(stub);
    expect(r.summary.status).toBe('complete');
    expect(r.pages.some((p) => new URL(p.url).pathname === '/a.html')).toBe(true);
    expect(r.findings.filter((f) => f.rule === 'health.homepage-stale')).toEqual([]);
    // The real homepage shows its code and filings (it lacks the CONAC and 找错 marks, and is told so).
    expect(r.findings.filter((f) => f.rule === 'health.identity').map((f) => f.title).join()).not.toMatch(/网站标识码|ICP备案号/);
  }, 60_000);

  it('a stub that sends visitors to a gambling site stays the page the tamper rules judge', async () => {
    const r = await crawlFrom("<html><head><script>window.location.href='http://www.tiaozhuan-go.net/';</script></head><body></body></html>");
    expect(r.findings.map((f) => f.rule)).toContain('tamper.injected-script');
  }, 60_000);
});
