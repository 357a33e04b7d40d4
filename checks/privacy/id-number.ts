/**
 * 居民身份证号码 (GB 11643-1999) validation: structure, province code, real birth date, MOD 11-2.
 * Kept apart from the check so that masking audits and attachment checks can share it.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Mainland province-level prefixes (GB/T 2260), plus 71 (台湾, seen in some records). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71,
]);
/** 港澳台居民居住证 use these exact address codes. */
const PERMIT_REGIONS = new Set(['810000', '820000', '830000']);

export type IdKind = 'resident' | 'hmt-residence-permit' | 'foreign-permanent-resident';

export interface IdValidation {
  valid: boolean;
  kind?: IdKind;
  reason?: string;
  birth?: { year: number; month: number; day: number };
}

export function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const dim = [31, (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= dim[month - 1]!;
}

/** Validate an 18-character candidate against the standard; `asOf` bounds the birth date. */
export function validateId18(raw: string, asOf: Date): IdValidation {
  const id = raw.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { valid: false, reason: 'shape' };
  let kind: IdKind = 'resident';
  const region = id.slice(0, 6);
  if (id[0] === '9') {
    // 外国人永久居留身份证 (2023): 9 + province(2) + nationality(3); province must still be real.
    kind = 'foreign-permanent-resident';
    if (!PROVINCES.has(Number(id.slice(1, 3)))) return { valid: false, reason: 'region' };
  } else if (id[0] === '8') {
    kind = 'hmt-residence-permit';
    if (!PERMIT_REGIONS.has(region)) return { valid: false, reason: 'region' };
  } else if (!PROVINCES.has(Number(id.slice(0, 2)))) {
    return { valid: false, reason: 'region' };
  }
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1850 || !isRealDate(year, month, day)) return { valid: false, reason: 'birth-date' };
  const born = Date.UTC(year, month - 1, day);
  if (born > asOf.getTime()) return { valid: false, reason: 'future-birth-date' };
  if (checkDigit(id.slice(0, 17)) !== id[17]) return { valid: false, reason: 'checksum' };
  return { valid: true, kind, birth: { year, month, day } };
}

/** Legacy 15-digit numbers have no check digit: region + 19YYMMDD must be real. */
export function validateId15(id: string): IdValidation {
  if (!/^\d{15}$/.test(id)) return { valid: false, reason: 'shape' };
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return { valid: false, reason: 'region' };
  const year = 1900 + Number(id.slice(6, 8));
  const month = Number(id.slice(8, 10));
  const day = Number(id.slice(10, 12));
  if (!isRealDate(year, month, day)) return { valid: false, reason: 'birth-date' };
  return { valid: true, kind: 'resident', birth: { year, month, day } };
}
