/**
 * privacy.id-card — 居民身份证号码 exposed in a page or attachment.
 *
 * A bare 18-digit regex alarms on order numbers, bank references and file ids. A hit here must
 * have a real province, a real birth date not after the scan date, and a valid MOD 11-2 check
 * character. 15-digit legacy numbers carry no checksum, so they are reported only with an ID
 * keyword nearby.
 */
import { matchText } from '../text/match-text';
import { raiseHidden } from './severity';
import type { PageCheck, Span, Page, Context } from '../types';
import { validateId15, validateId18 } from './id-number';
import { rowFacts } from './named-table';
import { idNumbersInLinks, idNumbersInUrl } from './in-url';

const ID18 = /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])/g;
const ID15 = /(?<![0-9A-Za-z])[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])/g;
/** Grouped by spaces or dashes, as tables and OCR print them (reference privacy-secrecy.md R1b): 6-8-4, 6-4-4-4, 4-4-4-4-2. */
const ID18_GROUPED = /(?<![0-9A-Za-z])(?:\d{6}[ -]?(?:\d{8}|\d{4}[ -]?\d{4})[ -]?\d{3}[0-9Xx]|\d{4} \d{4} \d{4} \d{4} \d[0-9Xx])(?![0-9A-Za-z])/g;
const KEYWORD = /身份证|身份号码|证件号|公民身份|居民身份|身分證|居住证|永久居留/;
/**
 * 残疾人证号: the holder's ID number followed by the category (1–7) and grade (1–4) of the
 * disability (reference privacy-secrecy.md R4) — an identity and art. 28 health information at once.
 */
const DISABILITY_CERT = /(?<![0-9A-Za-z])([1-9]\d{16}[0-9Xx])([1-7][1-4])(?![0-9A-Za-z])/g;
/**
 * An ID number a spreadsheet kept as a number: Excel holds 15 significant digits, so the last three
 * print as 000 and the checksum fails (reference detection row 7). Region, birth date and most of
 * the sequence still name the person.
 */
const SPREADSHEET_CUT = /000$/;
/** Context window each side, in characters (Purview uses far more; 40 keeps table rows apart). */
const CONTEXT = 40;
/** This many distinct numbers on one page is a list of citizens, not a slip. */
const BULK = 10;
export function findIdNumbers(text: string, asOf: Date): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(ID18)) {
    const v = validateId18(m[0], asOf);
    const start = m.index;
    const near = text.slice(Math.max(0, start - CONTEXT), start + m[0].length + CONTEXT);
    if (!v.valid) {
      if (v.reason === 'checksum' && SPREADSHEET_CUT.test(m[0]) && (KEYWORD.test(near) || rowFacts(text, start).nameColumn)) {
        spans.push({ start, end: start + m[0].length, confidence: 0.8, message: '身份证号码（表格软件截去末三位，仍可识别本人）(ID number cut to 15 digits by a spreadsheet)' });
      }
      continue;
    }
    spans.push({ start, end: start + m[0].length, confidence: KEYWORD.test(near) ? 0.95 : 0.8 });
  }
  for (const m of text.matchAll(DISABILITY_CERT)) {
    if (!validateId18(m[1]!, asOf).valid) continue;
    spans.push({
      start: m.index, end: m.index + m[0].length, severity: 'critical', confidence: 0.9,
      message: '残疾人证号（身份证号码加残疾类别、等级）公开 (disability certificate number: an ID number with the disability\u2019s category and grade)',
    });
  }
  for (const m of text.matchAll(ID18_GROUPED)) {
    if (!/[ -]/.test(m[0])) continue;
    const v = validateId18(m[0].replace(/[ -]/g, ''), asOf);
    if (!v.valid) continue;
    const start = m.index;
    const near = text.slice(Math.max(0, start - CONTEXT), start + m[0].length + CONTEXT);
    // Grouped digits are also how long account and order numbers print: the checksum holds 1 in 11 by chance, so a keyword is wanted.
    if (!KEYWORD.test(near) && !rowFacts(text, start).nameColumn) continue;
    spans.push({ start, end: start + m[0].length, confidence: 0.9, message: '身份证号码（以空格或连字符分组书写）(ID number written in groups)' });
  }
  for (const m of text.matchAll(ID15)) {
    const start = m.index;
    const near = text.slice(Math.max(0, start - CONTEXT), start);
    if (!KEYWORD.test(near) || !validateId15(m[0]).valid) continue;
    spans.push({ start, end: start + m[0].length, confidence: 0.7, message: '15位旧版身份证号码 (legacy 15-digit ID number)' });
  }
  const distinct = new Set(spans.map((s) => text.slice(s.start, s.end).toUpperCase()));
  for (const s of spans) {
    if (s.severity === 'critical') continue;
    const row = rowFacts(text, s.start!);
    if (row.nameColumn) {
      s.severity = 'critical';
      s.message = row.sensitive ? `姓名、身份证号码与${row.sensitive}同表公开 (name, ID number and a sensitive attribute in one table)` : '姓名与身份证号码同行公开 (name and ID number in one row)';
    } else if (distinct.size >= BULK) s.severity = 'critical';
  }
  return spans.sort((a, b) => a.start! - b.start!);
}

export const idCard: PageCheck = {
  kind: 'page',
  meta: {
    id: 'privacy.id-card',
    family: 'privacy',
    title: '身份证号码泄露 (ID number exposed)',
    severity: 'high',
    duty: 'privacy',
    basis: '个人信息保护法 第28条; 政府信息公开条例 第15条; 国办秘函〔2019〕19号',
    description:
      'Finds 18-digit 居民身份证号码 (also 港澳台居民居住证 and 外国人永久居留身份证) that pass the GB 11643 MOD 11-2 checksum, ' +
      'with a real province and birth date, in the text, in the page\u2019s own URL and in the addresses it links or loads (href, src); 15-digit legacy numbers only next to an ID keyword; ' +
      '残疾人证号 (an ID number followed by the disability\u2019s category 1–7 and grade 1–4; critical); an ID number a spreadsheet cut to 15 ' +
      'significant digits (ending 000, checksum failing) next to an ID keyword or under a name column. Critical when ten or more are on ' +
      'one page, when the number sits in a table row under a name column (name + ID), or when it is hidden from the reader.',
    fix: '删除或按“前2位+*+后2位”去标识化处理后重新发布，并核查网页快照与附件。 Remove the number or mask it (keep at most the first 2 and last 2 digits).',
    version: 1,
    sensitive: true,
  },
  run(page: Page, ctx: Context): Span[] {
    const asOf = ctx.clock.now();
    const inOwnUrl = idNumbersInUrl(page.url, asOf);
    const own = new Set(inOwnUrl.map((s) => s.target));
    return [...raiseHidden(page, findIdNumbers(matchText(page), asOf), 'high'), ...inOwnUrl, ...idNumbersInLinks(page, asOf).filter((s) => !own.has(s.target))];
  },
};
