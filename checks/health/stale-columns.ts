/**
 * health.stale-columns — 栏目不更新 and 空白栏目 (国办秘函〔2019〕19号 单项否决 4): 动态/要闻 columns
 * silent for 2 weeks and 通知公告/政策文件 columns for 6 months (≥ 5 together), columns silent for a
 * year (≥ 10), empty columns (≥ 5). Each stale column is reported; crossing a line is critical.
 */
import type { PageDates, SiteCheck, Skipped, Span } from '../types';
import { daysBetween } from '../dates/parse';
import { columnKind, homepageOf, isFirstPage, newestItem } from './freshness';

export const staleColumns: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'health.stale-columns',
    family: 'health',
    title: '栏目长期未更新或空白 (stale or empty columns)',
    severity: 'medium',
    duty: 'operations',
    basis: '国办秘函〔2019〕19号 单项否决 4 (栏目不更新); 国办发〔2015〕15号 (未注明信息发布时间的视为不更新)',
    description:
      'List pages (or pages declaring a ColumnName) of a complete crawl, classified by ColumnName or title: 动态/要闻 older than 14 days and 通知公告/政策文件 ' +
      'older than 183 days are stale, any column older than 365 days long-stale, a column saying 暂无信息 empty. Each is ' +
      'reported (medium); reaching 5 stale, 10 long-stale or 5 empty columns adds a critical finding. Thresholds are ' +
      'per site (`freshness`).',
    fix: '更新或合并长期无内容的栏目，空白栏目应删除或补充内容。 Update, merge or remove the columns.',
    version: 1,
    sensitive: false,
  },
  run(site, ctx): Span[] | Skipped {
    if (!site.complete) return { skipped: 'a partial crawl cannot show that a column is stale' };
    const now = ctx.clock.now().toISOString();
    const t = site.freshness;
    const home = homepageOf(site);
    // Columns are judged on a crawl of the site, not on pages handed in one by one (xunjian check).
    if (!home) return { skipped: 'the site was not crawled from its homepage' };
    const columns = site.pages.filter((p) => p !== home && isFirstPage(p.url) && (p.isList || p.emptyNotice || p.columnName !== undefined));
    const out: Span[] = [];
    const stale: PageDates[] = [];
    const longStale: PageDates[] = [];
    const empty: PageDates[] = [];
    for (const c of columns) {
      const name = c.columnName ?? c.title;
      if (c.emptyNotice) {
        empty.push(c);
        out.push({ target: c.url, message: `空白栏目「${name}」`, discriminator: 'empty' });
        continue;
      }
      const newest = newestItem(c, now);
      const age = newest ? daysBetween(newest, now) : Infinity;
      const kind = columnKind(c);
      const limit = kind === 'dynamic' ? t.dynamicDays : kind === 'notice' ? t.noticeDays : t.longStaleDays;
      if (age > t.longStaleDays) longStale.push(c);
      if (kind !== 'other' && age > limit) stale.push(c);
      if (age > limit) {
        out.push({
          target: c.url,
          message: `栏目「${name}」最新信息 ${newest ? newest.slice(0, 10) : '无日期'}，${Number.isFinite(age) ? `已 ${age} 天` : ''}未更新（阈值 ${limit} 天）`,
          discriminator: 'stale',
        });
      }
    }
    const veto = (n: number, line: number, what: string, discriminator: string) => {
      if (n >= line) out.push({ target: site.urls[0] ?? site.id, severity: 'critical', message: `${what} ${n} 个，达到单项否决线（${line} 个）`, discriminator });
    };
    veto(stale.length, t.staleColumns, '动态要闻类（2周）和通知公告、政策文件类（6个月）未更新栏目', 'veto-stale');
    veto(longStale.length, t.longStaleColumns, '长期未更新栏目', 'veto-long-stale');
    veto(empty.length, t.emptyColumns, '空白栏目', 'veto-empty');
    return out;
  },
};
