/**
 * dates.list-mismatch — a column list and the article it lists disagree on the article's date (S10
 * in dates.md): the list says 2026-10-08, the article page 2026-11-25. One of them was changed after
 * publication — most often the article re-dated to look fresh (假更新) while the list kept the old day.
 *
 * A list may print another of the article's own dates (its 成文日期, the date in its address): then
 * the two agree, and nothing is said. A day's difference is a time zone or a midnight publication.
 */
import type { SiteCheck, Span } from '../types';
import { beijingDay, daysBetween } from './parse';

const GRACE_DAYS = 1;

/** A list's link and a crawled page's address as one key: parsed, without the fragment (the crawler's queue already dropped it). */
function keyOf(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return url;
  }
}
/** Lists named in the finding, at most. */
const SHOWN = 3;

export const listMismatch: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'dates.list-mismatch',
    family: 'dates',
    title: '列表日期与文章页日期不一致 (a list and its article disagree on the date)',
    severity: 'medium',
    duty: 'content',
    basis: '国办秘函〔2019〕19号 单项否决 (伪造发稿日期)',
    description:
      'A crawled column list or homepage prints an article’s date more than a day away from the date the article page ' +
      'claims, and from every other date the article shows (成文日期, meta, address): the article or the list was re-dated ' +
      'after publication. Supporting evidence, not a verdict; needs both pages in the same crawl.',
    fix: '核实稿件的真实发布日期，统一列表与文章页的日期；如为更新，请注明更新时间。 Check the real date and make the list and the page agree.',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] {
    const articles = new Map<string, (typeof site.pages)[number]>();
    for (const p of site.pages) if (p.claimed && !p.isList) articles.set(keyOf(p.url), p);
    const shown = new Map<string, { list: string; day: string }[]>();
    for (const list of site.pages) {
      for (const item of list.listItems ?? []) {
        const key = keyOf(item.url);
        const article = articles.get(key);
        if (!article || key === keyOf(list.url)) continue;
        const day = beijingDay(item.date);
        const days = article.sourceDays ?? [beijingDay(article.claimed!)];
        if (days.some((d) => Math.abs(daysBetween(d, day)) <= GRACE_DAYS)) continue;
        let l = shown.get(key);
        if (!l) shown.set(key, (l = []));
        l.push({ list: list.url, day });
      }
    }
    const out: Span[] = [];
    for (const [key, lists] of shown) {
      const article = articles.get(key)!;
      const named = lists.slice(0, SHOWN).map((l) => `${l.list} 显示 ${l.day}`).join('；');
      out.push({
        target: article.url,
        url: article.url,
        message: `文章页日期 ${beijingDay(article.claimed!)}，而列表${lists.length > 1 ? `（${lists.length} 处）` : ''}：${named}${lists.length > SHOWN ? ' 等' : ''}`,
        discriminator: [...new Set(lists.map((l) => l.day))].sort().join(','),
      });
    }
    return out;
  },
};
