import { homepageStale } from '../../../checks/health/homepage-stale';
import { testContext, testPageDates, testSite } from '../../helpers/context';

// The tester's clock: 2026-11-28.
const home = (dates: string[], url = 'https://www.example.gov.cn/index.html') =>
  testSite({ pages: [testPageDates({ url, listDates: dates.map((d) => `${d}T00:00:00+08:00`), isList: true })] });
const run = (site: ReturnType<typeof testSite>) => homepageStale.run(site, testContext());

describe('health.homepage-stale', () => {
  it('passes a homepage updated this week, whatever older items it lists', () => {
    expect(run(home(['2026-11-25', '2025-03-01', '2026-10-01']))).toEqual([]);
  });
  it('is critical when the newest item is three weeks old; an event announced ahead is no update', () => {
    const r = run(home(['2026-11-05', '2026-10-30', '2026-12-20']));
    expect(Array.isArray(r) && r[0]!.message).toMatch(/2026-11-05，已 23 天未更新/);
  });
  it('counts a homepage without any dated item as not updated', () => {
    expect(run(home([]))).toEqual([expect.objectContaining({ message: '首页信息均未标注发布时间，视为不更新' })]);
  });
  it('skips when the homepage was not fetched', () => {
    expect(run(testSite())).toEqual({ skipped: 'the homepage was not fetched in this run' });
  });
  it('takes a jurisdiction\'s own threshold', () => {
    const site = home(['2026-11-10']);
    expect(run({ ...site, freshness: { ...site.freshness, homepageDays: 30 } })).toEqual([]);
  });
});
