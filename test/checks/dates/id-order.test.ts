import { idOrder } from '../../../checks/dates/id-order';
import { testContext, testPageDates, testSite } from '../../helpers/context';

const trs = (id: number, day: string) => testPageDates({ url: `https://www.example.gov.cn/zwgk/gzdt/202601/t${day.replace(/-/g, '')}_${id}.html`, claimed: `${day}T09:00:00+08:00`, docId: id });
const run = (pages: ReturnType<typeof trs>[]) => {
  const r = idOrder.run(testSite({ pages }), testContext());
  return Array.isArray(r) ? r.map((s) => s.target) : [];
};

describe('dates.id-order', () => {
  it('is silent when ids rise with dates, and for a draft published late (low id, late date)', () => {
    expect(run([trs(100, '2026-01-02'), trs(101, '2026-01-05'), trs(102, '2026-01-09'), trs(90, '2026-03-01')])).toEqual([]);
  });
  it('finds an article created later that claims a much earlier date', () => {
    const pages = [trs(100, '2026-01-02'), trs(101, '2026-03-05'), trs(102, '2026-03-09'), trs(103, '2026-01-10')];
    expect(run(pages)).toEqual([pages[3]!.url]);
  });
  it('tolerates two weeks of disorder', () => {
    expect(run([trs(100, '2026-01-20'), trs(101, '2026-01-10')])).toEqual([]);
  });
});
