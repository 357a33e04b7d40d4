import { gzipSync } from 'node:zlib';
import { parseSitemap, readSitemaps } from '../../../pipelines/sources/sitemap';
import { silentLogger } from '../../../pipelines/log';
import type { HttpResponse } from '../../../pipelines/sources/fetch';

const res = (body: Buffer | string, ct = 'application/xml'): HttpResponse => ({
  url: '', status: 200, headers: { 'content-type': ct }, body: Buffer.from(body), wireBytes: 0, fetchedAt: '', elapsedMs: 0,
});

describe('sitemaps', () => {
  it('parses urlsets with lastmod, indexes, and text sitemaps', () => {
    expect(parseSitemap('<urlset><url><loc> https://a.gov.cn/1 </loc><lastmod>2026-11-01</lastmod></url></urlset>').urls).toEqual([{ loc: 'https://a.gov.cn/1', lastmod: '2026-11-01' }]);
    expect(parseSitemap('<sitemapindex><sitemap><loc>https://a.gov.cn/s2.xml</loc></sitemap></sitemapindex>').sitemaps).toEqual(['https://a.gov.cn/s2.xml']);
    expect(parseSitemap('https://a.gov.cn/1\nhttps://a.gov.cn/2\n').urls.map((u) => u.loc)).toEqual(['https://a.gov.cn/1', 'https://a.gov.cn/2']);
  });
  it('follows an index into gzipped children (detected by magic bytes) within the budget', async () => {
    const files: Record<string, HttpResponse> = {
      'https://a.gov.cn/sitemap.xml': res('<sitemapindex><sitemap><loc>https://a.gov.cn/s1.xml</loc></sitemap></sitemapindex>'),
      'https://a.gov.cn/s1.xml': res(gzipSync('<urlset>' + [1, 2, 3, 4].map((i) => `<url><loc>https://a.gov.cn/${i}</loc></url>`).join('') + '</urlset>')),
    };
    const urls = await readSitemaps(['https://a.gov.cn/sitemap.xml'], 3, async (u) => files[u], silentLogger);
    expect(urls.map((u) => u.loc)).toEqual(['https://a.gov.cn/1', 'https://a.gov.cn/2', 'https://a.gov.cn/3']);
  });
  it('skips a broken gzip sitemap without failing', async () => {
    const urls = await readSitemaps(['x'], 10, async () => res(Buffer.from([0x1f, 0x8b, 0, 0, 1])), silentLogger);
    expect(urls).toEqual([]);
  });
});
