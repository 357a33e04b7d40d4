/**
 * robots.txt that answers with a redirect (an http origin moved to https, www to the bare name) is
 * followed, for the crawl and for outbound links alike: read as the 3xx it answered, it would be
 * "unreachable", disallow everything, and leave a hijacked outbound domain unchecked.
 */
import { CrawlSource, type CrawlConfig } from '../../../pipelines/sources/crawl';
import { DEFAULT_LIMITS } from '../../../pipelines/sources/fetch';
import type { SourceItem } from '../../../pipelines/sources/source';
import type { LinkObservation } from '../../../checks/types';
import { RobotsFiles } from '../../../pipelines/sources/robots';
import { Store } from '../../../pipelines/store/store';
import { silentLogger } from '../../../pipelines/log';
import { htmlPage, startLoopback, type Loopback } from '../../helpers/loopback';

describe('robots.txt behind a redirect', () => {
  let srv: Loopback;
  let partner: string;
  const robotsAsked: string[] = [];
  beforeAll(async () => {
    srv = await startLoopback((q, s) => {
      const host = (q.headers.host ?? '').split(':')[0];
      if (q.url === '/robots.txt') {
        robotsAsked.push(host!);
        s.statusCode = 301;
        s.setHeader('location', '/robots-moved.txt');
        return void s.end();
      }
      if (q.url === '/robots-moved.txt') return void s.end(host === 'partner.example' ? 'User-agent: *\nDisallow: /private\n' : 'User-agent: *\nDisallow: /hidden/\n');
      s.setHeader('content-type', 'text/html; charset=utf-8');
      if (host === 'partner.example') return void s.end(q.url === '/casino' ? htmlPage('澳门新葡京', '澳门新葡京娱乐城，真人百家乐在线投注，六合彩开奖，注册即送彩金。') : htmlPage('合作单位', '合作单位'));
      if (q.url === '/hidden/a.html') return void s.end(htmlPage('不应抓取', '不应抓取'));
      s.end(htmlPage('首页', '示范市人民政府', [`${partner}/casino`, `${partner}/private`, '/hidden/a.html']));
    });
    partner = `http://partner.example:${new URL(srv.origin).port}`;
  });
  afterAll(() => srv.close());

  it('follows it: the site\'s own rules hold, the outbound host is checked and judged, its disallowed path is not fetched', async () => {
    const cfg: CrawlConfig = {
      siteId: 't', seeds: [`${srv.origin}/`], hosts: [], include: [], exclude: [], maxPages: 5, maxDepth: 2, concurrency: 2,
      politeness: { perOrigin: 2, perIp: 4, minIntervalMs: 0, jitterMs: 0, maxBackoffMs: 100 },
      respectRobots: true, sitemaps: false, userAgent: 'XunjianBot/test', productToken: 'XunjianBot', limits: DEFAULT_LIMITS,
      maxAttachmentBytes: 1 << 20, retries: 0, maxRedirects: 5, checkResources: true, allowPrivateNetworks: true, circuitBreaker: 20, maxExternalHosts: 10,
    };
    const items: SourceItem[] = [];
    const resolve = async (): Promise<string> => '127.0.0.1';
    for await (const it of new CrawlSource(cfg, { store: Store.open(':memory:'), log: silentLogger, resolve }).items()) {
      items.push(it);
      if (it.kind === 'page') it.ack?.();
    }
    const links: LinkObservation[] = items.flatMap((i) => (i.kind === 'links' ? i.links : []));
    const pages = items.flatMap((i) => (i.kind === 'page' ? [new URL(i.page.url).pathname] : []));
    expect(pages).toEqual(['/']);
    expect(links.find((l) => l.to === `${partner}/casino`)).toMatchObject({ external: true, hijack: expect.stringMatching(/^prohibited/) });
    expect(links.find((l) => l.to === `${partner}/private`)).toBeUndefined();
    expect(robotsAsked.sort()).toEqual(['127.0.0.1', 'partner.example']);
  });

  it('gives up after five redirects, and reads a fetch that fails as its caller says', async () => {
    let asked = 0;
    const loop = new RobotsFiles(async (url) => {
      asked++;
      return { status: 302, headers: { location: `${url}x` } };
    });
    expect(await loop.of('http://a.example')).toMatchObject({ state: 'unreachable', status: 302 });
    expect(asked).toBe(6);
    const down = new RobotsFiles(
      async () => {
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      },
      (origin) => ({ origin, state: 'unavailable', status: 404 }),
    );
    expect(await down.of('http://b.example')).toMatchObject({ state: 'unavailable' });
  });
});
