/**
 * Masking for everything that leaves the restricted evidence store: findings, issues, chat
 * messages, logs. An issue about a leaked ID number must not leak it again.
 */

import { PASSWORD } from '../../checks/secrecy/credentials';
import { QQ, WECHAT } from '../../checks/privacy/im-account';

/**
 * A password after its label (the pattern secrecy.credentials finds it by). Shown as stars, whole
 * and of one length: unlike an ID number's ends, no part of a password helps a reviewer, and its
 * length helps a guesser.
 */
function maskPasswords(text: string): string {
  return text.replace(PASSWORD, (_, label: string) => `${label}******`);
}

/** Keep at most the first 2 and last 2 characters of an identifier (ID: 11**************39); a labelled password not at all. */
export function maskValue(value: string): string {
  const v = value.trim();
  const hidden = maskPasswords(v);
  if (hidden !== v) return hidden;
  const at = v.indexOf('@');
  if (at > 0) return `${v[0]}***${v.slice(at)}`;
  const chars = [...v];
  if (chars.length <= 4) return '*'.repeat(chars.length);
  const keep = chars.length >= 8 ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - 2 * keep) + chars.slice(-keep).join('');
}

/**
 * Digit runs that may be grouped with single spaces or dashes in groups of 3+ (6222 0000 0000 1234,
 * 0771-1234567), and e-mail addresses. A lone digit after a space is not part of the number. An
 * address starts where its run of address characters does: tried from every character of a long
 * run with no @ (a 100,000-character title of letters), the search took 10 s.
 */
const CANDIDATE = /(?<![0-9A-Za-z])\d{3,}(?:[ -]\d{3,})*[0-9Xx]?(?![0-9A-Za-z])|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** Ten digits and more: phone numbers, ID numbers, bank cards, account numbers. */
const MIN_DIGITS = 10;

/**
 * Public registration numbers a reviewer must read whole — a 网站标识码 (10 digits), an ICP filing
 * (6–10) or a 公安 filing (14) right after its label. No ID number (18) or mobile (11) has those lengths.
 */
const PUBLIC_NUMBER: [RegExp, (digits: number) => boolean][] = [
  // A 网站标识码 may be the second of its clause (`网站标识码由「…」变为「…」`).
  [/(?:网站标识码|标识码|SiteIDCode)[^；;，,。\n]{0,24}$/, (n) => n === 10],
  [/ICP[备证][\s「:：]*$/, (n) => n >= 6 && n <= 10],
  [/公网安备[\s「:：]*$/, (n) => n === 14],
];

function isPublicNumber(m: string, before: string): boolean {
  const digits = m.replace(/\D/g, '').length;
  return /^\d+$/.test(m) && PUBLIC_NUMBER.some(([label, ok]) => ok(digits) && label.test(before));
}

/**
 * QQ numbers and WeChat IDs after their labels (the patterns privacy.im-account finds them by): too
 * short or not digits enough for the identifier runs below, and as personal as a mobile number. An
 * office's public consultation number is hidden too; the finding it stands in names its own.
 */
function maskImAccounts(text: string): string {
  const hide = (m: string, value: string) => m.slice(0, m.length - value.length) + maskValue(value);
  return text.replace(QQ, hide).replace(WECHAT, hide);
}

/** Mask every identifier-like run in free text (excerpts, log lines). */
export function maskIdentifiers(text: string): string {
  const t = maskImAccounts(maskPasswords(text));
  return t.replace(CANDIDATE, (m, offset: number) => {
    if (isPublicNumber(m, t.slice(Math.max(0, offset - 32), offset))) return m;
    return m.includes('@') || m.replace(/\D/g, '').length >= MIN_DIGITS ? maskValue(m) : m;
  });
}

/** 居民身份证号码 shape (region, birth date 18xx–20xx, sequence, check) and MIIT mobile segments. */
const ID_NUMBER = /(?<!\d)[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dXx])/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/**
 * Mask ID and mobile numbers in URLs and names, and nothing else: unlike free text, a URL's long
 * digit runs are mostly article ids a reader must still be able to open.
 */
export function maskPersonal(text: string): string {
  return text.replace(ID_NUMBER, maskValue).replace(MOBILE, maskValue);
}
