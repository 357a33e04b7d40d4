import { testStore } from '../../helpers/test-store';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { CrawlSource } from '../../../pipelines/sources/crawl';
import { isPrivateAddress } from '../../../checks/private-address';
import { DEFAULT_LIMITS } from '../../../pipelines/sources/fetch';
import type { SourceItem } from '../../../pipelines/sources/source';
import { dateSources } from '../../../checks/dates/date-sources';
import { silentLogger } from '../../../pipelines/log';
import { collect, crawlConfig } from '../../helpers/crawl-config';
import { htmlPage, startLoopback, type Loopback } from '../../helpers/loopback';

const config = crawlConfig;

/** Leaves out the routes that are slow on purpose, for tests about something else. */
const FAST = ['/slow$', '/bomb$', '/loop1$'];
const pages = (items: SourceItem[]) => items.flatMap((i) => (i.kind === 'page' ? [new URL(i.page.url).pathname] : [])).sort();
const errors = (items: SourceItem[]) => Object.fromEntries(items.flatMap((i) => (i.kind === 'error' ? [[new URL(i.error.input).pathname, i.error.code]] : [])));

describe('CrawlSource on a loopback site', () => {
  let srv: Loopback;
  let inFlight = 0;
  let peak = 0;
  let retried = 0;
  const userAgents = new Set<string>();

  beforeAll(async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
      '/robots.txt': (_q, s) => s.end('User-agent: *\nDisallow: /secret/\n'),
      '/sitemap.xml': (q, s) => s.end(`<urlset><url><loc>http://${q.headers.host}/orphan.html</loc><lastmod>2026-05-04</lastmod></url></urlset>`),
      '/': (_q, s) =>
        s.end(htmlPage('首页', '首页', ['/a.html', '/b.html', '/secret/x.html', '/missing.html', '/redir', '/loop1', '/slow', '/bomb', '/flaky', '/doc.pdf', '/img.png', 'https://elsewhere.invalid/x'])),
      '/a.html': (_q, s) => s.end(htmlPage('A', '甲', ['/c.html', '/'])),
      '/b.html': (_q, s) => s.end(htmlPage('B', '乙', ['/c.html'])),
      '/c.html': (_q, s) => s.end(htmlPage('C', '丙')),
      '/orphan.html': (_q, s) => s.end(htmlPage('Orphan', '只在站点地图里')),
      '/target.html': (_q, s) => s.end(htmlPage('T', '重定向目标')),
      '/redir': (_q, s) => {
        s.writeHead(301, { location: '/redir2' });
        s.end();
      },
      '/redir2': (_q, s) => {
        s.writeHead(302, { location: '/target.html' });
        s.end();
      },
      '/loop1': (_q, s) => {
        s.writeHead(302, { location: '/loop2' });
        s.end();
      },
      '/loop2': (_q, s) => {
        s.writeHead(302, { location: '/loop1' });
        s.end();
      },
      '/slow': (_q, s) => {
        s.writeHead(200, { 'content-type': 'text/html' });
        const t = setInterval(() => s.write(' '), 100);
        s.on('close', () => clearInterval(t));
      },
      '/bomb': (_q, s) => {
        s.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        s.end(bomb);
      },
      '/flaky': (_q, s) => {
        if (retried++ === 0) {
          s.writeHead(429, { 'retry-after': '1' });
          s.end();
          return;
        }
        s.end(htmlPage('Flaky', '第二次才成功'));
      },
      '/doc.pdf': (_q, s) => {
        s.writeHead(200, { 'content-type': 'application/pdf' });
        s.end('%PDF-1.4 demo');
      },
      '/img.png': (q, s) => {
        s.writeHead(q.method === 'HEAD' ? 405 : 200, { 'content-type': 'image/png' });
        s.end();
      },
    };
    srv = await startLoopback((req, res) => {
      userAgents.add(req.headers['user-agent'] ?? '');
      inFlight++;
      peak = Math.max(peak, inFlight);
      res.on('close', () => inFlight--);
      const path = (req.url ?? '/').split('?')[0]!;
      const route = routes[path];
      if (route) {
        if (!res.hasHeader('content-type') && path.endsWith('.html')) res.setHeader('content-type', 'text/html; charset=utf-8');
        route(req, res);
      } else {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('not found');
      }
    });
  });
  afterAll(() => srv.close());

  it('crawls politely and records every outcome', async () => {
    const store = testStore();
    const src = new CrawlSource(config(`${srv.origin}/`), { store, log: silentLogger });
    const items = await collect(src);
    expect(pages(items)).toEqual(['/', '/a.html', '/b.html', '/c.html', '/flaky', '/orphan.html', '/redir']);
    // A page found through the sitemap keeps its <lastmod>, a date source for the dates rules.
    const orphan = items.find((i) => i.kind === 'page' && i.page.url.endsWith('/orphan.html'));
    expect(orphan?.kind === 'page' && dateSources(orphan.page).find((d) => d.source === 'sitemap:lastmod')?.value).toBe('2026-05-04T00:00:00+08:00');
    // robots.txt: never requested, reported as skipped with the rule's line.
    expect(srv.hits.get('/secret/x.html')).toBeUndefined();
    expect(items.find((i) => i.kind === 'skipped')).toMatchObject({ reason: expect.stringContaining('robots.txt line 2') });
    expect(errors(items)).toEqual({
      '/missing.html': 'http-404',
      '/loop1': 'network',
      '/slow': 'too-slow',
      '/bomb': 'decompression-bomb',
      '/doc.pdf': expect.stringMatching(/corrupt|unsupported/),
    });
    const loop = items.find((i) => i.kind === 'error' && i.error.input.endsWith('/loop1'));
    expect(loop && loop.kind === 'error' && loop.error.message).toMatch(/redirect loop/);
    // Redirect chain kept as evidence on the page.
    const redir = items.find((i) => i.kind === 'page' && i.page.url.endsWith('/redir'));
    expect(redir && redir.kind === 'page' && redir.page.redirects.map((h) => h.status)).toEqual([301, 302]);
    expect(redir && redir.kind === 'page' && redir.page.finalUrl).toBe(`${srv.origin}/target.html`);
    // 429 with Retry-After was retried after waiting; a body dripping past the deadline was not
    // (asking again costs the same wait: three minutes a tarpit page with the default limits).
    expect(srv.hits.get('/flaky')).toBe(2);
    expect(srv.hits.get('/slow')).toBe(1);
    // HEAD refused -> GET; attachment downloaded as a document.
    expect(srv.hits.get('/img.png')).toBe(2);
    expect(items.some((i) => i.kind === 'document' && i.doc.kind === 'pdf' && i.doc.sha256.length === 64)).toBe(true);
    // Off-site links are never fetched; our limits held.
    expect(peak).toBeLessThanOrEqual(2);
    expect([...userAgents].every((u) => u.includes('XunjianBot'))).toBe(true);
    // Broken links reported with their source page.
    const links = items.find((i) => i.kind === 'links');
    expect(links && links.kind === 'links' && links.links.map((l) => [new URL(l.from).pathname, new URL(l.to).pathname, l.status ?? l.error]).sort()).toEqual([
      ['/', '/bomb', 'decompression-bomb'],
      ['/', '/loop1', 'network'],
      ['/', '/missing.html', 404],
      ['/', '/slow', 'too-slow'],
    ]);
    expect(src.complete()).toBe(true);
  });

  it('stops at the page cap and says the crawl was partial', async () => {
    const store = testStore();
    const src = new CrawlSource(config(`${srv.origin}/`, { maxPages: 2, sitemaps: false, exclude: FAST }), { store, log: silentLogger });
    const items = await collect(src);
    expect(pages(items)).toHaveLength(2);
    expect(items.some((i) => i.kind === 'skipped' && /page cap/.test(i.reason))).toBe(true);
    expect(src.complete()).toBe(false);
  });

  it('respects depth and exclude patterns', async () => {
    const store = testStore();
    const src = new CrawlSource(config(`${srv.origin}/`, { maxDepth: 1, exclude: ['/b\\.html$', ...FAST], sitemaps: false, checkResources: false }), { store, log: silentLogger });
    const got = pages(await collect(src));
    expect(got).toContain('/a.html');
    expect(got).not.toContain('/b.html');
    expect(got).not.toContain('/c.html');
  });

  // The README's own example excludes a site's search pages: an office that keeps a path out means
  // it is not requested, not requested once per link as if it were another site's.
  it('requests no excluded address of the site, with outbound links checked', async () => {
    const store = testStore();
    srv.hits.delete('/b.html');
    const src = new CrawlSource(config(`${srv.origin}/`, { exclude: ['/b\\.html$', ...FAST], sitemaps: false, checkResources: false, maxExternalHosts: 10, retries: 0 }), { store, log: silentLogger, resolve: async () => '127.0.0.1' });
    const items = await collect(src);
    expect(pages(items)).toContain('/a.html');
    expect(srv.hits.get('/b.html') ?? 0).toBe(0);
    const links = items.flatMap((i) => (i.kind === 'links' ? i.links : []));
    expect(links.some((l) => l.to.endsWith('/b.html'))).toBe(false);
    // Another site's link is still checked.
    expect(links.some((l) => l.to.startsWith('https://elsewhere.invalid/'))).toBe(true);
  });

  it('resumes a stopped crawl without refetching what was acknowledged', async () => {
    const store = testStore();
    const stop = new AbortController();
    const first = new CrawlSource(config(`${srv.origin}/`, { concurrency: 1, sitemaps: false, checkResources: false, exclude: FAST }), { store, log: silentLogger, signal: stop.signal });
    const seen: string[] = [];
    for await (const it of first.items()) {
      if (it.kind === 'page') {
        seen.push(new URL(it.page.url).pathname);
        it.ack?.();
        if (seen.length === 2) stop.abort();
      }
    }
    expect(first.complete()).toBe(false);
    const second = new CrawlSource(config(`${srv.origin}/`, { concurrency: 1, sitemaps: false, checkResources: false, exclude: FAST }), { store, log: silentLogger });
    const rest = pages(await collect(second));
    expect(rest.filter((p) => seen.includes(p))).toEqual([]);
    expect([...seen, ...rest].sort()).toEqual(['/', '/a.html', '/b.html', '/c.html', '/flaky', '/redir']);
    expect(second.complete()).toBe(true);
  });

  it('starts afresh a crawl killed before its first frontier write, instead of resuming nothing as a clean site', async () => {
    const store = testStore();
    store.openCrawl('s', [`${srv.origin}/`], new Date().toISOString()); // what a process killed at once leaves
    const src = new CrawlSource(config(`${srv.origin}/`, { concurrency: 1, sitemaps: false, checkResources: false, exclude: FAST }), { store, log: silentLogger });
    expect(pages(await collect(src)).sort()).toEqual(['/', '/a.html', '/b.html', '/c.html', '/flaky', '/redir']);
  });

  it('fetches again, when asked (a queue worker resuming a dead attempt), the pages the earlier attempt had done', async () => {
    const store = testStore();
    const stop = new AbortController();
    const opts = { concurrency: 1, sitemaps: false, checkResources: false, exclude: FAST };
    const first = new CrawlSource(config(`${srv.origin}/`, opts), { store, log: silentLogger, signal: stop.signal });
    let n = 0;
    for await (const it of first.items()) {
      if (it.kind === 'page') {
        it.ack?.();
        if (++n === 2) stop.abort();
      }
    }
    const second = new CrawlSource({ ...config(`${srv.origin}/`, opts), refetchDone: true }, { store, log: silentLogger });
    expect(pages(await collect(second)).sort()).toEqual(['/', '/a.html', '/b.html', '/c.html', '/flaky', '/redir']);
  });

  it('treats a robots.txt that answers 503 as "disallow everything"', async () => {
    const s503 = await startLoopback((req, res) => {
      res.writeHead(req.url === '/robots.txt' ? 503 : 200, { 'content-type': 'text/html' });
      res.end(htmlPage('x', 'y'));
    });
    try {
      const items = await collect(new CrawlSource(config(`${s503.origin}/`, { retries: 0, sitemaps: false }), { store: testStore(), log: silentLogger }));
      expect(pages(items)).toEqual([]);
      expect(s503.hits.get('/')).toBeUndefined();
      expect(items.some((i) => i.kind === 'skipped' && /unreachable/.test(i.reason))).toBe(true);
    } finally {
      await s503.close();
    }
  });

  it('records an unreachable site as errors, never drops the URL', async () => {
    const items = await collect(new CrawlSource(config('http://127.0.0.1:1/', { retries: 0, respectRobots: false, sitemaps: false }), { store: testStore(), log: silentLogger }));
    expect(errors(items)).toEqual({ '/': 'connection-refused' });
  });
});

describe('a 500 MB attachment', () => {
  it('is refused by its declared size or cut at the cap while streaming, and the crawl goes on', async () => {
    let streamed = 0;
    const srv = await startLoopback((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(htmlPage('附件', '名单见附件', ['/declared.xls', '/chunked.zip', '/after.html']));
      } else if (path === '/declared.xls') {
        res.writeHead(200, { 'content-type': 'application/vnd.ms-excel', 'content-length': String(500 * 2 ** 20) });
        res.write(Buffer.alloc(64 * 1024));
        req.socket.on('close', () => res.destroy());
      } else if (path === '/chunked.zip') {
        res.writeHead(200, { 'content-type': 'application/zip' });
        const chunk = Buffer.alloc(1 << 20, 0x50);
        const pump = (): void => {
          while (streamed < 500 * 2 ** 20 && !res.destroyed) {
            streamed += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      } else if (path === '/after.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(htmlPage('之后', '正常页面'));
      } else {
        res.writeHead(404).end();
      }
    });
    try {
      const cap = 50 * 2 ** 20;
      const src = new CrawlSource(config(`${srv.origin}/`, { sitemaps: false, maxAttachmentBytes: cap, limits: { ...DEFAULT_LIMITS, totalTimeoutMs: 20_000, bodyTimeoutMs: 10_000, headersTimeoutMs: 2000, maxBodyBytes: 256 * 1024, maxDecodedBytes: 1024 * 1024 } }), { store: testStore(), log: silentLogger });
      const items = await collect(src);
      expect(errors(items)).toEqual({ '/declared.xls': 'too-large', '/chunked.zip': 'too-large' });
      expect(pages(items)).toEqual(['/', '/after.html']);
      // The stream was abandoned near the cap, not read to 500 MB.
      expect(streamed).toBeLessThan(cap + 16 * 2 ** 20);
      expect(src.complete()).toBe(true);
    } finally {
      await srv.close();
    }
  }, 30_000);
});

describe('DNS rebinding', () => {
  it('connects to the address it vetted, never to a second answer for the same name', async () => {
    const srv = await startLoopback((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(htmlPage('首页', '正文'));
    });
    try {
      const port = new URL(srv.origin).port;
      const asked: string[] = [];
      // 'rebind.test' exists only in this resolver: a connection that looked the name up again
      // (system DNS) would fail; one that did would also have been free to go somewhere else.
      const resolve = async (host: string): Promise<string> => {
        asked.push(host);
        if (host !== 'rebind.test') throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
        return '127.0.0.1';
      };
      const src = new CrawlSource(config(`http://rebind.test:${port}/`, { sitemaps: false, respectRobots: false, allowPrivateNetworks: true }), { store: testStore(), log: silentLogger, resolve });
      const items = await collect(src);
      expect(pages(items)).toEqual(['/']);
      expect(new Set(asked)).toEqual(new Set(['rebind.test']));
      expect(asked.length).toBe(1); // resolved once, cached, and the connection used that answer
    } finally {
      await srv.close();
    }
  });
});

describe('isPrivateAddress', () => {
  it('knows loopback, RFC 1918, link-local and ULA ranges', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.1.1', '::1', 'fd00::1']) expect(isPrivateAddress(ip)).toBe(true);
    for (const ip of ['8.8.8.8', '172.32.0.1', '2001:db8::1']) expect(isPrivateAddress(ip)).toBe(false);
  });
});
