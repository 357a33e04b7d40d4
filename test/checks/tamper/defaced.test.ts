/** tamper.defaced: stable regions learnt from snapshots; a month of normal updates stays silent, a defacement does not. */
import { createPage } from '../../../checks/page';
import { defaced, ACCEPT_AFTER } from '../../../checks/tamper/defaced';
import { snapshotOf, type KeyPageSnapshot } from '../../../checks/tamper/snapshot';
import type { Span } from '../../../checks/types';
import { testContext, testSite } from '../../helpers/context';
import { homepage } from '../../fixtures/tamper/month';

const URL_ = 'https://www.shifan.gov.cn/';
const snap = (html: string, day: number): KeyPageSnapshot =>
  snapshotOf(createPage({ siteId: 's', url: URL_, fetchedAt: 't', contentType: 'html', source: html, origin: 'crawl' }), `2026-11-${String(day).padStart(2, '0')}T02:00:00Z`);
const judge = (current: KeyPageSnapshot, history: KeyPageSnapshot[], unconfirmed = 0) =>
  defaced.run(testSite({ urls: [URL_], keyPages: [{ current, history, unconfirmed }] }), testContext());

/** The baseline a daily scan has on day `day`: the ten snapshots before it. */
function baseline(day: number): KeyPageSnapshot[] {
  return Array.from({ length: Math.min(10, day - 1) }, (_, i) => snap(homepage(day - Math.min(10, day - 1) + i), day - Math.min(10, day - 1) + i));
}

describe('tamper.defaced', () => {
  it('learns for three snapshots before it judges', () => {
    expect(judge(snap(homepage(3), 3), baseline(3))).toEqual({ skipped: expect.stringContaining('learning') });
  });
  it('stays silent through a month of normal updates: news, carousel, counter, date, weekly notices, a new script', () => {
    const alerts: string[] = [];
    for (let day = 4; day <= 30; day++) {
      const r = judge(snap(homepage(day), day), baseline(day));
      if (Array.isArray(r)) alerts.push(...r.map((s) => `day ${day}: ${s.message}`));
    }
    expect(alerts).toEqual([]);
  });
  it('reports a stable region replaced, with the text before and after', () => {
    const r = judge(snap(homepage(15, { main: '<div class="intro"><h2>Hacked by XX Team</h2><p>Your security is zero. We were here.</p></div>' }), 15), baseline(15)) as Span[];
    expect(r).toEqual([expect.objectContaining({ severity: 'high', url: URL_, discriminator: 'regions' })]);
    expect(r[0]!.message).toMatch(/「市长信箱」→「Hacked by XX Team」/);
  });
  it('reports a swapped phone number in the footer (digits are content in stable regions)', () => {
    const html = homepage(15).replace('举报电话：0771-12345678', '举报电话：0771-87654321');
    const r = judge(snap(html, 15), baseline(15)) as Span[];
    expect(r[0]).toMatchObject({ severity: 'medium' });
    expect(r[0]!.message).toMatch(/0771-87654321/);
  });
  it('reports gambling words appearing even inside a volatile list (critical)', () => {
    const r = judge(snap(homepage(15, { lists: '<ul class="news"><li><a href="http://x.top/">澳门新葡京官方网站</a></li></ul>' }), 15), baseline(15)) as Span[];
    expect(r.map((s) => [s.discriminator, s.severity])).toContainEqual(['spam', 'critical']);
  });
  it('reports a page replaced wholesale', () => {
    const r = judge(snap('<html><body><center><h1>Hacked</h1><marquee>greetz</marquee></center></body></html>', 15), baseline(15)) as Span[];
    expect(r).toEqual([expect.objectContaining({ discriminator: 'replaced' })]);
    expect(r[0]!.severity).toBeUndefined();
  });
  it('keeps reporting a defacement, and learns a change reported ' + String(ACCEPT_AFTER) + ' runs in a row without spam as a redesign', () => {
    const hacked = snap(homepage(15, { main: '<div class="intro"><h2>新版市长信箱</h2><p>全新改版的留言系统上线。</p></div>' }), 15);
    expect(judge(hacked, baseline(15), ACCEPT_AFTER - 1)).not.toEqual([]);
    expect(judge(hacked, baseline(15), ACCEPT_AFTER)).toEqual([]);
  });
});
