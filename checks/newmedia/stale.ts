/**
 * newmedia.stale — 政务新媒体 not updated: no post in the last 14 days (the jurisdiction's own
 * threshold where it sets one) fails 19号 outright for a government account, as a stale homepage
 * does for a site. Judged only when the account's feed was read whole: a feed that could not be
 * fetched is a failed run, not a quiet account. Posts dated in the future do not count.
 */
import type { SiteCheck, Skipped, Span } from '../types';
import { beijingDay, daysBetween } from '../dates/parse';

export const stale: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'newmedia.stale',
    family: 'newmedia',
    title: '政务新媒体长期未更新 (government account not updated for two weeks)',
    severity: 'critical',
    duty: 'operations',
    basis: '国办秘函〔2019〕19号 政务新媒体检查指标 单项否决 (监测2周内无更新); 国办发〔2018〕123号 《关于推进政务新媒体健康有序发展的意见》',
    description:
      'The newest post of a government account (read from its feed) is older than its threshold (14 days; ' +
      '`accounts[].staleDays`). Not judged when the feed could not be read, has no post (a feed service that failed ' +
      'to read the platform looks the same as a silent account), or no post carries a readable date.',
    fix: '按要求及时更新政务新媒体内容；确无力维护的，按程序关停注销。 Post regularly, or close the account through the procedure.',
    version: 1,
    sensitive: false,
  },
  run(site, ctx): Span[] | Skipped {
    const a = site.account;
    if (!a) return { skipped: 'not a government account\'s feed' };
    const now = ctx.clock.now().toISOString();
    const where = `${a.name}（${a.platform}）`;
    // An empty feed is far more often a feed service that could not read the platform than an
    // account that never posted: a 单项否决 needs a post's date, so it is not judged.
    if (a.posts === 0) return { skipped: `the feed of ${a.id} has no posts (the feed service may have failed to read the account); check it by hand` };
    if (!a.lastPostAt) return { skipped: `no post of ${a.id} carries a readable date` };
    const age = daysBetween(a.lastPostAt, now);
    if (age <= a.staleDays) return [];
    return [{
      target: a.feed,
      url: a.feed,
      discriminator: `stale|${a.id}`,
      message: `${where} 最近一次发布于 ${beijingDay(a.lastPostAt)}，已 ${age} 天未更新（阈值 ${a.staleDays} 天）`,
    }];
  },
};
