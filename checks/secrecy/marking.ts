/**
 * secrecy.marking — 国家秘密标志 (密级★保密期限), 密件发文字号, 密级 fields, 工作秘密 and
 * 不予公开 markings on published pages. The markers and the contexts where they are harmless
 * (exam papers after the exam, 保密教育 text describing the mark, declassified archives) are
 * data: wordlists/secrecy-markings.json.
 */
import type { PageCheck, Span, Page } from '../types';
import { compileWordlist, matchWordlist } from '../text/wordlist';
import markings from '../../wordlists/secrecy-markings.json';

const LIST = compileWordlist(markings, 'wordlists/secrecy-markings.json');

export function findMarkings(text: string): Span[] {
  return matchWordlist(text, LIST);
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
      'Finds 国家秘密标志 (绝密/机密/秘密★期限), 发文字号 with 密, 密级 fields (critical), 工作秘密 marks and 此件不予公开 notes ' +
      '(high), 不得翻印/阅后收回 notes (medium). Exam papers, 保密教育 text quoting the format and declassified archives are ' +
      'downgraded to info/low rather than dropped, so a reviewer still sees them.',
    fix: '立即撤下页面及附件并报保密审查；经审查可公开的，先履行解密或非密处理程序。 Take the page down and refer it to the secrecy review.',
    version: 1,
    sensitive: false,
  },
  run(page: Page): Span[] {
    return findMarkings(page.text.text);
  },
};
