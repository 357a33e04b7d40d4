import { reposted } from '../../../checks/dates/reposted';
import type { PageDates } from '../../../checks/types';
import { testContext, testPageDates, testSite } from '../../helpers/context';

const run = (pages: PageDates[]) => {
  const r = reposted.run(testSite({ pages }), testContext());
  return Array.isArray(r) ? r : [];
};
const a = (url: string, claimed: string, bodyHash = 'h1') => testPageDates({ url: `https://www.example.gov.cn/${url}`, claimed, bodyHash });

describe('dates.reposted', () => {
  it('finds an old article re-posted a month later', () => {
    const spans = run([a('a.html', '2026-01-05T09:00:00+08:00'), a('b.html', '2026-02-10T09:00:00+08:00'), a('c.html', '2026-02-11T09:00:00+08:00', 'h2')]);
    expect(spans.map((s) => s.target)).toEqual(['https://www.example.gov.cn/b.html']);
    expect(spans[0]!.message).toContain('https://www.example.gov.cn/a.html');
  });
  it('leaves copies within two weeks (mirrored columns) and pages without a body fingerprint alone', () => {
    expect(run([a('a.html', '2026-01-05T09:00:00+08:00'), a('b.html', '2026-01-12T09:00:00+08:00')])).toEqual([]);
    expect(run([testPageDates({ url: 'https://x.gov.cn/1', claimed: '2026-01-01T00:00:00+08:00' }), testPageDates({ url: 'https://x.gov.cn/2', claimed: '2026-06-01T00:00:00+08:00' })])).toEqual([]);
  });
});
