/**
 * secrecy.marking — 国家秘密标志 (密级★保密期限), 密件发文字号, 密级 fields, 工作秘密 and
 * 不予公开 markings on published pages. The markers and the contexts where they are harmless
 * (exam papers after the exam, 保密教育 text describing the mark, declassified archives) are
 * data: wordlists/secrecy-markings.json.
 */
import { matchText } from '../text/match-text';
import type { PageCheck, Span, Page } from '../types';
import { compileBuiltInWordlist, matchWordlist } from '../text/wordlist';
import markings from '../../wordlists/secrecy-markings.json';
import { bareLevelLines, headerZone, inZone } from './header-zone';

const LIST = compileBuiltInWordlist(markings, 'wordlists/secrecy-markings.json');

/**
 * Where a mark stands weighs as much as what it says: in the header zone a 密级 mark is placed as
 * GB/T 9704 places it (high confidence); a 工作秘密 mark belongs there (or in a page header) and
 * is one level lower elsewhere, where it is mostly quoted. A bare `机密` line counts only in the
 * zone of a document with a 发文机关标志 or 发文字号.
 */
export function findMarkings(text: string, title?: string): Span[] {
  const zone = headerZone(text, title);
  const spans: Span[] = matchWordlist(text, LIST).map((s) => {
    const top = inZone(zone, s.start);
    const out: Span = { ...s, confidence: top ? 0.95 : 0.75 };
    if (s.entry === 'work-secret-mark' && !top && s.severity === 'high') out.severity = 'medium';
    if (top && s.entry === 'state-secret-mark' && s.severity === 'critical') out.message = `${s.message}（位于文件版头）`;
    return out;
  });
  for (const l of bareLevelLines(text, zone)) {
    if (spans.some((s) => s.start! <= l.start && s.end! >= l.end)) continue;
    spans.push({
      start: l.start, end: l.end, severity: 'critical', confidence: 0.9,
      message: '版头单独标注密级（GB/T 9704 密级位置），文件属国家秘密',
      suggestion: '立即撤下页面及附件，报保密审查',
      discriminator: `bare-level|${text.slice(l.start, l.end)}`,
    });
  }
  return spans.sort((a, b) => a.start! - b.start!);
}

export const marking: PageCheck = {
  kind: 'page',
  meta: {
    id: 'secrecy.marking',
    family: 'secrecy',
    title: '涉密或内部标志 (secrecy marking on a published page)',
    severity: 'critical',
    duty: 'secrecy',
    basis: '保守国家秘密法; GB/T 9704-2012 7.2.2; 政府信息公开条例 第14条、第17条; 国办秘函〔2019〕19号 单项否决 2 (泄露国家秘密)',
    description:
      'Finds 国家秘密标志 (绝密/机密/秘密★期限), 发文字号 with 密, 密级 fields, a bare 密级 line in the 版头 of a document with a ' +
      '发文机关标志 or 发文字号 (critical), 工作秘密 marks and 此件不予公开 notes (high; a 工作秘密 mark outside the header zone, ' +
      'where it is mostly quoted, medium), 不得翻印/阅后收回 notes (medium). Marks in the header zone (first five lines of the ' +
      'document) carry higher confidence. Exam papers, 保密教育 text quoting the format and declassified archives are ' +
      'downgraded to info/low rather than dropped, so a reviewer still sees them.',
    fix: '立即撤下页面及附件并报保密审查；经审查可公开的，先履行解密或非密处理程序。 Take the page down and refer it to the secrecy review.',
    version: 1,
    sensitive: false,
  },
  run(page: Page): Span[] {
    return findMarkings(matchText(page), page.contentType === 'html' ? page.text.title : undefined);
  },
};
