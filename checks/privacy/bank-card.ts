/**
 * privacy.bank-card — 银行卡号 exposed (补贴、资助、代发 lists are where they leak). A 13–19 digit
 * number must pass Luhn; UnionPay BINs (62, 81) count on their own, other BINs only with a card
 * keyword nearby. A valid 18-digit ID number that happens to pass Luhn (about 1 in 10) is left to
 * privacy.id-card unless a card keyword is right there.
 */
import { matchText } from '../text/match-text';
import { raiseHidden } from './severity';
import type { PageCheck, Span, Page, Context } from '../types';
import { validateId18 } from './id-number';
import { isUnionPay, luhnValid } from './numbers';
import { rowFacts } from './named-table';

const CARD = /(?<![0-9A-Za-z])\d(?:[ -]?\d){12,18}(?![0-9A-Za-z])/g;
const KEYWORD = /卡号|银行卡|账号|帐号|开户行|一卡通|一折通|社保卡|代发|储蓄卡|借记卡|信用卡/;
const CONTEXT = 20;
const BULK = 10;

export function findBankCards(text: string, asOf: Date): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(CARD)) {
    const digits = m[0].replace(/[ -]/g, '');
    if (!luhnValid(digits)) continue;
    const near = text.slice(Math.max(0, m.index - CONTEXT), m.index);
    const keyword = KEYWORD.test(near);
    if (digits.length === 18 && validateId18(digits, asOf).valid && !keyword) continue;
    if (!isUnionPay(digits) && !keyword) continue;
    spans.push({ start: m.index, end: m.index + m[0].length, confidence: keyword ? 0.95 : 0.75 });
  }
  for (const s of spans) {
    if (spans.length >= BULK) s.severity = 'critical';
    else if (rowFacts(text, s.start!).named) {
      s.severity = 'critical';
      s.message = '姓名与银行卡号同行公开 (name and card number in one row)';
    }
  }
  return spans;
}

export const bankCard: PageCheck = {
  kind: 'page',
  meta: {
    id: 'privacy.bank-card',
    family: 'privacy',
    title: '银行卡号泄露 (bank card number exposed)',
    severity: 'high',
    duty: 'privacy',
    basis: '个人信息保护法 第28条 (金融账户); 政府信息公开条例 第15条',
    description:
      'Finds 13-19 digit card numbers passing the Luhn check: UnionPay (62, 81) on their own, other BINs next to a card ' +
      'keyword (卡号, 银行卡, 账号, 一卡通, 代发...). Ten or more on a page, or one beside a person\u2019s full name in a table row, is critical.',
    fix: '删除卡号或仅保留前4位和后4位（6222 **** **** 1234）。 Remove, or keep at most the first and last four digits.',
    version: 1,
    sensitive: true,
  },
  run(page: Page, ctx: Context): Span[] {
    return raiseHidden(page, findBankCards(matchText(page), ctx.clock.now()), 'high');
  },
};
