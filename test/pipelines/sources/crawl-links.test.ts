/**
 * Every link checked: a loopback server answers for several host names (a test resolver maps them
 * to 127.0.0.1), so one crawl meets internal and outbound links that work, 404, hang, refuse HEAD,
 * serve their host's error page with 200, redirect a missing page to the homepage, lapsed into a
 * parking page or a casino, or no longer resolve.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CrawlSource, type CrawlConfig } from '../../../pipelines/sources/crawl';
import { DEFAULT_LIMITS } from '../../../pipelines/sources/fetch';
import type { SourceItem } from '../../../pipelines/sources/source';
import type { LinkObservation } from '../../../checks/types';
import { Store } from '../../../pipelines/store/store';
import { silentLogger } from '../../../pipelines/log';
import { htmlPage, startLoopback, type Loopback } from '../../helpers/loopback';

const ERROR_PAGE = (path: string) => htmlPage('提示信息', `您访问的页面不存在或已被删除。请求地址：${path}。请返回首页继续浏览，或联系网站管理员。`);

describe('a crawl checks every link once', () => {
  let srv: Loopback;
  let port = 0;
  const hits = new Map<string, number>();
  const items: SourceItem[] = [];
  let links: LinkObservation[] = [];

  beforeAll(async () => {
    const site = (path: string, q: IncomingMessage, s: ServerResponse): void => {
      const ext = (h: string, p: string) => `http://${h}:${port}${p}`;
      const pages: Record<string, () => void> = {
        '/robots.txt': () => s.end(''),
        '/': () =>
          s.end(htmlPage('首页', '示范市人民政府', [
            '/a.html', '/gone.html', '/old.html', '/moved', '/style.css', '/app.js',
            ext('ext.test', '/ok.html'), ext('ext.test', '/missing.html'), ext('head405.test', '/file.pdf'),
            ext('parked.test', '/'), ext('casino.test', '/'), ext('gone.test', '/'), ext('soft.test', '/deleted.html'),
          ]).replace('</head>', '<link rel="stylesheet" href="/style.css"><script src="/app.js"></script><script src="/missing.js"></script></head>')),
        '/a.html': () => s.end(htmlPage('栏目', '工作动态', ['/gone.html', ext('ext.test', '/ok.html'), ext('hang.test', '/slow.html'), `${ext('fake.test', '/')}`]).replace(`>${ext('fake.test', '/')}<`, '>北京市人民政府<')),
        '/style.css': () => s.end('body{}'),
        '/app.js': () => s.end('1'),
        // The site's own missing pages: 200 with an error text (soft), or a redirect to the homepage.
        '/old.html': () => s.end(ERROR_PAGE(path)),
        '/moved': () => {
          s.writeHead(302, { location: '/' });
          s.end();
        },
      };
      if (pages[path]) return pages[path]!();
      if (path.startsWith('/xunjian-missing-')) {
        s.end(ERROR_PAGE(path));
        return;
      }
      s.statusCode = 404;
      s.end('not found');
    };
    const handlers: Record<string, (path: string, q: IncomingMessage, s: ServerResponse) => void> = {
      'site.test': site,
      'ext.test': (path, _q, s) => {
        if (path === '/ok.html' || path === '/robots.txt') return s.end(htmlPage('外部', '合作单位网站'));
        s.statusCode = 404;
        s.end();
      },
      'head405.test': (_p, q, s) => {
        s.statusCode = q.method === 'HEAD' ? 405 : 200;
        s.end(q.method === 'HEAD' ? undefined : 'pdf');
      },
      'parked.test': (_p, _q, s) => s.end(htmlPage('该域名正在出售', '此域名可出售，联系 broker')),
      'casino.test': (_p, _q, s) => s.end(htmlPage('欢迎光临', '澳门新葡京 真人百家乐 在线赌场 六合彩开奖')),
      'soft.test': (path, _q, s) => s.end(path === '/robots.txt' ? '' : htmlPage('soft', `抱歉，找不到您要的页面 ${path}。本站提供各类资讯服务，欢迎浏览其他栏目。`)),
      'fake.test': (_p, _q, s) => s.end(htmlPage('资讯', '一个商业网站')),
      'hang.test': (path, _q, s) => {
        if (path === '/robots.txt') s.end('');
        // Never answers otherwise.
      },
    };
    srv = await startLoopback((q, s) => {
      const host = (q.headers.host ?? '').split(':')[0]!;
      const path = (q.url ?? '/').split('?')[0]!;
      hits.set(`${q.method} ${host}${path}`, (hits.get(`${q.method} ${host}${path}`) ?? 0) + 1);
      (handlers[host] ?? ((_p, _q, r: ServerResponse) => ((r.statusCode = 421), r.end())))(path, q, s);
    });
    port = Number(new URL(srv.origin).port);
    const cfg: CrawlConfig = {
      siteId: 't', seeds: [`http://site.test:${port}/`], hosts: [], include: [], exclude: [], maxPages: 100, maxDepth: 5, concurrency: 4,
      politeness: { perOrigin: 2, perIp: 8, minIntervalMs: 0, jitterMs: 0, maxBackoffMs: 500 },
      respectRobots: true, sitemaps: false, userAgent: 'XunjianBot/test', productToken: 'XunjianBot',
      limits: { ...DEFAULT_LIMITS, totalTimeoutMs: 1500, bodyTimeoutMs: 1000, headersTimeoutMs: 1000 },
      maxAttachmentBytes: 1 << 20, retries: 1, maxRedirects: 5, checkResources: true, allowPrivateNetworks: true, circuitBreaker: 20, maxExternalHosts: 20,
    };
    const resolve = async (h: string): Promise<string> => {
      if (h === 'gone.test') throw Object.assign(new Error('queryA ENOTFOUND gone.test'), { code: 'ENOTFOUND' });
      return '127.0.0.1';
    };
    const src = new CrawlSource(cfg, { store: Store.open(':memory:'), log: silentLogger, resolve });
    for await (const it of src.items()) {
      items.push(it);
      if (it.kind === 'page' || it.kind === 'document') it.ack?.();
    }
    links = items.flatMap((i) => (i.kind === 'links' ? i.links : []));
  }, 60_000);

  afterAll(() => srv.close());

  const about = (to: string) => links.filter((l) => l.to.endsWith(to));

  it('finds internal 404s, with every page that carries them counted', () => {
    const gone = about('site.test:' + port + '/gone.html');
    // /moved is the homepage reached by a redirect: a page of its own to the crawl.
    expect(gone.map((l) => new URL(l.from).pathname).sort()).toEqual(['/', '/a.html', '/moved']);
    expect(gone[0]!.status).toBe(404);
    expect(gone[0]!.carriers).toBe(3);
  });

  it('checks scripts and stylesheets, and finds the missing one', () => {
    expect(about('/missing.js')[0]?.status).toBe(404);
    expect(about('/style.css')).toEqual([]);
    expect(hits.get('HEAD site.test/style.css')).toBe(1);
  });

  it('finds a soft 404 of the site itself, and a missing page redirected to the homepage', () => {
    expect(about('/old.html')[0]).toMatchObject({ status: 200, soft404: true });
    // /moved redirects to the homepage, but so does nothing missing on this site: the probe answers 200 in place.
    expect(about('/moved')).toEqual([]);
  });

  it('fetches an outbound target once however many pages carry it', () => {
    expect(hits.get('GET ext.test/ok.html')).toBe(1);
    const ok = about('ext.test:' + port + '/ok.html');
    expect(ok.every((l) => l.external && l.status === 200 && !l.soft404 && !l.hijack)).toBe(true);
    expect(about('ext.test:' + port + '/missing.html')[0]).toMatchObject({ external: true, status: 404 });
  });

  it('asks with GET where HEAD is refused', () => {
    expect(about('/file.pdf')[0]).toMatchObject({ status: 200 });
    expect(hits.get('HEAD head405.test/file.pdf')).toBe(1);
    expect(hits.get('GET head405.test/file.pdf')).toBe(1);
  });

  it('says what a lapsed outbound domain now serves', () => {
    expect(about('parked.test:' + port + '/')[0]?.hijack).toBe('parked');
    expect(about('casino.test:' + port + '/')[0]?.hijack).toMatch(/^prohibited: /);
    expect(about('gone.test:' + port + '/')[0]).toMatchObject({ hijack: 'unresolvable', error: 'dns' });
    expect(about('soft.test:' + port + '/deleted.html')[0]).toMatchObject({ status: 200, soft404: true });
  });

  it('reports a host that hangs as a timeout, and the crawl stays complete', () => {
    expect(about('/slow.html')[0]?.error).toMatch(/timeout/);
    expect(items.some((i) => i.kind === 'outage')).toBe(false);
  });

  it('keeps the anchor of outbound links for the dressed-link test', () => {
    expect(about('fake.test:' + port + '/')[0]?.anchor).toBe('北京市人民政府');
  });
});
