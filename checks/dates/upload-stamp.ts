/**
 * dates.upload-stamp — images or attachments uploaded after the claimed publication date: the
 * TRS W0YYYYMMDD…/P0YYYYMMDD… file names carry the upload day (S7 in dates.md).
 */
import type { PageCheck, Span } from '../types';
import { daysBetween } from './parse';
import { claimOf, evidence } from './claims';

export const uploadStamp: PageCheck = {
  kind: 'page',
  meta: {
    id: 'dates.upload-stamp',
    family: 'dates',
    title: '附件上传日期晚于发布日期 (attachment uploaded after the publication date)',
    severity: 'high',
    duty: 'content',
    basis: '国办秘函〔2019〕19号 单项否决 (伪造发稿日期)',
    description:
      'An image or attachment in the page whose TRS upload stamp (W0/P0 + YYYYMMDD) is more than 3 days after the ' +
      'claimed publication date: the page, or that file, was put up later than it says.',
    fix: '核实发布日期；如系后期更换附件，请在页面注明更新时间。 Check the date; note later replacements of attachments.',
    version: 1,
    sensitive: false,
  },
  run(page): Span[] {
    const claimed = claimOf(page);
    if (!claimed) return [];
    const { sources, claim } = claimed;
    return sources
      .filter((s) => s.source === 'stamp' && daysBetween(claim.value, s.value) > 3)
      .map((s) => ({
        target: s.from,
        message: `附件上传于 ${s.value.slice(0, 10)}，晚于发布日期 ${claim.value.slice(0, 10)}。${evidence(sources)}`,
        discriminator: s.from,
      }));
  },
};
