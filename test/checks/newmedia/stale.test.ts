/** newmedia.stale: a government account with no post in its threshold, judged only on a feed read whole. */
import { stale } from '../../../checks/newmedia/stale';
import type { AccountFacts, Span } from '../../../checks/types';
import { testContext, testSite } from '../../helpers/context';

const account = (over: Partial<AccountFacts>): AccountFacts => ({
  id: 'fb', platform: 'wechat', name: '示范市发布', staleDays: 14, posts: 20, undated: 0, checked: 20, feed: 'https://rsshub.example.cn/wechat/fb', ...over,
});
const run = (a?: AccountFacts) => stale.run(testSite(a ? { account: a } : {}), testContext());

describe('newmedia.stale', () => {
  it('passes an account that posted within its threshold (Beijing days)', () => {
    expect(run(account({ lastPostAt: '2026-11-14T16:30:00Z' }))).toEqual([]); // 2026-11-15 in Beijing, 13 days before 11-28
  });
  it('fails an account silent for longer, with the last post time as evidence', () => {
    const spans = run(account({ lastPostAt: '2026-11-10T02:00:00Z' })) as Span[];
    expect(spans).toHaveLength(1);
    expect(spans[0]!.message).toContain('最近一次发布于 2026-11-10，已 18 天未更新（阈值 14 天）');
    expect(stale.meta.severity).toBe('critical');
  });
  it('uses the jurisdiction\'s own threshold', () => {
    expect(run(account({ lastPostAt: '2026-11-10T02:00:00Z', staleDays: 30 }))).toEqual([]);
  });
  it('does not judge an empty feed: a feed service that failed looks the same as a silent account', () => {
    expect(run(account({ posts: 0, checked: 0 }))).toMatchObject({ skipped: expect.stringContaining('no posts') });
  });
  it('does not judge a feed not read, or one whose posts carry no date', () => {
    expect(run()).toMatchObject({ skipped: expect.any(String) });
    expect(run(account({ undated: 20 }))).toMatchObject({ skipped: expect.any(String) });
  });
});
