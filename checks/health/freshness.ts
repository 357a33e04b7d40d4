/**
 * What the freshness rules share: which page is the homepage, what kind of column a list page
 * is (its update duty under 19号), and the newest item date a page shows.
 */
import type { PageDates, Site } from '../types';

export type ColumnKind = 'dynamic' | 'notice' | 'other';

const DYNAMIC = /动态|要闻|新闻|快讯|今日|图片|简报|资讯/u;
const NOTICE = /通知|公告|公示|政策|文件|规章|规划|法规|解读|规范性/u;

export function columnKind(p: PageDates): ColumnKind {
  const name = p.columnName ?? p.title;
  if (DYNAMIC.test(name)) return 'dynamic';
  if (NOTICE.test(name)) return 'notice';
  return 'other';
}

function canonical(u: string): string {
  try {
    const x = new URL(u);
    return `${x.host.toLowerCase()}${x.pathname.replace(/\/(?:index|default)\.(?:s?html?|aspx?|jsp|php)$/i, '/').replace(/\/+$/, '')}`;
  } catch {
    return u;
  }
}

export function homepageOf(site: Site): PageDates | undefined {
  const home = site.urls[0];
  if (!home) return undefined;
  const c = canonical(home);
  return site.pages.find((p) => canonical(p.url) === c);
}

/** Newest item date a page shows that is not in the future (dates ahead are notices of events). */
export function newestItem(p: PageDates, now: string): string | undefined {
  let best: string | undefined;
  for (const d of p.listDates) if (d.slice(0, 10) <= now.slice(0, 10) && (!best || d > best)) best = d;
  return best;
}

/** Later pages of a paginated list are the same column. */
export function isFirstPage(url: string): boolean {
  return !/(?:index|list)_\d+\.s?html?$|[?&](?:page|pageNo|pageIndex|p)=(?:[2-9]|\d{2,})/i.test(url);
}
