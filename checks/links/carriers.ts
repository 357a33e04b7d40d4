/**
 * Which pages carry a link, grouped the way 19号 weighs them: the homepage (1 point a link), column
 * pages, and the rest (0.1 a link). Observations come one per (page, target); a finding is one per
 * target, naming how many pages carry it and the first few.
 */
import type { LinkObservation, Site } from '../types';
import { readableUrl } from './readable-url';

export interface Carried {
  to: string;
  observations: LinkObservation[];
  /** All pages carrying it (observations name at most 20). */
  count: number;
  onHomepage: boolean;
  columns: number;
}

const HOME = /\/(?:index\.s?html?|default\.s?html?)?$/i;
/** A column's own address: its folder or its index page (`/zwdt/`, `/tzgg/index.html`). */
const COLUMN = /\/(?:[^/]+\/)?(?:index(?:_\d+)?\.s?html?)?$/i;

export function isHomepage(site: Site, url: string): boolean {
  const strip = (u: string) => u.replace(HOME, '');
  return site.urls.some((u) => strip(u) === strip(url));
}

export function byTarget(site: Site, links: readonly LinkObservation[]): Carried[] {
  const groups = new Map<string, LinkObservation[]>();
  for (const l of links) {
    const g = groups.get(l.to);
    if (g) g.push(l);
    else groups.set(l.to, [l]);
  }
  return [...groups].map(([to, observations]) => {
    const onHomepage = observations.some((o) => isHomepage(site, o.from));
    const columns = observations.filter((o) => !isHomepage(site, o.from) && COLUMN.test(new URL(o.from).pathname)).length;
    const count = Math.max(observations.length, ...observations.map((o) => o.carriers ?? 0));
    return { to, observations, count, onHomepage, columns };
  });
}

/** “首页、3 个栏目页等 12 个页面：a、b、c”. */
export function carriedBy(c: Carried, site: Site, shown = 3): string {
  const parts = [c.onHomepage ? '首页' : '', c.columns ? `${c.columns} 个栏目页` : ''].filter(Boolean);
  const first = [...c.observations].sort((a, b) => Number(isHomepage(site, b.from)) - Number(isHomepage(site, a.from))).slice(0, shown).map((o) => readableUrl(o.from));
  return `${parts.length ? `${parts.join('、')}等 ` : ''}${c.count} 个页面含此链接：${first.join('、')}${c.count > shown ? ' …' : ''}`;
}
