/**
 * dates.before-cited — a page dated before a document it cites could exist: 〔2023〕 cited by a
 * page dated 2021 (S3 in dates.md). Planning years (到2035年) are not 文号 and are not judged.
 */
import type { PageCheck, Span } from '../types';
import { citedDocuments } from './date-sources';
import { claimOf, evidence } from './claims';

export const beforeCited: PageCheck = {
  kind: 'page',
  meta: {
    id: 'dates.before-cited',
    family: 'dates',
    title: '发布日期早于所引文件 (dated before a document it cites)',
    severity: 'high',
    duty: 'content',
    basis: '国办秘函〔2019〕19号 单项否决 (伪造发稿日期); 党政机关公文处理工作条例 (发文字号年份为成文年份)',
    description: 'The page cites a 发文字号 of year Y (…〔Y〕N号) but claims a publication date before 1 January of Y.',
    fix: '核实发布日期或所引文号。 Check the publication date and the cited document number.',
    version: 1,
    sensitive: false,
  },
  run(page): Span[] {
    const claimed = claimOf(page);
    if (!claimed) return [];
    const { sources, claim } = claimed;
    const year = Number(claim.value.slice(0, 4));
    return citedDocuments(page.text.text)
      .filter((c) => c.year > year)
      .map((c) => ({
        start: c.start,
        end: c.end,
        message: `发布日期 ${claim.value.slice(0, 10)} 早于所引 ${c.year} 年文件。${evidence(sources)}`,
        discriminator: String(c.year),
      }));
  },
};
