/**
 * dates.id-order — TRS document ids out of order with their dates: DOCID is a global
 * auto-increment, so an article created after another but claiming a date weeks earlier was
 * dated back (S5 in dates.md). Drafts created early and published late (low id, late date) are
 * normal and not reported.
 */
import type { SiteCheck, Span } from '../types';
import { daysBetween } from './parse';

const TOLERANCE_DAYS = 14;
const NEIGHBOURS = 6;

export const idOrder: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'dates.id-order',
    family: 'dates',
    title: '文档编号与发布日期倒挂 (CMS document id out of order with its date)',
    severity: 'high',
    duty: 'content',
    basis: '国办秘函〔2019〕19号 单项否决 (伪造发稿日期)',
    description:
      'Within one host, a TRS article (…/tYYYYMMDD_<DOCID>.html) for which at least two of the six articles created just ' +
      'before it (next lower DOCIDs), and more of them than not, claim dates more than 14 days later: it claims to be older ' +
      'than what was written before it. 补录 of old documents ' +
      'looks the same; the finding names both articles so a reviewer can tell.',
    fix: '核实发布日期；补录的历史文件请注明补录。 Check the date; label backfilled documents.',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] {
    const byHost = new Map<string, { url: string; id: number; claimed: string }[]>();
    for (const p of site.pages) {
      if (p.docId === undefined || !p.claimed) continue;
      const host = new URL(p.url).host;
      let l = byHost.get(host);
      if (!l) byHost.set(host, (l = []));
      l.push({ url: p.url, id: p.docId, claimed: p.claimed });
    }
    const out: Span[] = [];
    for (const items of byHost.values()) {
      items.sort((a, b) => a.id - b.id);
      // Compare with the articles created just before (the nearest lower ids): they show what "now"
      // was when this one was created. One draft published late (low id, late date) is not enough to
      // condemn the articles after it; two of the last six dated well later are.
      for (let i = 1; i < items.length; i++) {
        const it = items[i]!;
        let later = 0;
        let earlier = 0;
        let witness: (typeof items)[number] | undefined;
        for (let j = Math.max(0, i - NEIGHBOURS); j < i; j++) {
          const other = items[j]!;
          if (daysBetween(it.claimed, other.claimed) > TOLERANCE_DAYS) {
            later++;
            if (!witness || other.id > witness.id) witness = other;
          } else if (other.claimed <= it.claimed) earlier++;
        }
        if (witness && later >= 2 && later > earlier) {
          out.push({
            target: it.url,
            url: it.url,
            message: `编号 ${it.id} 晚于 ${later} 篇标注日期更晚的稿件（如编号 ${witness.id}，${witness.url}，${witness.claimed.slice(0, 10)}），却标注更早的 ${it.claimed.slice(0, 10)}`,
            discriminator: String(it.id),
          });
        }
      }
    }
    return out;
  },
};
