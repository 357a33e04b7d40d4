/**
 * privacy.travel-document — 护照, 港澳/台湾 permits, 军官证, 港澳台 identity cards, old 外国人永久居留证 and
 * 社会保障卡 numbers. Their shapes (a letter and 8 digits, or just 8 digits) are everywhere in
 * government text, so a number counts only with its document named just before it; without that
 * context nothing is reported.
 */
import { matchText } from '../text/match-text';
import type { PageCheck, Span, Page } from '../types';
import { raiseHidden } from './severity';

interface DocumentType {
  name: string;
  shape: RegExp;
  context: RegExp;
  /** A check digit the number must satisfy, where the document has one. */
  valid?: (id: string) => boolean;
}

/** 香港身份证 A123456(7): letters count 10–35 (a one-letter number is led by 36), weights 9 … 2, check 11 − Σ mod 11 (10 → A). */
function validHkid(id: string): boolean {
  const m = /^([A-Z]{1,2})(\d{6})\(?([0-9A])\)?$/.exec(id);
  if (!m) return false;
  const letters = m[1]!.length === 1 ? [36, m[1]!.charCodeAt(0) - 55] : [...m[1]!].map((c) => c.charCodeAt(0) - 55);
  const values = [...letters, ...[...m[2]!].map(Number)];
  const sum = values.reduce((t, v, i) => t + v * (9 - i), 0);
  const check = (11 - (sum % 11)) % 11;
  return m[3] === (check === 10 ? 'A' : String(check));
}

const TW_LETTERS = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';
/** 台湾身份证 A123456789: the letter's two digits (A=10 … in the order above), then weights 1 9 8 … 1 1; Σ mod 10 = 0. */
function validTaiwanId(id: string): boolean {
  if (!/^[A-Z][12]\d{8}$/.test(id)) return false;
  const code = TW_LETTERS.indexOf(id[0]!) + 10;
  const digits = [Math.floor(code / 10), code % 10, ...[...id.slice(1)].map(Number)];
  const weights = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1];
  return digits.reduce((t, d, i) => t + d * weights[i]!, 0) % 10 === 0;
}

/** Shapes per shared/reference/privacy-secrecy.md §2 (R9–R12, R14) and §3.6. */
const TYPES: DocumentType[] = [
  { name: '护照号码', shape: /(?<![0-9A-Za-z])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7}|[DSP]E\d{7}|[DSP]\d{8}|1[45]\d{7}|[HK]\d{8}|MA\d{7})(?![0-9A-Za-z])/g, context: /护照|passport/i },
  { name: '港澳居民来往内地通行证号码', shape: /(?<![0-9A-Za-z])[HM]\d{8}(?:\d{2})?(?![0-9A-Za-z])/g, context: /回乡证|来往内地通行证|港澳居民/ },
  { name: '往来港澳通行证号码', shape: /(?<![0-9A-Za-z])C(?:\d{8}|[A-HJ-NP-Z]\d{7})(?![0-9A-Za-z])/g, context: /港澳通行证|往来港澳/ },
  { name: '台湾居民来往大陆通行证号码', shape: /(?<![0-9A-Za-z])\d{8}(?:\d{2})?(?:\([0-9A-Z]\))?(?![0-9A-Za-z])/g, context: /台胞证|台湾居民来往大陆通行证/ },
  { name: '军官证/士兵证号码', shape: /[军政后装士文][字]第[0-9A-Z]{4,10}号/g, context: /军官证|士兵证|文职人员证|军人证件/ },
  // §3.6: 港澳台 identity cards, each by its check digit as well as its name.
  { name: '香港身份证号码', shape: /(?<![0-9A-Za-z])[A-Z]{1,2}\d{6}\(?[0-9A]\)?(?![0-9A-Za-z])/g, context: /香港(?:居民|永久性居民)?身份证|HKID/i, valid: validHkid },
  { name: '台湾身份证号码', shape: /(?<![0-9A-Za-z])[A-Z][12]\d{8}(?![0-9A-Za-z])/g, context: /台湾(?:居民|地区)?身份证|身分證/, valid: validTaiwanId },
  { name: '澳门身份证号码', shape: /(?<![0-9A-Za-z])[157]\d{6}\(\d\)(?![0-9A-Za-z])/g, context: /澳门(?:居民|永久性居民)?身份证/ },
  // R13: the 15-character 外国人永久居留证 issued before 2017.
  { name: '外国人永久居留证号码', shape: /(?<![0-9A-Za-z])[A-Z]{3}\d{12}(?![0-9A-Za-z])/g, context: /永久居留/ },
  { name: '社会保障卡号', shape: /(?<![0-9A-Za-z])[0-9A-Z]{9}(?![0-9A-Za-z])/g, context: /社保卡号|社会保障卡号|社保卡卡号/ },
];
/** The document's name must stand this close before the number (a table header or a label). */
const CONTEXT = 20;

export function findTravelDocuments(text: string): Span[] {
  const spans: Span[] = [];
  const taken = new Set<number>();
  for (const t of TYPES) {
    // The document's name is rare and its number's shape common (any 9 letters and digits): read
    // shapes only in the stretch after each name, not over a whole spreadsheet of numbers.
    // Each start is tried in place (sticky) on the whole text, so a number's edges are read as they are.
    const named = new RegExp(t.context.source, `g${t.context.flags.replace('g', '')}`);
    const shape = new RegExp(t.shape.source, `y${t.shape.flags.replace('g', '')}`);
    let scannedTo = 0;
    for (const c of text.matchAll(named)) {
      const to = Math.min(text.length, c.index + c[0].length + CONTEXT);
      for (let at = Math.max(scannedTo, c.index + c[0].length); at < to; at++) {
        shape.lastIndex = at;
        const m = shape.exec(text);
        if (!m) continue;
        at += m[0].length - 1;
        if (taken.has(m.index) || !t.context.test(text.slice(Math.max(0, m.index - CONTEXT), m.index))) continue;
        if (t.valid && !t.valid(m[0])) continue;
        taken.add(m.index);
        spans.push({ start: m.index, end: m.index + m[0].length, message: t.name, confidence: 0.9 });
      }
      scannedTo = to;
    }
  }
  return spans.sort((a, b) => a.start! - b.start!);
}

export const travelDocument: PageCheck = {
  kind: 'page',
  meta: {
    id: 'privacy.travel-document',
    family: 'privacy',
    title: '证件号码泄露 (passport, permit, military or other identity document exposed)',
    severity: 'high',
    duty: 'privacy',
    basis: '个人信息保护法 第28条 (特定身份); 政府信息公开条例 第15条',
    description:
      'Finds passport, 港澳居民来往内地通行证, 往来港澳通行证, 台胞证, 军官证/士兵证, 香港/台湾/澳门身份证 (the first two by their check ' +
      'digit too), 外国人永久居留证 (15 characters, before 2017) and 社会保障卡 numbers, only when the document is named within 20 ' +
      'characters before the number (their shapes alone are common in other numbers).',
    fix: '删除证件号码或仅保留首尾各两位。 Remove the number, or keep at most two characters at each end.',
    version: 1,
    sensitive: true,
  },
  run(page: Page): Span[] {
    return raiseHidden(page, findTravelDocuments(matchText(page)), 'high');
  },
};
