import { CrawlSource, type CrawlConfig } from '../../pipelines/sources/crawl';
import { DEFAULT_LIMITS } from '../../pipelines/sources/fetch';
import type { SourceItem } from '../../pipelines/sources/source';

/** A crawl of one loopback site with short timeouts, for tests of the crawler itself. */
export function crawlConfig(seed: string, over: Partial<CrawlConfig> = {}): CrawlConfig {
  return {
    siteId: 't', seeds: [seed], hosts: [], include: [], exclude: [], maxPages: 1000, maxDepth: 10, concurrency: 4,
    politeness: { perOrigin: 2, perIp: 6, minIntervalMs: 0, jitterMs: 0, maxBackoffMs: 2000 },
    respectRobots: true, sitemaps: true, userAgent: 'Mozilla/5.0 (compatible; XunjianBot/test)', productToken: 'XunjianBot',
    limits: { ...DEFAULT_LIMITS, totalTimeoutMs: 1500, bodyTimeoutMs: 1000, headersTimeoutMs: 1000, maxBodyBytes: 256 * 1024, maxDecodedBytes: 1024 * 1024 },
    maxAttachmentBytes: 1024 * 1024, retries: 2, maxRedirects: 5, checkResources: true, allowPrivateNetworks: false, circuitBreaker: 20, maxExternalHosts: 0,
    ...over,
  };
}

/** Every item a crawl yields, each page acknowledged as a run would (unless `ack` is false). */
export async function collect(src: CrawlSource, ack = true): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const it of src.items()) {
    items.push(it);
    if (ack && (it.kind === 'page' || it.kind === 'document')) it.ack?.();
  }
  return items;
}
