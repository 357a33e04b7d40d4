/**
 * privacy.email — personal e-mail addresses. Government pages publish functional mailboxes
 * (xxgk@…gov.cn) on purpose, so those are not reported; an address at a consumer mail provider
 * is a person's and is medium, any other non-government address low.
 */
import type { PageCheck, Span, Page } from '../types';
import { raiseHidden } from './severity';

const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;
/** `logo@2x.png` is a file name, not an address. */
const FILE_TLD = /\.(png|jpe?g|gif|svg|webp|css|js|pdf|docx?|xlsx?)$/i;
const PERSONAL = /@(qq|163|126|yeah|sina|sohu|139|189|aliyun|foxmail|gmail|hotmail|outlook|yahoo)\.(com|cn|com\.cn)$/i;
const ORGANISATIONAL = /\.(gov|org|edu)\.cn$|\.gov$/i;

export function findEmails(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(EMAIL)) {
    const addr = m[0];
    if (FILE_TLD.test(addr) || ORGANISATIONAL.test(addr)) continue;
    spans.push({ start: m.index, end: m.index + addr.length, severity: PERSONAL.test(addr) ? 'medium' : 'low' });
  }
  return spans;
}

export const email: PageCheck = {
  kind: 'page',
  meta: {
    id: 'privacy.email',
    family: 'privacy',
    title: '个人电子邮箱泄露 (personal e-mail address exposed)',
    severity: 'low',
    duty: 'privacy',
    basis: '个人信息保护法 第4条、第28条; 皖政务办函〔2019〕1号 排查项: 联系方式(电话、邮箱)',
    description:
      'Finds e-mail addresses except government, education and organisation mailboxes (.gov.cn, .edu.cn, .org.cn) and file ' +
      'names such as logo@2x.png. Consumer providers (qq.com, 163.com, ...) are medium, others low.',
    fix: '改用单位公务邮箱，或仅保留首字符（z***@163.com）。 Use the office mailbox instead.',
    version: 1,
    sensitive: true,
  },
  run(page: Page): Span[] {
    return raiseHidden(page, findEmails(page.text.text), 'low');
  },
};
