/**
 * An outbound domain that does not resolve is a lapsed registration only when the resolver works
 * and the registry sells to the public: with no name resolving at all the resolver is down (the
 * links are not judged and the run says so), and a gov.cn name cannot lapse to a stranger.
 */
import { CrawlSource, type CrawlConfig } from '../../../pipelines/sources/crawl';
import { DEFAULT_LIMITS } from '../../../pipelines/sources/fetch';
import type { SourceItem } from '../../../pipelines/sources/source';
import type { LinkObservation } from '../../../checks/types';
import { Store } from '../../../pipelines/store/store';
import { silentLogger } from '../../../pipelines/log';
import { htmlPage, startLoopback, type Loopback } from '../../helpers/loopback';

describe('outbound names that do not resolve', () => {
  let srv: Loopback;
  beforeAll(async () => {
    srv = await startLoopback((q, s) => {
      if (q.url === '/robots.txt') return void s.end('');
      s.setHeader('content-type', 'text/html; charset=utf-8');
      s.end(htmlPage('首页', '示范市人民政府', ['http://lapsed-partner.example/', 'http://old.example.gov.cn/', `http://works.example:${new URL(srv.origin).port}/`]));
    });
  });
  afterAll(() => srv.close());

  const crawl = async (resolves: (h: string) => boolean): Promise<{ links: LinkObservation[]; errors: string[] }> => {
    const cfg: CrawlConfig = {
      siteId: 't', seeds: [`${srv.origin}/`], hosts: [], include: [], exclude: [], maxPages: 5, maxDepth: 2, concurrency: 2,
      politeness: { perOrigin: 2, perIp: 4, minIntervalMs: 0, jitterMs: 0, maxBackoffMs: 100 },
      respectRobots: true, sitemaps: false, userAgent: 'XunjianBot/test', productToken: 'XunjianBot', limits: DEFAULT_LIMITS,
      maxAttachmentBytes: 1 << 20, retries: 0, maxRedirects: 5, checkResources: true, allowPrivateNetworks: true, circuitBreaker: 20, maxExternalHosts: 10,
    };
    const resolve = async (h: string): Promise<string> => {
      if (resolves(h)) return '127.0.0.1';
      throw Object.assign(new Error(`queryA ENOTFOUND ${h}`), { code: 'ENOTFOUND' });
    };
    const items: SourceItem[] = [];
    for await (const it of new CrawlSource(cfg, { store: Store.open(':memory:'), log: silentLogger, resolve }).items()) {
      items.push(it);
      if (it.kind === 'page') it.ack?.();
    }
    return { links: items.flatMap((i) => (i.kind === 'links' ? i.links : [])), errors: items.flatMap((i) => (i.kind === 'error' ? [i.error.code] : [])) };
  };

  it('reports a lapsed .example domain as hijacked, and a gov.cn one only as not resolving, when the resolver works', async () => {
    const { links, errors } = await crawl((h) => h === 'works.example');
    expect(links.find((l) => l.to === 'http://lapsed-partner.example/')).toMatchObject({ error: 'dns', hijack: 'unresolvable' });
    const gov = links.find((l) => l.to === 'http://old.example.gov.cn/');
    expect(gov).toMatchObject({ error: 'dns' });
    expect(gov!.hijack).toBeUndefined();
    expect(errors).not.toContain('dns-unavailable');
  });

  it('judges none of them when no name resolves at all, and says the resolver is down', async () => {
    const { links, errors } = await crawl(() => false);
    expect(links.filter((l) => l.error === 'dns')).toEqual([]);
    expect(errors).toContain('dns-unavailable');
  });
});
