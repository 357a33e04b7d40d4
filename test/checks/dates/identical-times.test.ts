import { identicalTimes } from '../../../checks/dates/identical-times';
import { testContext, testPageDates, testSite } from '../../helpers/context';

const pages = (n: number, time: string) =>
  Array.from({ length: n }, (_, i) => testPageDates({ url: `https://www.example.gov.cn/zwgk/gzdt/${i}.html`, claimed: `2026-0${1 + (i % 9)}-1${i % 9}T${time}+08:00` }));
const run = (p: ReturnType<typeof pages>) => {
  const r = identicalTimes.run(testSite({ pages: p }), testContext());
  return Array.isArray(r) ? r.length : -1;
};

describe('dates.identical-times', () => {
  it('finds five days of articles typed in at the same second', () => expect(run(pages(5, '14:37:21'))).toBe(1));
  it('is silent for four, and for whole hours that templates produce', () => {
    expect(run(pages(4, '14:37:21'))).toBe(0);
    expect(run(pages(8, '09:00:00'))).toBe(0);
  });
});
