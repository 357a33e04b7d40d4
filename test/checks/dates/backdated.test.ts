import { backdated } from '../../../checks/dates/backdated';
import type { SiteHistory } from '../../../checks/types';
import { testContext, testPageDates, testSite } from '../../helpers/context';

const col = 'https://www.example.gov.cn/zwgk/gzdt/';
const history: SiteHistory = {
  previousRunAt: '2026-03-10T02:00:00.000Z',
  pages: [
    { url: `${col}202601/t20260105_1.html`, firstSeen: '2026-01-06T02:00:00.000Z', claimed: '2026-01-05T09:00:00+08:00' },
    { url: `${col}202603/t20260301_5.html`, firstSeen: '2026-03-03T02:00:00.000Z', claimed: '2026-03-01T09:00:00+08:00' },
  ],
};
const runStartedAt = '2026-04-01T02:00:00.000Z';
const page = (claimed: string, firstSeen = runStartedAt) =>
  testPageDates({ url: `${col}202602/t${claimed.slice(0, 10).replace(/-/g, '')}_9.html`, column: 'www.example.gov.cn/zwgk/gzdt/', claimed, firstSeen });
const run = (p: ReturnType<typeof page>, h: SiteHistory | null = history) => {
  const r = backdated.run(testSite({ pages: [p], ...(h ? { history: h } : {}), runStartedAt }), testContext());
  return Array.isArray(r) ? r.map((s) => s.severity ?? 'critical') : [];
};

describe('dates.backdated', () => {
  it('finds an article that appeared after the last crawl although it claims a date that crawl covered', () => {
    expect(run(page('2026-02-01T09:00:00+08:00'))).toEqual(['critical']);
  });
  it('allows two days of cache lag, dates outside what the last crawl covered, and pages already known', () => {
    expect(run(page('2026-03-09T09:00:00+08:00'))).toEqual([]);
    expect(run(page('2025-12-01T09:00:00+08:00'))).toEqual([]);
    expect(run(page('2026-02-01T09:00:00+08:00', '2026-02-02T02:00:00.000Z'))).toEqual([]);
  });
  it('needs history: a first scan judges nothing', () => {
    expect(run(page('2026-02-01T09:00:00+08:00'), null)).toEqual([]);
  });
});
