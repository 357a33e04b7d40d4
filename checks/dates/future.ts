/** dates.future — a publication date after the day the page was fetched (S1 in dates.md). */
import type { PageCheck, Span } from '../types';
import { daysBetween } from './parse';
import { claimOf, evidence } from './claims';

export const future: PageCheck = {
  kind: 'page',
  meta: {
    id: 'dates.future',
    family: 'dates',
    title: '发布日期晚于采集日期 (publication date in the future)',
    severity: 'high',
    duty: 'content',
    basis: '国办秘函〔2019〕19号 单项否决 (存在弄虚作假行为，如伪造发稿日期)',
    description:
      'The claimed publication date (export field, meta, JSON-LD, byline or URL; never a date found only in the body) is ' +
      'more than one day after the scan. Dates announced in the body (将于…召开) are not claims and are not judged.',
    fix: '核实发布日期，按实际发布时间更正。 Correct the publication date to the real one.',
    version: 1,
    sensitive: false,
  },
  run(page, ctx): Span[] {
    const claimed = claimOf(page);
    if (!claimed) return [];
    const { sources, claim } = claimed;
    const ahead = daysBetween(ctx.clock.now().toISOString(), claim.value);
    if (ahead <= 1) return [];
    return [{ target: claim.value, message: `发布日期 ${claim.value.slice(0, 10)} 晚于采集日 ${ahead} 天。${evidence(sources)}`, discriminator: claim.value.slice(0, 10) }];
  },
};
