/**
 * dates.before-written — published before the document was written: a claimed date earlier than
 * its own 成文日期 or 印发日期 (S2 in dates.md). 发布日期 ≥ 印发日期 ≥ 成文日期 for an original document.
 */
import type { PageCheck, Span } from '../types';
import { daysBetween } from './parse';
import { claimOf, evidence } from './claims';

export const beforeWritten: PageCheck = {
  kind: 'page',
  meta: {
    id: 'dates.before-written',
    family: 'dates',
    title: '发布日期早于成文日期 (published before it was written)',
    severity: 'high',
    duty: 'content',
    basis: '国办秘函〔2019〕19号 单项否决 (伪造发稿日期); 党政机关公文处理工作条例 第九条; GB/T 9704-2012 7.3.5',
    description:
      'The claimed publication date is before the page\'s own 成文日期 (信息公开 table or the date under the signature) or ' +
      'its 印发日期 by more than one day: impossible unless the date was set back.',
    fix: '核实发布日期；如页面把成文日期标为发布日期，请分开标注。 Check the date; label 成文日期 and 发布日期 separately.',
    version: 1,
    sensitive: false,
  },
  run(page): Span[] {
    const claimed = claimOf(page);
    if (!claimed) return [];
    const { sources, claim } = claimed;
    const later = sources.filter((s) => ['written', 'printed', 'signature'].includes(s.source) && daysBetween(claim.value, s.value) > 1);
    if (!later.length) return [];
    const worst = later.reduce((a, b) => (a.value > b.value ? a : b));
    const label = worst.source === 'printed' ? '印发日期' : '成文日期';
    return [{ target: claim.value, message: `发布日期 ${claim.value.slice(0, 10)} 早于${label} ${worst.value.slice(0, 10)}。${evidence(sources)}`, discriminator: `${claim.value.slice(0, 10)}|${worst.value.slice(0, 10)}` }];
  },
};
