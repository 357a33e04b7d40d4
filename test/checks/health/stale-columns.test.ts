import { staleColumns } from '../../../checks/health/stale-columns';
import type { PageDates } from '../../../checks/types';
import { testContext, testPageDates, testSite } from '../../helpers/context';
import { createPage } from '../../../checks/page';
import { pageDatesOf } from '../../../checks/dates/page-dates';

/** A TRS-style article: every article page names its column in a ColumnName meta tag. */
const trsArticle = (i: number, day: string) =>
  pageDatesOf(
    createPage({
      siteId: 's',
      url: `https://www.example.gov.cn/zwgk/zwdt/202509/t202509${day}_${1000 + i}.html`,
      fetchedAt: '2026-11-28T00:00:00Z',
      contentType: 'html',
      origin: 'crawl',
      source: `<html><head><title>关于开展第${i}次专项检查的通知</title><meta name="ColumnName" content="政务动态"><meta name="PubDate" content="2025-09-${day} 10:00"></head><body><h1>关于开展第${i}次专项检查的通知</h1><p>发布时间：2025-09-${day}</p><p>${'各有关单位按照要求做好检查工作。'.repeat(12)}</p></body></html>`,
    }),
  );

const column = (i: number, title: string, newest: string, extra: Partial<PageDates> = {}) =>
  testPageDates({ url: `https://www.example.gov.cn/c${i}/index.html`, title, isList: true, listDates: [`${newest}T00:00:00+08:00`, '2020-01-01T00:00:00+08:00'], ...extra });
const HOME = testPageDates({ url: 'https://www.example.gov.cn/', title: '首页' });
const run = (pages: PageDates[], complete = true) => staleColumns.run(testSite({ pages: [HOME, ...pages], complete }), testContext());
const severities = (r: ReturnType<typeof run>) => (Array.isArray(r) ? r.map((s) => s.severity ?? 'medium') : r);

describe('health.stale-columns', () => {
  it('passes fresh 动态 columns and a 通知公告 column four months old', () => {
    expect(run([column(1, '工作动态', '2026-11-27'), column(2, '通知公告', '2026-07-28')])).toEqual([]);
  });
  it('reports each stale column and adds the veto at five', () => {
    const pages = [1, 2, 3, 4].map((i) => column(i, '部门动态', '2026-10-01')).concat(column(5, '政策文件', '2026-03-01'));
    expect(severities(run(pages))).toEqual(['medium', 'medium', 'medium', 'medium', 'medium', 'critical']);
    expect(severities(run(pages.slice(0, 4)))).toEqual(['medium', 'medium', 'medium', 'medium']);
  });
  it('counts empty columns and lists without dates', () => {
    const empty = [1, 2, 3, 4, 5].map((i) => testPageDates({ url: `https://www.example.gov.cn/e${i}/`, title: '专题专栏', emptyNotice: true }));
    expect(severities(run(empty))).toEqual(['medium', 'medium', 'medium', 'medium', 'medium', 'critical']);
  });
  it('judges nothing without the homepage: pages handed in one by one are not a site', () => {
    expect(staleColumns.run(testSite({ pages: [column(1, '工作动态', '2025-01-01')] }), testContext())).toEqual({ skipped: 'the site was not crawled from its homepage' });
  });
  it('judges only the first page of a paginated list, and nothing after a partial crawl', () => {
    expect(run([column(1, '工作动态', '2025-01-01', { url: 'https://www.example.gov.cn/c1/index_3.html' })])).toEqual([]);
    expect(run([column(1, '工作动态', '2025-01-01')], false)).toEqual({ skipped: 'a partial crawl cannot show that a column is stale' });
  });
  it('six articles naming one column are one column, never six, and raise no veto', () => {
    const articles = [1, 2, 3, 4, 5, 6].map((i) => trsArticle(i, String(10 + i)));
    expect(articles.every((a) => a.columnName === '政务动态' && !a.isList)).toBe(true);
    const r = run(articles);
    expect(Array.isArray(r) && r.map((s) => [s.severity ?? 'medium', s.url])).toEqual([['medium', 'https://www.example.gov.cn/zwgk/zwdt/']]);
    expect(Array.isArray(r) && r[0]!.message).toContain('2025-09-16');
  });
  it('an article whose list page was crawled adds nothing: the list page is the column', () => {
    const list = column(1, '政务动态', '2026-11-27', { column: 'www.example.gov.cn/zwgk/zwdt/', url: 'https://www.example.gov.cn/zwgk/zwdt/index.html' });
    expect(run([list, trsArticle(1, '11')])).toEqual([]);
  });
  it('inferred columns never reach the veto line, five list pages do', () => {
    const inferred = [1, 2, 3, 4, 5, 6].map((i) => testPageDates({ url: `https://www.example.gov.cn/c${i}/t1.html`, column: `www.example.gov.cn/c${i}/`, columnName: '部门动态', claimed: '2026-01-01T00:00:00+08:00' }));
    expect(severities(run(inferred))).toEqual(['medium', 'medium', 'medium', 'medium', 'medium', 'medium']);
  });
  it('names each stale column by its own URL', () => {
    const r = run([1, 2].map((i) => column(i, '部门动态', '2026-10-01')));
    expect(Array.isArray(r) && r.map((s) => s.url)).toEqual(['https://www.example.gov.cn/c1/index.html', 'https://www.example.gov.cn/c2/index.html']);
  });
});
