/**
 * dates.backdated — the strongest sign of 伪造发稿日期 (S4 in dates.md): an article first seen in
 * this crawl although it claims a date well before the previous complete crawl, in a column that
 * crawl already covered on both sides of that date. It was not there then; it was put there since.
 */
import type { SiteCheck, Span } from '../types';
import { daysBetween } from './parse';
import { columnKey } from './page-dates';

const GRACE_DAYS = 2;

export const backdated: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'dates.backdated',
    family: 'dates',
    title: '补发倒签 (article added after a crawl, dated before it)',
    severity: 'critical',
    duty: 'content',
    basis: '国办秘函〔2019〕19号 单项否决 (伪造发稿日期); 2018年第一、二季度全国政府网站抽查情况通报 (发稿日期造假)',
    description:
      'Needs history in the store. A page new in this run claims a date more than 2 days before the previous complete ' +
      'crawl, and that crawl had already seen articles of the same column dated both before and after the claim. ' +
      'Caching and pagination are covered by the grace and the both-sides rule; 补录 of old documents must be labelled.',
    fix: '核实该稿件的真实发布时间并更正；补录的历史文件请注明补录日期。 Correct the date or label the backfill.',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] {
    const h = site.history;
    if (!h) return [];
    const known = new Map<string, string[]>();
    for (const p of h.pages) {
      if (!p.claimed) continue;
      const key = columnKey(p.url);
      let l = known.get(key);
      if (!l) known.set(key, (l = []));
      l.push(p.claimed);
    }
    const out: Span[] = [];
    for (const p of site.pages) {
      if (!p.claimed || !p.firstSeen || p.firstSeen < site.runStartedAt) continue;
      if (daysBetween(p.claimed, h.previousRunAt) <= GRACE_DAYS) continue;
      const column = known.get(p.column) ?? [];
      const older = column.some((c) => c < p.claimed!);
      const newer = column.some((c) => c > p.claimed!);
      if (!older || !newer) continue;
      out.push({
        target: p.url,
        url: p.url,
        message: `首次出现于 ${p.firstSeen.slice(0, 10)} 的采集，上次完整采集 ${h.previousRunAt.slice(0, 10)} 时同栏目已有其前后日期的稿件却无此稿，但其标注日期为 ${p.claimed.slice(0, 10)}`,
        discriminator: p.claimed.slice(0, 10),
      });
    }
    return out;
  },
};
