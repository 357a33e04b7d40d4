/**
 * privacy.mobile — 手机号码 exposed. Only numbers in allocated MIIT segments count (order numbers
 * starting with 1 are common); +86/0086 prefixes and 3-4-4 grouping are read. A private mobile in a
 * 通知's 联系人 line was treated as a leak in provincial 错情通报, so one number is medium; ten or
 * more on a page is a list of people, and high.
 */
import { matchText } from '../text/match-text';
import { raiseHidden } from './severity';
import type { PageCheck, Span, Page } from '../types';
import { isAllocatedMobile } from './numbers';
import { rowFacts } from './named-table';
import { linkTargets, mobilesInUrl } from './in-url';

const MOBILE = /(?<![0-9A-Za-z])(?:(?:\+|00)86[ -]?)?(1\d{2})[ -]?(\d{4})[ -]?(\d{4})(?![0-9A-Za-z])/g;
const BULK = 10;
/**
 * A unit right after the number, on its line (a number ending a line is followed by the next line's
 * first word: 公示, 公告, 人员名单 are no units). 公 and 平 only as the units they start.
 */
const QUANTITY_AFTER = /^[ \t\u3000]?(?:元|万|亿|千|百|吨|人(?!员|名|民)|户|个|件|次|亩|平方|平米|公斤|公里|公顷|公升|米|克|斤|台|辆|股|美元|kg|㎡|%|％|\.\d)/;

export function findMobiles(text: string): Span[] {
  const spans: Span[] = [];
  const distinct = new Set<string>();
  for (const m of text.matchAll(MOBILE)) {
    const digits = `${m[1]}${m[2]}${m[3]}`;
    if (!isAllocatedMobile(digits)) continue;
    // 13907941234元 is an amount and 15012345678人次 a count: a phone number is never followed by a unit.
    if (QUANTITY_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 4))) continue;
    distinct.add(digits);
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  for (const s of spans) {
    if (distinct.size >= BULK) s.severity = 'high';
    else if (rowFacts(text, s.start!).named) {
      s.severity = 'high';
      s.message = '姓名与手机号码同行公开 (name and mobile number in one row)';
    }
  }
  return spans;
}

/** Mobile numbers only a `tel:` link holds (the text already reports those it shows). */
function mobilesInTelLinks(page: Page, text: string): Span[] {
  const out: Span[] = [];
  // The page's digits are gathered only when a tel: link holds a mobile: most pages have none.
  let digitsShown: string | undefined;
  for (const target of linkTargets(page, 'tel')) {
    for (const s of findMobiles(target)) {
      const number = target.slice(s.start, s.end);
      const digits = number.replace(/^\+?(?:00)?86/, '').replace(/\D/g, '');
      digitsShown ??= text.replace(/[^\d]/g, '');
      if (digitsShown.includes(digits)) continue;
      out.push({ target: number, message: '电话链接（tel:）中含手机号码 (mobile number in a tel: link)', discriminator: `tel#${out.length + 1}` });
    }
  }
  return out;
}

export const mobile: PageCheck = {
  kind: 'page',
  meta: {
    id: 'privacy.mobile',
    family: 'privacy',
    title: '手机号码泄露 (mobile number exposed)',
    severity: 'medium',
    duty: 'privacy',
    basis: '个人信息保护法 第28条; 2018年政务公开工作要点 (去标识化处理); 国办秘函〔2019〕19号',
    description:
      'Finds 11-digit mobile numbers in segments allocated by MIIT (with +86/0086 and 3-4-4 grouping), in the text, in a phone-like parameter of the page\u2019s URL (phone=, tel=, sjh= …) and in its tel: links. Ten or more distinct ' +
      'numbers on one page, or a number in a table row beside a person\u2019s full name, are high. Switch off for pages that must publish named officials\u2019 mobiles by law.',
    fix: '改为办公电话，或按“138****1234”去标识化处理。 Publish an office number instead, or mask digits 4-7.',
    version: 1,
    sensitive: true,
  },
  run(page: Page): Span[] {
    const text = matchText(page);
    const shown = raiseHidden(page, findMobiles(text), 'medium');
    return [...shown, ...mobilesInUrl(page.url), ...mobilesInTelLinks(page, text)];
  },
};
