import { sourceMismatch } from '../../../checks/dates/source-mismatch';
import { runCheckCases } from '../../helpers/check-tester';
import { createPage } from '../../../checks/page';
import { testContext, FIXED_NOW } from '../../helpers/context';

const page = (meta: string, visible: string) => `<html><head><meta name="PubDate" content="${meta}"></head><body><div>发布时间：${visible}</div></body></html>`;

runCheckCases(sourceMismatch, {
  valid: [
    { name: 'meta and visible agree', html: page('2023-08-21 09:30', '2023-08-21 09:30') },
    { name: 'a day apart (time zone of the template)', html: page('2023-08-21 23:30', '2023-08-22 00:10') },
  ],
  invalid: [
    { name: 'meta and visible a month apart', html: page('2023-08-21 09:30', '2023-07-01 09:30'), spans: [{ match: '2023-07-01T09:30:00+08:00', severity: 'medium' }] },
  ],
});

describe('dates.source-mismatch: the page\u2019s file older than its claim', () => {
  const html = '<html><head><title>关于开展安全检查的通知</title></head><body><div>发布时间：2023-08-21</div><p>正文</p></body></html>';
  const run = (headers: Record<string, string>, sitemapLastmod?: string) => {
    const page = createPage({ siteId: 't', url: 'https://www.example.gov.cn/a.html', fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: html, origin: 'crawl', headers, ...(sitemapLastmod ? { sitemapLastmod } : {}) });
    const r = sourceMismatch.run(page, testContext(FIXED_NOW));
    return (Array.isArray(r) ? r : []).map((s) => [s.discriminator, s.severity ?? 'medium']);
  };

  it('reports a claim more than a day after the server\u2019s Last-Modified (an old article dated forward)', () => {
    expect(run({ 'last-modified': 'Tue, 01 Aug 2023 02:00:00 GMT' })).toEqual([['after-last-modified', 'medium']]);
  });
  it('reports, lower, a claim more than two days after the sitemap\u2019s lastmod', () => {
    expect(run({}, '2023-08-10')).toEqual([['after-sitemap-lastmod', 'low']]);
  });
  it('leaves a file newer than its claim (rebuilt templates) and a day\u2019s slip of the clock alone', () => {
    expect(run({ 'last-modified': 'Mon, 20 Nov 2023 02:00:00 GMT' }, '2023-11-20')).toEqual([]);
    expect(run({ 'last-modified': 'Sun, 20 Aug 2023 17:00:00 GMT' }, '2023-08-19')).toEqual([]);
  });
});

describe('dates.source-mismatch: the 索引号 year', () => {
  const policy = (index: string, published: string) =>
    `<html><head><title>关于印发方案的通知</title></head><body><table><tr><td>索引号：</td><td>${index}</td><td>主题分类：</td><td>综合政务</td></tr><tr><td>发布日期：</td><td>${published}</td></tr></table><p>正文</p></body></html>`;
  const run = (html: string) => {
    const r = sourceMismatch.run(createPage({ siteId: 't', url: 'https://www.example.gov.cn/a.html', fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: html, origin: 'crawl' }), testContext(FIXED_NOW));
    return (Array.isArray(r) ? r : []).map((s) => s.discriminator);
  };
  it('reports an item numbered in a later year than the one it claims (entered after it)', () => {
    expect(run(policy('01527918X-2026-153077', '2025年06月18日'))).toEqual(['before-index-year']);
    expect(run(policy('000014349/2026-00012', '2024-03-02'))).toEqual(['before-index-year']);
  });
  it('leaves an item numbered by its 成文 year and published the next, the same year, and the last days of December', () => {
    expect(run(policy('01527918X-2025-153077', '2026年01月05日'))).toEqual([]);
    expect(run(policy('01527918X-2026-153077', '2026年03月05日'))).toEqual([]);
    expect(run(policy('01527918X-2026-000001', '2025年12月30日'))).toEqual([]);
  });
});
