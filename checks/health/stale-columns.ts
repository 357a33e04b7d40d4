/**
 * health.stale-columns — 栏目不更新 and 空白栏目 (国办秘函〔2019〕19号 单项否决 4): 动态/要闻 columns
 * silent for 2 weeks and 通知公告/政策文件 columns for 6 months (≥ 5 together), columns silent for a
 * year (≥ 10), empty columns (≥ 5). Each stale column is reported; crossing a line is critical.
 *
 * A column is a list page the crawl saw. Articles name their column (TRS and Hanweb templates put
 * a ColumnName meta tag on every article), so an article is never a column of its own: articles
 * whose list page was not crawled are grouped by column path and judged by their newest claimed
 * date, and such an inferred column is reported but never counted toward a veto line, because a
 * 单项否决 must rest on a list page someone can open.
 */
import type { PageDates, SiteCheck, Skipped, Span } from '../types';
import { daysBetween } from '../dates/parse';
import { columnKind, homepageOf, isFirstPage, newestItem } from './freshness';

interface Column {
  url: string;
  name: string;
  kindOf: PageDates;
  newest: string | undefined;
  emptyNotice: boolean;
  /** Seen only through its articles: reported, not counted for the veto. */
  inferred: boolean;
}

function folderUrl(url: string): string {
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  u.pathname = u.pathname.replace(/[^/]*$/, '').replace(/\/\d{6}\/$/, '/').replace(/\/\d{4}-\d{2}\/\d{2}\/$/, '/');
  return u.toString();
}

const INDEX_URL = /\/(?:(?:index|default|list)\.[a-z]+)?(?:[?#].*)?$/i;

/**
 * A list page: it lists dated items, says it has none, or names its column without being an
 * article (no publication date of its own, or the column's index URL).
 */
function isColumnPage(p: PageDates): boolean {
  return p.isList || p.emptyNotice || (p.columnName !== undefined && (p.claimed === undefined || INDEX_URL.test(p.url)));
}

function columnsOf(pages: readonly PageDates[], home: PageDates, now: string): Column[] {
  const lists: Column[] = [];
  const listed = new Set<string>();
  for (const p of pages) {
    if (p === home || !isFirstPage(p.url) || !isColumnPage(p)) continue;
    listed.add(p.column);
    lists.push({ url: p.url, name: p.columnName ?? p.title, kindOf: p, newest: newestItem(p, now), emptyNotice: p.emptyNotice, inferred: false });
  }
  const inferred = new Map<string, Column>();
  for (const p of pages) {
    if (p === home || isColumnPage(p) || p.columnName === undefined || listed.has(p.column)) continue;
    const claimed = p.claimed && p.claimed.slice(0, 10) <= now.slice(0, 10) ? p.claimed : undefined;
    const c = inferred.get(p.column);
    if (!c) {
      let url: string;
      try {
        url = folderUrl(p.url);
      } catch {
        continue;
      }
      inferred.set(p.column, { url, name: p.columnName, kindOf: { ...p, title: p.columnName }, newest: claimed, emptyNotice: false, inferred: true });
    } else if (claimed && (!c.newest || claimed > c.newest)) c.newest = claimed;
  }
  return [...lists, ...inferred.values()];
}

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
      'List pages of a complete crawl, classified by ColumnName or title: 动态/要闻 older than 14 days and 通知公告/政策文件 ' +
      'older than 183 days are stale, any column older than 365 days long-stale, a column saying 暂无信息 empty. Each is ' +
      'reported (medium); reaching 5 stale, 10 long-stale or 5 empty list pages adds a critical finding. Articles that ' +
      'name a column whose list page was not crawled are grouped by column path into one column, reported but not ' +
      'counted toward the veto. Thresholds are per site (`freshness`).',
    fix: '更新或合并长期无内容的栏目，空白栏目应删除或补充内容。 Update, merge or remove the columns.',
    version: 2,
    sensitive: false,
  },
  run(site, ctx): Span[] | Skipped {
    if (!site.complete) return { skipped: 'a partial crawl cannot show that a column is stale' };
    const now = ctx.clock.now().toISOString();
    const t = site.freshness;
    const home = homepageOf(site);
    // Columns are judged on a crawl of the site, not on pages handed in one by one (xunjian check).
    if (!home) return { skipped: 'the site was not crawled from its homepage' };
    const out: Span[] = [];
    let stale = 0;
    let longStale = 0;
    let empty = 0;
    for (const c of columnsOf(site.pages, home, now)) {
      const inferredNote = c.inferred ? '（未采集到栏目列表页，按栏目下文章推断，不计入单项否决）' : '';
      if (c.emptyNotice) {
        empty++;
        out.push({ target: c.url, url: c.url, message: `空白栏目「${c.name}」`, discriminator: 'empty' });
        continue;
      }
      const age = c.newest ? daysBetween(c.newest, now) : Infinity;
      const kind = columnKind(c.kindOf);
      const limit = kind === 'dynamic' ? t.dynamicDays : kind === 'notice' ? t.noticeDays : t.longStaleDays;
      if (!c.inferred) {
        if (age > t.longStaleDays) longStale++;
        if (kind !== 'other' && age > limit) stale++;
      }
      if (age > limit) {
        out.push({
          target: c.url,
          url: c.url,
          message: `栏目「${c.name}」最新信息 ${c.newest ? c.newest.slice(0, 10) : '无日期'}，${Number.isFinite(age) ? `已 ${age} 天` : ''}未更新（阈值 ${limit} 天）${inferredNote}`,
          discriminator: c.inferred ? 'stale-inferred' : 'stale',
        });
      }
    }
    const veto = (n: number, line: number, what: string, discriminator: string) => {
      if (n >= line) out.push({ target: site.urls[0] ?? site.id, severity: 'critical', message: `${what} ${n} 个，达到单项否决线（${line} 个）`, discriminator });
    };
    veto(stale, t.staleColumns, '动态要闻类（2周）和通知公告、政策文件类（6个月）未更新栏目', 'veto-stale');
    veto(longStale, t.longStaleColumns, '长期未更新栏目', 'veto-long-stale');
    veto(empty, t.emptyColumns, '空白栏目', 'veto-empty');
    return out;
  },
};
