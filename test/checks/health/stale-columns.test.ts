import { staleColumns } from '../../../checks/health/stale-columns';
import type { PageDates } from '../../../checks/types';
import { testContext, testPageDates, testSite } from '../../helpers/context';

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
});
