/**
 * headers.session-cookie — a session or login cookie (JSESSIONID, PHPSESSID, ASP.NET_SessionId,
 * sessionid …) set without `Secure` or without `HttpOnly`. The Observatory takes 40 points for a
 * missing Secure and 30 for a missing HttpOnly on such a cookie: it is what lets a network
 * attacker or an injected script take over a logged-in session (a 政务服务 account, a CMS editor).
 */
import type { SiteCheck, Skipped, Span } from '../types';
import { capturedCookies, isSessionCookie } from './observatory';

export const sessionCookie: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'headers.session-cookie',
    family: 'headers',
    title: '会话 Cookie 未设置 Secure 或 HttpOnly (session cookie without Secure or HttpOnly)',
    severity: 'medium',
    duty: 'security',
    basis: 'GB/T 31506-2022 政务网站系统安全指南; MDN HTTP Observatory cookies test (cookies-session-without-secure-flag −40, cookies-session-without-httponly-flag −30); OWASP Session Management Cheat Sheet',
    description:
      'Every cookie the probed responses set whose name contains `sess` or `login` (the Observatory\'s test) and lacks ' +
      'the Secure or the HttpOnly attribute, one finding per cookie naming what is missing. Other cookies are graded ' +
      'by headers.grade only.',
    fix: '为会话 Cookie 设置 Secure; HttpOnly; SameSite=Lax（如 Tomcat 的 <cookie-config><secure>true</secure><http-only>true</http-only>）。 Set Secure and HttpOnly on session cookies.',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] | Skipped {
    const c = site.transport?.capture;
    if (!c?.auto) return { skipped: 'the site was not probed' };
    const out: Span[] = [];
    for (const k of capturedCookies(c)) {
      if (!isSessionCookie(k.name) || (k.secure && k.httpOnly)) continue;
      const missing = [k.secure ? '' : 'Secure', k.httpOnly ? '' : 'HttpOnly'].filter(Boolean);
      out.push({ target: c.auto.finalUrl, message: `会话 Cookie ${k.name} 未设置 ${missing.join('、')}`, discriminator: k.name });
    }
    return out;
  },
};
