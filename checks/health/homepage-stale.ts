/**
 * health.homepage-stale — 首页不更新: the newest dated item on the homepage is older than 14 days
 * (国办秘函〔2019〕19号 单项否决 3), or the homepage dates nothing, which the 2015 rule counts as
 * not updated.
 */
import type { SiteCheck, Skipped, Span } from '../types';
import { daysBetween } from '../dates/parse';
import { homepageOf, newestItem } from './freshness';

export const homepageStale: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'health.homepage-stale',
    family: 'health',
    title: '首页长期未更新 (homepage not updated for two weeks)',
    severity: 'critical',
    duty: 'operations',
    basis: '国办秘函〔2019〕19号 单项否决 3 (监测2周，首页无信息更新); 国办发〔2015〕15号 (未注明信息发布时间的视为不更新)',
    description:
      'The newest dated item on the crawled homepage is older than the threshold (14 days; `freshness.homepageDays` per ' +
      'site), or no item on it carries a date. Dates in the future (event notices) do not count as updates.',
    fix: '及时更新首页信息并标注发布时间。 Publish dated updates on the homepage.',
    version: 1,
    sensitive: false,
  },
  run(site, ctx): Span[] | Skipped {
    const home = homepageOf(site);
    if (!home) return { skipped: 'the homepage was not fetched in this run' };
    const now = ctx.clock.now().toISOString();
    const newest = newestItem(home, now);
    if (!newest) return [{ target: home.url, message: '首页信息均未标注发布时间，视为不更新' }];
    const age = daysBetween(newest, now);
    if (age <= site.freshness.homepageDays) return [];
    return [{ target: home.url, message: `首页最新信息日期 ${newest.slice(0, 10)}，已 ${age} 天未更新（阈值 ${site.freshness.homepageDays} 天）`, discriminator: 'stale' }];
  },
};
