/**
 * dates.attachment-created — an attachment whose own metadata (docx core.xml created, PDF
 * CreationDate) says it was made more than 3 days after the publication date its page claims:
 * the page was published later than it says, or the file was swapped (S7 and §6 of dates.md).
 */
import type { SiteCheck, Span } from '../types';
import { daysBetween } from './parse';

export const attachmentCreated: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'dates.attachment-created',
    family: 'dates',
    title: '附件创建时间晚于发布日期 (attachment made after the publication date)',
    severity: 'medium',
    duty: 'content',
    basis: '国办秘函〔2019〕19号 单项否决 (伪造发稿日期) — supporting evidence',
    description:
      'An attachment linked from a page of this run whose metadata creation time is more than 3 days after that page\'s ' +
      'claimed publication date. Files re-saved later legitimately (a corrected version) look the same, so it is evidence ' +
      'to review, not proof.',
    fix: '核实发布日期；更换附件的请在页面注明更新时间。 Check the date; note replaced attachments on the page.',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] {
    const claims = new Map(site.pages.filter((p) => p.claimed).map((p) => [p.url, p.claimed!]));
    const out: Span[] = [];
    for (const d of site.documents) {
      const claimed = d.linkedFrom ? claims.get(d.linkedFrom) : undefined;
      if (!claimed || !d.created) continue;
      const late = daysBetween(claimed, d.created);
      if (late <= 3) continue;
      out.push({
        target: d.url,
        url: d.linkedFrom,
        message: `附件创建于 ${d.created.slice(0, 10)}，晚于页面标注的发布日期 ${claimed.slice(0, 10)} ${late} 天`,
        discriminator: d.url,
      });
    }
    return out;
  },
};
