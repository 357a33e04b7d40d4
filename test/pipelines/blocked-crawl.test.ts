/**
 * A site whose firewall starts turning the crawler away mid-crawl (it answers 403 to every request
 * after the first few, or a bot challenge page with status 200): that is one block, said as such, not
 * dozens of broken links or a challenge page checked as the site — and the site is up for its
 * visitors, so no availability failure either. A start page that cannot be read makes a failed run,
 * never a clean one. Caused for real: a loopback server that switches to refusing after its Nth request.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { htmlPage, startLoopback } from '../helpers/loopback';
import { scanSite } from '../helpers/scan-site';

const ARTICLES = 30;

const CHALLENGE = readFileSync(join(__dirname, '..', 'fixtures', 'bot-challenges', 'ruishu.html'), 'utf8');

/** Which requests (counted from 1, robots.txt aside) the firewall refuses. */
type Refuses = (request: number) => boolean;

async function crawl(refuseAfter: number | Refuses, refusal: number, body = '<html><body>您的访问被拦截</body></html>'): ReturnType<typeof scanSite> {
  let requests = 0;
  const refuses: Refuses = typeof refuseAfter === 'number' ? (n) => n > refuseAfter : refuseAfter;
  const srv = await startLoopback((req, res) => {
    if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
    requests++;
    if (refuses(requests)) return res.writeHead(refusal, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (req.url === '/') return res.end(htmlPage('示范市人民政府', '2026-11-20 示范市召开会议。', Array.from({ length: ARTICLES }, (_, i) => `/a/${i}.html`)));
    const m = /^\/a\/(\d+)\.html$/.exec(req.url ?? '');
    if (!m || m[1] === '0') return res.writeHead(404).end('not here');
    res.end(htmlPage(`第${m[1]}号通知`, '2026-11-20 正文。'));
  });
  try {
    return await scanSite(srv.origin, ['links', 'health'], { now: '2026-11-21T02:00:00Z', crawl: { concurrency: 1, circuitBreaker: 5 } });
  } finally {
    await srv.close();
  }
}

/** One scan of a loopback site served by `handler`, the server closed after; with the site's origin. */
async function scanServed(handler: (req: IncomingMessage, res: ServerResponse) => void, checks: string[], crawl?: Record<string, unknown>): Promise<Awaited<ReturnType<typeof scanSite>> & { origin: string }> {
  const srv = await startLoopback(handler);
  try {
    return { ...(await scanSite(srv.origin, checks, { now: '2026-11-21T02:00:00Z', ...(crawl ? { crawl } : {}) })), origin: srv.origin };
  } finally {
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

  it.each([200, 521])('a bot challenge page (HTTP %i) in place of every page after a few is one block, not pages', async (status) => {
    const r = await crawl(6, status, CHALLENGE);
    expect(r.summary.status).toBe('partial');
    expect(r.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'blocked-by-site', message: expect.stringContaining('瑞数') })]));
    expect(r.findings.filter((f) => f.rule === 'links.broken').map((f) => f.url)).toEqual([expect.stringMatching(/\/a\/0\.html$/)]);
    expect(r.findings.some((f) => f.rule === 'health.availability')).toBe(false);
    expect(r.summary.pages).toBeLessThanOrEqual(6);
  }, 60_000);

  it('a few challenged pages among answered ones are neither pages nor broken links, and the run says it is partial', async () => {
    const r = await crawl((n) => n === 8 || n === 12, 200, CHALLENGE);
    expect(r.summary.status).toBe('partial');
    expect(r.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'bot-challenge', message: expect.stringContaining('2 page(s)') })]));
    expect(r.findings.filter((f) => f.rule === 'links.broken').map((f) => f.url)).toEqual([expect.stringMatching(/\/a\/0\.html$/)]);
    expect(r.summary.pages).toBe(ARTICLES - 2);
  }, 60_000);

  // Each of these was a 'complete' run before: the 200 challenge with a critical 首页长期不更新 (the
  // challenge has no date) and a missing 网站标识码; the refusals with no page and no finding at all.
  // A site down for its visitors (5xx, no start page) fails its availability probe; one that turns only the crawler away does not.
  it.each([
    ['a bot challenge (HTTP 200)', 200, CHALLENGE, 'blocked-by-site', []],
    ['HTTP 403', 403, undefined, 'blocked-by-site', []],
    ['HTTP 503', 503, undefined, 'site-unreachable', ['health.availability']],
    ['HTTP 404 (an address configured wrong, not a site down)', 404, undefined, 'start-page-missing', []],
  ])('a start page answered with %s makes a failed run with no page finding', async (_name, status, body, code, rules) => {
    const r = await crawl(0, status, body);
    expect(r.summary.status).toBe('failed');
    expect(r.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code })]));
    expect(r.findings.map((f) => f.rule)).toEqual(rules);
  }, 60_000);

  // These were 'complete' runs with no page, exit 0: a site nobody read, called clean.
  it.each([
    ['an HTTP redirect', (res: ServerResponse, to: string) => res.writeHead(302, { location: to }).end()],
    ['a page that sends the browser on', (res: ServerResponse, to: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><head><meta http-equiv="refresh" content="0;url=${to}"></head><body></body></html>`)],
  ])('a start page that moves the visitor to another host by %s fails the run, naming where', async (_name, move) => {
    const r = await scanServed((req, res) => {
      if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
      if (req.url === '/') return move(res, 'http://www.moved-site.gov.cn/');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(htmlPage('通知', '正文。'));
    }, ['links', 'health']);
    expect(r.summary.status).toBe('failed');
    expect(r.errors).toEqual([expect.objectContaining({ code: 'start-page-offsite', message: expect.stringContaining('http://www.moved-site.gov.cn/') })]);
    expect(r.findings.map((f) => f.rule)).toEqual([]);
  }, 60_000);

  it('a start page robots.txt keeps the crawler from fails the run, saying how to allow it; a page it allows still reads the site', async () => {
    let allowRoot = false;
    const srv = await startLoopback((req, res) => {
      if (req.url === '/robots.txt') return res.end(allowRoot ? 'User-agent: *\nDisallow: /private/\n' : 'User-agent: *\nDisallow: /\n');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(htmlPage('示范市人民政府', '正文。', ['/a.html']));
    });
    try {
      const r = await scanSite(srv.origin, ['links', 'health'], { now: '2026-11-21T02:00:00Z' });
      expect(r.summary.status).toBe('failed');
      expect(r.errors).toEqual([expect.objectContaining({ code: 'start-page-disallowed', message: expect.stringContaining('robots.txt line 2') })]);
      allowRoot = true;
      const ok = await scanSite(srv.origin, ['links', 'health'], { now: '2026-11-21T02:00:00Z' });
      expect(ok.summary.status).toBe('complete');
      expect(ok.summary.pages).toBe(2);
    } finally {
      await srv.close();
    }
  }, 60_000);

  it.each(['text/plain', 'application/octet-stream'])('a start page answered as %s (not a web page) fails the run, saying what came', async (type) => {
    const r = await scanServed((req, res) => {
      if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
      res.writeHead(200, { 'content-type': type }).end(htmlPage('示范市人民政府', '正文。', ['/a.html']));
    }, ['links', 'health']);
    expect(r.summary.status).toBe('failed');
    expect(r.errors).toEqual([expect.objectContaining({ code: 'start-page-unreadable', message: expect.stringContaining(`answered ${type}, not a web page`) })]);
  }, 60_000);

  // It was a complete run with one document, whose only error was the attachment's: the site called read.
  it('a start page answered as a PDF that cannot be opened leaves the run incomplete, saying why', async () => {
    const r = await scanServed((req, res) => {
      if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
      res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4\n1 0 obj garbage');
    }, ['links', 'privacy', 'dates']);
    expect(r.summary.status).not.toBe('complete');
    expect(r.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'start-page-unreadable', message: expect.stringContaining('answered application/pdf that could not be opened') })]));
  }, 60_000);

  // It was a redirect loop, the site given up as unreachable and a failed availability probe.
  it('a site that redirects a visitor without its session cookie to the same address, setting it, is read; one that loops regardless is still a loop', async () => {
    const r = await scanServed((req, res) => {
      if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
      if (req.url === '/loop.html') return res.writeHead(302, { location: '/loop.html', 'set-cookie': 'n=1; Path=/' }).end();
      if (!/JSESSIONID=abc/.test(req.headers.cookie ?? '')) return res.writeHead(302, { location: req.url, 'set-cookie': 'JSESSIONID=abc; Path=/; HttpOnly' }).end();
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url === '/') return res.end(htmlPage('示范市人民政府', '2026-11-20 示范市召开会议。', ['/a.html', '/loop.html']));
      if (req.url === '/a.html') return res.end(htmlPage('通知', '2026-11-20 正文。'));
      res.writeHead(404).end('not here');
    }, ['links', 'health']);
    expect(r.summary.status).toBe('complete');
    expect(r.summary.pages).toBe(2);
    expect(r.findings.filter((f) => f.rule === 'health.availability')).toEqual([]);
    expect(r.findings.filter((f) => f.rule === 'links.broken').map((f) => f.url)).toEqual([`${r.origin}/loop.html`]);
  }, 60_000);

  // Both were broken links (info, then broken at the next run): a 60 MB 规划 PDF works for its visitors.
  it('a page of 300,000 tags and an attachment over the cap beside the start page are errors naming them, not broken links, and the rest of the site is read', async () => {
    const r = await scanServed((req, res) => {
      if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
      if (req.url === '/plan.pdf') return res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.alloc(200 * 1024, 0x20));
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url === '/') return res.end(htmlPage('示范市人民政府', '2026-11-20 示范市召开会议。', ['/farm.html', '/a.html', '/plan.pdf']));
      if (req.url === '/farm.html') return res.end(htmlPage('链接', '<i>政</i>'.repeat(300_000)));
      if (req.url === '/a.html') return res.end(htmlPage('通知', '2026-11-20 正文。'));
      res.writeHead(404).end('not here');
    }, ['links', 'privacy'], { maxAttachmentBytes: 100 * 1024 });
    expect(r.summary.pages).toBe(2);
    expect(r.errors.map((e) => [e.code, e.input]).sort()).toEqual([['too-large', `${r.origin}/plan.pdf`], ['too-many-elements', `${r.origin}/farm.html`]]);
    expect(r.findings.filter((f) => f.rule === 'links.broken')).toEqual([]);
  }, 60_000);

  // This was a 'complete' run with no page, exit 0: a start page past the fetch limits read as a clean site.
  it.each([
    ['larger than crawl.maxBodyBytes', 'too-large'],
    ['a gzip bomb', 'decompression-bomb'],
    ['of 300,000 tags (2.1 MB, inside the body cap; 2.3 GB to parse at 1.5 million)', 'too-many-elements'],
  ])('a start page %s makes a failed run, not a clean one, and no availability failure', async (_name, cause) => {
    const bomb = gzipSync(Buffer.alloc(64 * 2 ** 20, 0x20));
    const r = await scanServed((req, res) => {
      if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
      if (cause === 'decompression-bomb') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' }).end(bomb);
      if (cause === 'too-many-elements') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(htmlPage('示范市人民政府', '<i>政</i>'.repeat(300_000)));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(htmlPage('示范市人民政府', '示范市召开会议。'.repeat(2000)));
    }, ['links', 'health'], cause === 'too-large' ? { maxBodyBytes: 16 * 1024 } : { maxDecodedBytes: 8 * 2 ** 20 });
    expect(r.summary.status).toBe('failed');
    expect(r.summary.pages).toBe(0);
    expect(r.errors.map((e) => e.code)).toEqual([cause, 'start-page-unreadable']);
    expect(r.findings.map((f) => f.rule)).toEqual([]);
  }, 60_000);
});

describe('an outbound host behind a firewall', () => {
  it('a challenge with an error status is a refusal (info); one with 200 is a working link, not its host\'s error page', async () => {
    const partner = await startLoopback((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url === '/robots.txt') return res.writeHead(404).end();
      if (req.url === '/gone.html') return res.writeHead(404).end('<html><body>404 Not Found</body></html>');
      if (req.url === '/refused.html') return res.writeHead(521).end(CHALLENGE);
      // Every other address, the soft-404 probe's included, gets the same challenge with 200.
      res.end(CHALLENGE);
    });
    const site = await startLoopback((req, res) => {
      if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url === '/') return res.end(htmlPage('示范市人民政府', '2026-11-20 示范市召开会议。', ['/a.html', `${partner.origin}/gone.html`, `${partner.origin}/refused.html`, `${partner.origin}/open.html`]));
      if (req.url === '/a.html') return res.end(htmlPage('通知', '2026-11-20 正文。'));
      res.writeHead(404).end('not here');
    });
    try {
      const r = await scanSite(site.origin, ['links'], { now: '2026-11-21T02:00:00Z' });
      expect(r.summary.status).toBe('complete');
      const broken = new Map(r.findings.filter((f) => f.rule === 'links.broken').map((f) => [new URL(f.url).pathname, f]));
      expect([...broken.keys()].sort()).toEqual(['/gone.html', '/refused.html']);
      expect(broken.get('/refused.html')).toEqual(expect.objectContaining({ severity: 'info', title: expect.stringContaining('拒绝了检测程序') }));
      expect(broken.get('/gone.html')!.severity).not.toBe('info');
    } finally {
      await site.close();
      await partner.close();
    }
  }, 60_000);

  // The working link was a redirect loop, a broken link from the next run on.
  it('an outbound host whose session filter redirects a new visitor to the same address, setting a cookie, is a working link', async () => {
    const partner = await startLoopback((req, res) => {
      if (req.url === '/robots.txt') return res.writeHead(404).end();
      if (req.url === '/loop.html') return res.writeHead(302, { location: '/loop.html' }).end();
      if (!/sid=1/.test(req.headers.cookie ?? '')) return res.writeHead(302, { location: req.url, 'set-cookie': 'sid=1; Path=/' }).end();
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url === '/open.html') return res.end(htmlPage('某市人民政府', '2026-11-20 正文。'));
      res.writeHead(404).end('<html><body>404 Not Found</body></html>');
    });
    const site = await startLoopback((req, res) => {
      if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url === '/') return res.end(htmlPage('示范市人民政府', '2026-11-20 示范市召开会议。', [`${partner.origin}/open.html`, `${partner.origin}/gone.html`, `${partner.origin}/loop.html`]));
      res.writeHead(404).end('not here');
    });
    try {
      const r = await scanSite(site.origin, ['links'], { now: '2026-11-21T02:00:00Z' });
      expect(r.findings.filter((f) => f.rule === 'links.broken').map((f) => new URL(f.url).pathname).sort()).toEqual(['/gone.html', '/loop.html']);
    } finally {
      await site.close();
      await partner.close();
    }
  }, 60_000);
});
