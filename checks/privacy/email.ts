/**
 * privacy.email — personal e-mail addresses. Government pages publish functional mailboxes
 * (xxgk@…gov.cn) on purpose, so those are not reported; an address at a consumer mail provider
 * is a person's and is medium, any other non-government address low.
 */
import { matchText } from '../text/match-text';
import type { PageCheck, Span, Page } from '../types';
import { raiseHidden } from './severity';
import { linkTargets } from './in-url';

const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;
/** `logo@2x.png` is a file name, not an address. */
const FILE_TLD = /\.(png|jpe?g|gif|svg|webp|css|js|pdf|docx?|xlsx?)$/i;
const PERSONAL = /@(qq|163|126|yeah|sina|sohu|139|189|aliyun|foxmail|gmail|hotmail|outlook|yahoo)\.(com|cn|com\.cn)$/i;
const ORGANISATIONAL = /\.(gov|org|edu)\.cn$|\.gov$/i;
/**
 * An office's mailbox at a consumer provider (sfjt_hr@163.com, rskzhaopin@126.com, xxgk_sfx@qq.com):
 * named for a function, not a person. Still not the office mailbox the fix asks for, so low, not a
 * personal address exposed. Short words count only standing apart (hr, job, rsk); two-letter ones other
 * than hr are left out, being as often initials.
 */
const ROLE_MAILBOX = /(?:^|[^a-z])(?:hr|jobs?|rsk|rsc|bgs|office|service|kefu|admin|info|news|contact|zixun)(?:[^a-z]|$)|zhaopin|renshi|recruit|xinfang|baoming|kaoshi|tougao|gaojian|webmaster|xxgk|zwgk|jubao|tousu|bangongshi|rlzy|wangzhan/i;

export function findEmails(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(EMAIL)) {
    const addr = m[0];
    if (FILE_TLD.test(addr) || ORGANISATIONAL.test(addr)) continue;
    const local = addr.slice(0, addr.indexOf('@'));
    spans.push({ start: m.index, end: m.index + addr.length, severity: PERSONAL.test(addr) && !ROLE_MAILBOX.test(local) ? 'medium' : 'low' });
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
      'Finds e-mail addresses, in the text and in mailto: links, except government, education and organisation mailboxes (.gov.cn, .edu.cn, .org.cn) and file ' +
      'names such as logo@2x.png. Consumer providers (qq.com, 163.com, ...) are medium, others low, and so is a mailbox named for ' +
      'a function there (sfjt_hr@163.com, xxgk_sfx@qq.com).',
    fix: '改用单位公务邮箱，或仅保留首字符（z***@163.com）。 Use the office mailbox instead.',
    version: 2,
    sensitive: true,
  },
  run(page: Page): Span[] {
    const text = matchText(page);
    const shown = raiseHidden(page, findEmails(text), 'low');
    // An address only a mailto: link holds (the text already reports those it shows).
    const linked = linkTargets(page, 'mailto').filter((a) => !text.includes(a)).flatMap((a, i) =>
      findEmails(a).map((s) => ({ target: a.slice(s.start, s.end), severity: s.severity, message: '邮件链接（mailto:）中含个人邮箱 (personal address in a mailto: link)', discriminator: `mailto#${i + 1}` })),
    );
    return [...shown, ...linked];
  },
};
