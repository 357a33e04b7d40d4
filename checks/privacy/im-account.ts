/**
 * privacy.im-account — a person's QQ number or WeChat ID (reference privacy-secrecy.md §3.7:
 * medium with a name). Offices publish QQ groups, consultation numbers and official accounts on
 * purpose, so a number counts only where it is a person's: on a row of a list of people, or on a
 * line naming a contact person (联系人：李老师 QQ：…).
 */
import { matchText } from '../text/match-text';
import type { PageCheck, Span, Page } from '../types';
import { raiseHidden } from './severity';
import { inNamedTable, namedTableCells } from './named-table';

/**
 * A QQ number after its label (not a group's, a mailbox's): the number is the last group, and
 * masking hides it the same way. A few spaces at most between the parts: with a run of them each
 * unbounded, `QQ` and 4,000 tabs took 28 s (cubic), a text file's or an export's raw whitespace.
 */
export const QQ = /(?:QQ|qq)(?!\s{0,4}(?:群|交流群|邮箱|空间|音乐))\s{0,4}(?:号码?)?\s{0,4}[:：]?\s{0,4}([1-9]\d{4,10})(?!\d)/g;
/** A WeChat ID after its label (not an official account's, a mini program's). */
export const WECHAT = /(?:微信|wechat|WeChat)(?!\s{0,4}(?:公众|服务号|订阅号|小程序|视频号|群|支付))\s{0,4}(?:号|ID|id)?\s{0,4}[:：]\s{0,4}([A-Za-z][-_A-Za-z0-9]{5,19})(?![-_A-Za-z0-9])/g;
/** A line about a person: who to contact, by name or form of address. */
const PERSON = /联系人|姓名|负责人|经办人|同志|老师|先生|女士|(?:^|[\s：:，,])[\u4e00-\u9fa5]{1,2}(?:工|主任|科长|经理)(?=[\s，,：:]|$)/;

const QQ_COLUMN = /^(?:QQ|qq)(?:号码?)?$/;
const WECHAT_COLUMN = /^微信(?:号|ID)?$/;
const QQ_CELL = /^\s*([1-9]\d{4,10})\s*$/;
const WECHAT_CELL = /^\s*([A-Za-z][-_A-Za-z0-9]{5,19})\s*$/;

/** Bare numbers and IDs in a QQ or 微信 column of a list of people (the label is the column's). */
function accountCells(text: string, spans: Span[]): void {
  for (const [column, cell, what] of [[QQ_COLUMN, QQ_CELL, 'QQ号'], [WECHAT_COLUMN, WECHAT_CELL, '微信号']] as const) {
    for (const c of namedTableCells(text, column)) {
      const m = cell.exec(c.text);
      if (!m) continue;
      const start = c.start + c.text.indexOf(m[1]!);
      if (!spans.some((s) => s.start === start)) spans.push({ start, end: start + m[1]!.length, message: `姓名与${what}同行公开 (a name and an instant-messaging account in one row)` });
    }
  }
}

function lineAround(text: string, at: number): string {
  const from = text.lastIndexOf('\n', at) + 1;
  const to = text.indexOf('\n', at);
  return text.slice(from, to === -1 ? undefined : to);
}

export function findImAccounts(text: string): Span[] {
  const spans: Span[] = [];
  for (const [re, what] of [[QQ, 'QQ号'], [WECHAT, '微信号']] as const) {
    for (const m of text.matchAll(re)) {
      const start = m.index + m[0].length - m[1]!.length;
      const table = inNamedTable(text, start);
      if (!table && !PERSON.test(lineAround(text, start))) continue;
      spans.push({
        start, end: start + m[1]!.length,
        message: table ? `姓名与${what}同行公开 (a name and an instant-messaging account in one row)` : `个人${what}公开 (a person's instant-messaging account)`,
      });
    }
  }
  accountCells(text, spans);
  return spans.sort((a, b) => a.start! - b.start!);
}

export const imAccount: PageCheck = {
  kind: 'page',
  meta: {
    id: 'privacy.im-account',
    family: 'privacy',
    title: '个人QQ号、微信号公开 (a person\u2019s QQ number or WeChat ID exposed)',
    severity: 'medium',
    duty: 'privacy',
    basis: '个人信息保护法 第4条、第28条; 皖政务办函〔2019〕1号 排查项: 联系方式',
    description:
      'QQ numbers and WeChat IDs on a row of a list of people or on a line naming a contact person. QQ groups, QQ mailboxes, ' +
      'official accounts (公众号, 服务号, 小程序) and numbers an office publishes without a person\u2019s name are left alone.',
    fix: '删除个人QQ号、微信号，改用单位公开的联系方式。 Remove the personal account; publish the office\u2019s contact instead.',
    version: 1,
    sensitive: true,
  },
  run(page: Page): Span[] {
    return raiseHidden(page, findImAccounts(matchText(page)), 'medium');
  },
};
