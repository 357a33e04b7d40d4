/**
 * dates.identical-times — 突击更新 traces: many articles of one column claiming different days
 * but the same time of day to the second (S11 in dates.md). Supporting evidence only.
 */
import type { SiteCheck, Span } from '../types';

const MIN_PAGES = 5;

export const identicalTimes: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'dates.identical-times',
    family: 'dates',
    title: '多篇稿件发布时刻完全相同 (many articles share one time of day)',
    severity: 'low',
    duty: 'content',
    basis: '国办秘函〔2019〕19号 单项否决 (伪造发稿日期) — supporting evidence',
    description:
      'At least 5 articles of one column on different days claim exactly the same hour, minute and second (midnight and ' +
      'whole hours excepted, which templates produce): a sign of dates typed in bulk.',
    fix: '核实这些稿件的真实发布时间。 Check when these articles were really published.',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] {
    const groups = new Map<string, { days: Set<string>; urls: string[] }>();
    for (const p of site.pages) {
      if (!p.claimed) continue;
      const time = p.claimed.slice(11, 19);
      if (time.length < 8 || time.endsWith(':00:00')) continue;
      const key = `${p.column}|${time}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { days: new Set(), urls: [] }));
      g.days.add(p.claimed.slice(0, 10));
      g.urls.push(p.url);
    }
    const out: Span[] = [];
    for (const [key, g] of groups) {
      if (g.days.size < MIN_PAGES) continue;
      const [column, time] = key.split('|');
      out.push({
        target: column,
        message: `${g.days.size} 个不同日期的稿件发布时刻均为 ${time}：${g.urls.slice(0, 5).join('，')}${g.urls.length > 5 ? ' …' : ''}`,
        discriminator: time,
      });
    }
    return out;
  },
};
