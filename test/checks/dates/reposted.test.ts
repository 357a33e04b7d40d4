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
  it('finds the original in an earlier run when it was taken down, and only reports pages of this run', () => {
    const history = {
      previousRunAt: '2026-02-01T00:00:00Z',
      pages: [
        { url: 'https://www.example.gov.cn/old.html', firstSeen: '2026-01-05T00:00:00Z', claimed: '2026-01-05T09:00:00+08:00', bodyHash: 'h1' },
        { url: 'https://www.example.gov.cn/gone2.html', firstSeen: '2026-01-06T00:00:00Z', claimed: '2026-03-01T09:00:00+08:00', bodyHash: 'h1' },
      ],
    };
    const r = reposted.run(testSite({ pages: [a('new.html', '2026-02-20T09:00:00+08:00')], history }), testContext());
    const spans = Array.isArray(r) ? r : [];
    expect(spans.map((s) => s.target)).toEqual(['https://www.example.gov.cn/new.html']);
    expect(spans[0]!.message).toContain('old.html（2026-01-05，此前巡检所见）');
  });
});
