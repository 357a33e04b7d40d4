/**
 * Dates as government and news pages write them, to ISO 8601 in Beijing time when no zone is
 * given: 2023-08-21 09:30, 2023/8/21, 2023年8月21日, 14∶06 (U+2236 as a colon), 二〇二三年八月十八日
 * under a signature, March 5, 2024 and 5 March 2024 on English versions. Dates that do not exist
 * (2023-02-30), two-digit years, 民国 and lunar dates are not publication dates and give nothing.
 */
import { isRealDate } from '../privacy/id-number';

const pad = (n: number | string): string => String(n).padStart(2, '0');

/** Parts of a date -> ISO 8601 in Beijing time, or undefined if it is not a real date. */
export function isoFromParts(y: string | number, mo: string | number, d: string | number, h?: string, mi?: string, s?: string): string | undefined {
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < 1990 || year > 2100 || !isRealDate(year, month, day)) return undefined;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)) return undefined;
  return `${year}-${pad(month)}-${pad(day)}T${pad(h ?? 0)}:${pad(mi ?? 0)}:${pad(s ?? 0)}+08:00`;
}

/** Numeric dates; the year must have four digits and not follow 民国. */
export const NUMERIC_DATE =
  /(?<![\d民国])(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)(?:\s*日)?(?:[ T\u3000]+(\d{1,2})[:：∶](\d{2})(?:[:：∶](\d{2}))?)?/u;
const ZONED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
/** March 5, 2024 · 5 March 2024 · Mar. 5 2024 */
export const ENGLISH_DATE = new RegExp(`\\b(?:${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})|(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4}))\\b`, 'i');

const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, O: 0, o: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** 二〇二三年八月十八日 (the 成文日期 under a signature, GB/T 9704-2012 7.3.5). */
export const CHINESE_NUMERAL_DATE = /([〇零一二三四五六七八九Oo]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日/u;

function chineseNumber(s: string): number {
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + (CN_DIGIT[s[1]!] ?? 0);
  if (s.endsWith('十')) return (CN_DIGIT[s[0]!] ?? 0) * 10;
  if (s.length === 3 && s[1] === '十') return (CN_DIGIT[s[0]!] ?? 0) * 10 + (CN_DIGIT[s[2]!] ?? 0);
  return CN_DIGIT[s] ?? NaN;
}

export function fromChineseNumerals(m: RegExpExecArray): string | undefined {
  const year = [...m[1]!].map((c) => CN_DIGIT[c] ?? 0).join('');
  return isoFromParts(year, chineseNumber(m[2]!), chineseNumber(m[3]!));
}

export function fromEnglish(m: RegExpExecArray): string | undefined {
  const [monthName, day, year] = m[1] ? [m[1], m[2]!, m[3]!] : [m[5]!, m[4]!, m[6]!];
  const month = MONTHS[monthName.toLowerCase().slice(0, monthName.toLowerCase().startsWith('sept') ? 4 : 3)];
  return month ? isoFromParts(year, month, day) : undefined;
}

/** One date value (a meta content, a JSON-LD field, a table cell). */
export function parseLooseDate(text: string): string | undefined {
  const t = text.trim();
  const z = ZONED.exec(t);
  if (z) return isRealDate(Number(z[1]), Number(z[2]), Number(z[3])) ? t : undefined;
  const m = NUMERIC_DATE.exec(t);
  if (m) return isoFromParts(m[1]!, m[2]!, m[3]!, m[4], m[5], m[6]);
  const c = CHINESE_NUMERAL_DATE.exec(t);
  if (c) return fromChineseNumerals(c);
  const e = ENGLISH_DATE.exec(t);
  return e ? fromEnglish(e) : undefined;
}

export interface FoundDate {
  index: number;
  end: number;
  value: string;
}

/**
 * The three forms, global, built once: the body hash reads the dates of a page's longest lines one
 * line at a time, and three regular expressions (and matchAll's copies) made per call were most of
 * its cost. Not re-entrant: each search runs to its end before another can start.
 */
const DATE_FORMS: readonly [RegExp, (m: RegExpExecArray) => string | undefined][] = [
  [new RegExp(NUMERIC_DATE.source, 'gu'), (m) => isoFromParts(m[1]!, m[2]!, m[3]!, m[4], m[5], m[6])],
  [new RegExp(CHINESE_NUMERAL_DATE.source, 'gu'), fromChineseNumerals],
  [new RegExp(ENGLISH_DATE.source, 'gi'), fromEnglish],
];

/** Every date written in a text, in order (numeric, Chinese-numeral and English forms). */
export function findDates(text: string, limit = 500): FoundDate[] {
  const out: FoundDate[] = [];
  for (const [re, conv] of DATE_FORMS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const value = conv(m);
      if (value) out.push({ index: m.index, end: m.index + m[0].length, value });
      if (out.length >= limit) break;
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * A list row's date without its year, as homepages and column lists often print it (`11-30`,
 * `[11-30]`, `(11/30)`, `11月30日`): ending its line, where the row's title runs into it (会议11-30), or
 * starting it, with a space or with the title run on (11-21关于…, but not 3-5岁 or 12-15个工作日: a
 * count's unit is no title) — not a range inside a sentence (3-5个工作日), a number (第11-30条), a phone number,
 * the tail of a full date (2025年11月30日, found with its year) or a sentence that opens with its day (11月30日，…).
 */
const YEARLESS_DATE = /(?<![\d\-/.:：第年])(0?[1-9]|1[0-2])(?:[-/]|月)(0?[1-9]|[12]\d|3[01])日?(?=[\])）】]?[ \t\u3000]*$)|(?<=^[ \t\u3000]*[[(（【]?)(0?[1-9]|1[0-2])(?:[-/]|月)(0?[1-9]|[12]\d|3[01])日?(?=[\])）】\s]|(?<=^[ \t\u3000]*\d\d?[-/]\d\d?)(?![岁个天日年月周季时分秒点度米吨亩斤只头户家所层楼级期批届倍元万人名次件项条号份页位间张台辆本])[\u4e00-\u9fff])/gmu;
/**
 * A calendar badge: the day printed large at the start of a row with its year and month beside or
 * beneath it (`28` over `2026-11`, `28` over `2026.11`, run together as `282026-11` when the badge's
 * parts are inline), or the year and month first and the day on the next line. Not a table's 序号
 * cell beside a month (1⇥2026年1月): cells are tab-separated, badge parts never are.
 */
const DAY_BADGE = /^[ \t\u3000]*([12]\d|3[01]|0?[1-9])(?:[ \u3000]*\n[ \u3000]*)?(20\d{2})[-./年](0?[1-9]|1[0-2])月?(?![\d\-./])|^[ \t\u3000]*(20\d{2})[-./年](0?[1-9]|1[0-2])月?[ \u3000]*\n[ \u3000]*([12]\d|3[01]|0?[1-9])(?![\d\-./:：\t])/gmu;

/**
 * Year-less list dates, each given the latest year that does not put it after the day the page was
 * read (a December row read in January is last year's).
 */
export function findYearlessDates(text: string, readAt: string, limit = 400): FoundDate[] {
  const day = beijingDay(readAt);
  const year = Number(day.slice(0, 4));
  const out: FoundDate[] = [];
  for (const m of text.matchAll(YEARLESS_DATE)) {
    const [month, date] = [m[1] ?? m[3]!, m[2] ?? m[4]!];
    const monthDay = `${pad(Number(month))}-${pad(Number(date))}`;
    const value = isoFromParts(monthDay <= day.slice(5) ? year : year - 1, month, date);
    if (value) out.push({ index: m.index, end: m.index + m[0].length, value });
    if (out.length >= limit) break;
  }
  for (const m of text.matchAll(DAY_BADGE)) {
    if (out.length >= limit) break;
    const value = m[1] ? isoFromParts(m[2]!, m[3]!, m[1]) : isoFromParts(m[4]!, m[5]!, m[6]!);
    if (value) out.push({ index: m.index, end: m.index + m[0].length, value });
  }
  return out;
}

/** Calendar day in Beijing of an ISO value. */
export function beijingDay(iso: string): string {
  if (iso.endsWith('+08:00')) return iso.slice(0, 10);
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Whole days from a to b (b - a), by Beijing calendar day. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${beijingDay(b)}T00:00:00Z`) - Date.parse(`${beijingDay(a)}T00:00:00Z`)) / 86_400_000);
}

/** PDF dates (D:20230821100000+08'00') and OOXML W3C datetimes, as attachment metadata writes them. */
export function parseMetadataDate(text: string): string | undefined {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(text.trim());
  if (!m) return parseLooseDate(text);
  const zone = !m[7] ? '+08:00' : m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5) || '00'}`;
  const local = isoFromParts(m[1]!, m[2]!, m[3]!, m[4] ?? '00', m[5] ?? '00', m[6] ?? '00');
  return local ? local.slice(0, 19) + zone : undefined;
}
