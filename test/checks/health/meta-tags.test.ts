/** health.meta-tags: the 网页标签 each page kind must carry, well formed and the same on every page. */
import { createPage } from '../../../checks/page';
import { pageDatesOf } from '../../../checks/dates/page-dates';
import { emptySurvey, pageKind, surveyPage, type IdentitySurvey } from '../../../checks/health/identity-survey';
import { metaTags } from '../../../checks/health/meta-tags';
import type { Span } from '../../../checks/types';
import { FIXED_NOW, testContext, testSite } from '../../helpers/context';

const HOME = 'https://www.shifan.gov.cn/';
const site = { SiteName: '示范市人民政府', SiteDomain: 'www.shifan.gov.cn', SiteIDCode: '4501000001' };
const column = { ColumnName: '通知公告', ColumnDescription: '本市通知公告', ColumnKeywords: '通知，公告', ColumnType: '公告通知' };
const article = { ArticleTitle: '关于做好冬季供暖工作的通知', PubDate: '2026-11-20 09:30', ContentSource: '示范市住建局' };

function html(tags: Record<string, string>, body = '<p>正文</p>'): string {
  const metas = Object.entries(tags).map(([k, v]) => `<meta name="${k}" content="${v}">`).join('');
  return `<html><head><title>页面_示范市人民政府</title>${metas}</head><body>${body}</body></html>`;
}

function survey(pages: [string, string][]): IdentitySurvey {
  const s = emptySurvey();
  for (const [url, source] of pages) {
    const page = createPage({ siteId: 's', url, fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source, origin: 'crawl' });
    surveyPage(s, page, pageDatesOf(page), [HOME]);
  }
  return s;
}

const run = (pages: [string, string][]) => metaTags.run(testSite({ urls: [HOME], identity: survey(pages) }), testContext()) as Span[];
const LIST = '<ul><li><a href="a1.html">通知一</a> 2026-11-20</li><li><a href="a2.html">通知二</a> 2026-11-18</li><li><a href="a3.html">通知三</a> 2026-11-10</li></ul>';
const ART_BODY = '<h1>关于做好冬季供暖工作的通知</h1><p>发布时间：2026-11-20</p><p>各区县：现就有关事项通知如下。</p>';

describe('health.meta-tags', () => {
  it('tells homepage, column and article pages apart', () => {
    const page = (url: string, body: string, tags: Record<string, string> = {}) => createPage({ siteId: 's', url, fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: html(tags, body), origin: 'crawl' });
    const kind = (url: string, body: string, tags?: Record<string, string>) => { const p = page(url, body, tags); return pageKind(p.url, pageDatesOf(p), [HOME], tags ?? {}); };
    expect(kind(HOME, LIST)).toBe('home');
    expect(kind('https://www.shifan.gov.cn/index.html', LIST)).toBe('home');
    expect(kind('https://www.shifan.gov.cn/tzgg/', LIST)).toBe('column');
    expect(kind('https://www.shifan.gov.cn/tzgg/202611/t20261120_123.html', ART_BODY, { PubDate: '2026-11-20 09:30' })).toBe('article');
  });
  it('passes a site whose every page kind carries its required tags', () => {
    expect(run([
      [HOME, html(site, LIST)],
      ['https://www.shifan.gov.cn/tzgg/', html({ ...site, ...column }, LIST)],
      ['https://www.shifan.gov.cn/tzgg/202611/t20261120_123.html', html({ ...site, ...column, ...article }, ART_BODY)],
    ])).toEqual([]);
  });
  it('names each missing tag once per page kind, with the page count and examples', () => {
    const r = run([
      [HOME, html({ SiteName: site.SiteName, SiteDomain: site.SiteDomain }, LIST)],
      ['https://www.shifan.gov.cn/tzgg/202611/t20261120_1.html', html({ ...site, ...column, ArticleTitle: 'x', PubDate: '2026-11-20 09:30' }, ART_BODY)],
      ['https://www.shifan.gov.cn/tzgg/202611/t20261120_2.html', html({ ...site, ...column, ArticleTitle: 'y', PubDate: '2026-11-20 09:30' }, ART_BODY)],
    ]);
    expect(r.map((s) => s.discriminator)).toEqual(['missing|home|SiteIDCode', 'missing|article|ContentSource']);
    expect(r[1]!.message).toMatch(/文章页缺少 <meta name="ContentSource">（2\/2 页/);
  });
  it('reports a SiteDomain with a scheme or another host, a PubDate in another format, and values that differ between pages', () => {
    const r = run([
      [HOME, html({ ...site, SiteDomain: 'http://www.shifan.gov.cn' }, LIST)],
      ['https://www.shifan.gov.cn/tzgg/', html({ ...site, ...column, SiteDomain: 'www.other.gov.cn' }, LIST)],
      ['https://www.shifan.gov.cn/tzgg/202611/t20261120_3.html', html({ ...site, ...column, ...article, PubDate: '2026/11/20', SiteIDCode: '4501000002' }, ART_BODY)],
    ]);
    const by = (d: string) => r.find((s) => s.discriminator?.startsWith(d));
    expect(by('malformed|SiteDomain|scheme')).toBeDefined();
    expect(by('malformed|SiteDomain|host')?.severity).toBe('medium');
    expect(by('malformed|PubDate|format')?.severity).toBe('info');
    expect(by('inconsistent|SiteIDCode')?.message).toMatch(/「4501000001」2 页.*「4501000002」1 页/);
    expect(by('inconsistent|SiteDomain')).toBeDefined();
  });
  it('says once that a site uses no tags at all', () => {
    const r = run([[HOME, html({}, LIST)], ['https://www.shifan.gov.cn/tzgg/', html({}, LIST)]]);
    expect(r).toEqual([expect.objectContaining({ discriminator: 'none', message: expect.stringContaining('均未设置网页标签') })]);
  });
  it('matches tags in any attribute order and casing', () => {
    const src = `<html><head><meta content="${site.SiteIDCode}" name="siteidcode"><META NAME="SiteName" CONTENT="${site.SiteName}"><meta name='SiteDomain' content='www.shifan.gov.cn'></head><body>${LIST}</body></html>`;
    expect(run([[HOME, src]])).toEqual([]);
  });
  it('skips drafts without a head and runs without pages', () => {
    expect(metaTags.run(testSite({ identity: survey([[HOME, '<p>草稿正文</p>']]) }), testContext())).toEqual({ skipped: expect.any(String) });
    expect(metaTags.run(testSite(), testContext())).toEqual({ skipped: expect.any(String) });
  });
});
