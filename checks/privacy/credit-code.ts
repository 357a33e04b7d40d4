/**
 * privacy.credit-code — 统一社会信用代码 of a 个体工商户 (registration code 9, type 2: `92…`), which
 * identifies a natural person's business. Codes of companies and public bodies are public
 * information and are not reported. Validation is GB 32100-2015 (MOD 31-3) plus the embedded
 * GB 11714 organisation code check: random strings pass both only about 1 time in 341.
 */
import { matchText } from '../text/match-text';
import type { PageCheck, Span, Page } from '../types';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const CODE = /(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])/g;

/** GB 32100 check character (MOD 31-3). */
export function usccCheckValid(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(code[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31] === code[17];
}

/** GB 11714 check of the organisation code at positions 9-17. */
export function orgCodeValid(code: string): boolean {
  const org = code.slice(8, 17);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = org[i]!;
    const v = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += v * ORG_WEIGHTS[i]!;
  }
  const r = 11 - (sum % 11);
  const check = r === 10 ? 'X' : r === 11 ? '0' : String(r);
  return org[8] === check;
}

export function findSoleTraderCodes(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(CODE)) {
    const code = m[0];
    if (!code.startsWith('92') || !usccCheckValid(code) || !orgCodeValid(code)) continue;
    spans.push({ start: m.index, end: m.index + code.length, confidence: 0.9 });
  }
  return spans;
}

export const creditCode: PageCheck = {
  kind: 'page',
  meta: {
    id: 'privacy.credit-code',
    family: 'privacy',
    title: '个体工商户统一社会信用代码 (sole trader credit code)',
    severity: 'low',
    duty: 'privacy',
    basis: 'GB 32100-2015; 个人信息保护法 第4条 (个体工商户 identifies a natural person)',
    description:
      'Finds 统一社会信用代码 of 个体工商户 (92...) that pass both the GB 32100 MOD 31-3 check and the GB 11714 organisation ' +
      'code check. Company and public-body codes are public and not reported. Switch off where 行政许可/处罚 公示 requires them.',
    fix: '核查公示依据；非法定公示事项的，删除或部分遮蔽代码。 Check whether the law requires publishing it; otherwise remove or mask.',
    version: 1,
    sensitive: true,
  },
  run(page: Page): Span[] {
    return findSoleTraderCodes(matchText(page));
  },
};
