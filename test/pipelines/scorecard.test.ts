/** The 19号 scorecard: a link that failed once is not yet a broken link; an account gets the 政务新媒体 items. */
import { ACCOUNT_ITEMS, scorecard, type RuleJudgement } from '../../pipelines/scorecard';
import type { Finding } from '../../checks/types';

const finding = (rule: string, severity: Finding['severity']): Finding => ({ rule, severity, title: `${rule}: x`, url: 'https://a.gov.cn/x' }) as unknown as Finding;
const judged = (rule: string, findings: Finding[]): [string, RuleJudgement] => [rule, { rule, runId: 1, at: '2026-12-01T00:00:00Z', complete: true, findings }];

describe('scorecard', () => {
  const item = (card: ReturnType<typeof scorecard>, name: string) => card.find((i) => i.item === name)!;
  it('counts a broken link, but not a host that failed once (info)', () => {
    expect(item(scorecard(new Map([judged('links.broken', [finding('links.broken', 'info')])])), '链接可用性').verdict).toBe('pass');
    expect(item(scorecard(new Map([judged('links.broken', [finding('links.broken', 'low')])])), '链接可用性').verdict).toBe('fail');
  });
  it('judges an account on 更新 and 商业广告, and names what needs a person', () => {
    const card = scorecard(new Map([judged('newmedia.stale', [finding('newmedia.stale', 'critical')]), judged('newmedia.advert', [])]), ACCOUNT_ITEMS);
    expect(item(card, '账号长期不更新（监测2周）').verdict).toBe('fail');
    expect(item(card, '刊登商业广告、买卖粉丝').verdict).toBe('pass');
    expect(item(card, '互动回应差').verdict).toBe('not-judged');
    expect(card.some((i) => i.item === '首页不更新')).toBe(false);
  });
});
