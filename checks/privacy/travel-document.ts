/**
 * privacy.travel-document — 护照, 港澳/台湾 permits and 军官证 numbers. Their shapes (a letter and 8
 * digits, or just 8 digits) are everywhere in government text, so a number counts only with its
 * document named just before it; without that context nothing is reported.
 */
import { matchText } from '../text/match-text';
import type { PageCheck, Span, Page } from '../types';
import { raiseHidden } from './severity';

interface DocumentType {
  name: string;
  shape: RegExp;
  context: RegExp;
}

/** Shapes per shared/reference/privacy-secrecy.md §2 (R9–R12, R14) and §3.6. */
const TYPES: DocumentType[] = [
  { name: '护照号码', shape: /(?<![0-9A-Za-z])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7}|[DSP]E\d{7}|[DSP]\d{8}|1[45]\d{7}|[HK]\d{8}|MA\d{7})(?![0-9A-Za-z])/g, context: /护照|passport/i },
  { name: '港澳居民来往内地通行证号码', shape: /(?<![0-9A-Za-z])[HM]\d{8}(?:\d{2})?(?![0-9A-Za-z])/g, context: /回乡证|来往内地通行证|港澳居民/ },
  { name: '往来港澳通行证号码', shape: /(?<![0-9A-Za-z])C(?:\d{8}|[A-HJ-NP-Z]\d{7})(?![0-9A-Za-z])/g, context: /港澳通行证|往来港澳/ },
  { name: '台湾居民来往大陆通行证号码', shape: /(?<![0-9A-Za-z])\d{8}(?:\d{2})?(?:\([0-9A-Z]\))?(?![0-9A-Za-z])/g, context: /台胞证|台湾居民来往大陆通行证/ },
  { name: '军官证/士兵证号码', shape: /[军政后装士文][字]第[0-9A-Z]{4,10}号/g, context: /军官证|士兵证|文职人员证|军人证件/ },
];
/** The document's name must stand this close before the number (a table header or a label). */
const CONTEXT = 20;

export function findTravelDocuments(text: string): Span[] {
  const spans: Span[] = [];
  const taken = new Set<number>();
  for (const t of TYPES) {
    for (const m of text.matchAll(t.shape)) {
      if (taken.has(m.index)) continue;
      if (!t.context.test(text.slice(Math.max(0, m.index - CONTEXT), m.index))) continue;
      taken.add(m.index);
      spans.push({ start: m.index, end: m.index + m[0].length, message: t.name, confidence: 0.9 });
    }
  }
  return spans.sort((a, b) => a.start! - b.start!);
}

export const travelDocument: PageCheck = {
  kind: 'page',
  meta: {
    id: 'privacy.travel-document',
    family: 'privacy',
    title: '证件号码泄露 (passport, permit or military ID exposed)',
    severity: 'high',
    duty: 'privacy',
    basis: '个人信息保护法 第28条 (特定身份); 政府信息公开条例 第15条',
    description:
      'Finds passport, 港澳居民来往内地通行证, 往来港澳通行证, 台胞证 and 军官证/士兵证 numbers, only when the document is named ' +
      'within 20 characters before the number (their shapes alone are common in other numbers).',
    fix: '删除证件号码或仅保留首尾各两位。 Remove the number, or keep at most two characters at each end.',
    version: 1,
    sensitive: true,
  },
  run(page: Page): Span[] {
    return raiseHidden(page, findTravelDocuments(matchText(page)), 'high');
  },
};
