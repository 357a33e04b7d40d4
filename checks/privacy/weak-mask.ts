/**
 * privacy.weak-mask — a number was masked, but not enough: the birth date of an ID number is still
 * readable, or digits 4–7 of a mobile number show. Different pages
 * masking different positions of the same people let the number be rebuilt, which is why the
 * rule is about positions, not about whether some stars are present (永安市 通报 2023: 身份证号码
 * 以*替代部分数字, e.g. 35*************123).
 */
import { matchText } from '../text/match-text';
import type { PageCheck, Span, Page } from '../types';

const MASK_CHARS = '*＊#●■×xX';
/** Maximal runs of digits and mask characters; lookarounds at every character cost 10× more. */
const RUN = /[0-9Xx*＊#●■×]{11,}/g;
const LETTER = /[A-Za-z]/;

function isMask(token: string, i: number): boolean {
  const c = token[i]!;
  // A trailing X after a digit is the ID check character, not a mask.
  if ((c === 'x' || c === 'X') && i === token.length - 1 && /\d/.test(token[i - 1] ?? '')) return false;
  return MASK_CHARS.includes(c);
}

/** Why a masked token still reveals too much, or undefined when the mask is adequate (or no mask). */
export function maskProblem(token: string): string | undefined {
  const masked = [...token].map((_, i) => isMask(token, i));
  const maskCount = masked.filter(Boolean).length;
  const digitCount = token.length - maskCount;
  if (maskCount < 2 || digitCount < 2) return undefined;
  const visible = (from: number, to: number): boolean => masked.slice(from - 1, to).some((m) => !m);
  if (token.length === 18 || token.length === 15) {
    if (!/^[1-9*＊#●■×]/.test(token)) return undefined;
    const birth = token.length === 18 ? visible(7, 14) : visible(7, 12);
    // With the birth date hidden, the region (first 6) and the last 4 may show: 450102********1234 is
    // the usual 公示 practice and names no one, so visible digits outside 7–14 are not counted.
    if (birth) return '身份证号码遮蔽不足：出生日期仍可见 (ID number masked, but the birth date shows)';
    return undefined;
  }
  if (token.length === 11 && token[0] === '1' && visible(4, 7)) {
    return '手机号码遮蔽不足：第4-7位可见 (mobile number masked, but digits 4-7 show)';
  }
  return undefined;
}

export function findWeakMasks(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(RUN)) {
    // A token is a whole run of 11–18 characters that is not part of a word (ABC123…).
    if (m[0].length > 18 || LETTER.test(text[m.index - 1] ?? '') || LETTER.test(text[m.index + m[0].length] ?? '')) continue;
    const problem = maskProblem(m[0]);
    if (problem) spans.push({ start: m.index, end: m.index + m[0].length, message: problem });
  }
  return spans;
}

export const weakMask: PageCheck = {
  kind: 'page',
  meta: {
    id: 'privacy.weak-mask',
    family: 'privacy',
    title: '个人信息去标识化不足 (inadequate masking)',
    severity: 'medium',
    duty: 'privacy',
    basis: '2018年政务公开工作要点: 涉及个人隐私的政府信息公开时要去标识化处理; GB/T 35273 7.2; GB/T 37964-2019',
    description:
      'Audits masked ID numbers (15/18 characters: the birth date, digits 7-14 or 7-12, must be masked; the first six and ' +
      'last four may show, as 450102********1234 in 公示) and masked mobile numbers (digits 4-7 masked). Mask ' +
      'characters: * ＊ # ● ■ × x.',
    fix: '身份证号码至少遮蔽出生日期（第7-14位），如“前6位+8个*+后4位”，手机号码遮蔽第4-7位。 Mask the birth date of IDs and digits 4-7 of mobiles.',
    version: 2,
    sensitive: true,
  },
  run(page: Page): Span[] {
    return findWeakMasks(matchText(page));
  },
};
