/**
 * Header combinations for comparing our grade with the Observatory's: every value the score
 * table distinguishes for CSP, Referrer-Policy, X-Content-Type-Options, X-Frame-Options, CORP and
 * HSTS, and session/CSRF/plain cookies with each attribute combination, crossed deterministically, on an https homepage reached by a same-host redirect.
 */
import type { HttpExchange, TransportCapture } from '../../../checks/headers/capture';

const CSP = [
  undefined,
  "default-src 'none'; form-action 'self'",
  "default-src 'self'",
  "default-src 'self'; script-src 'self' 'unsafe-inline'",
  "default-src 'self'; script-src 'self' 'unsafe-eval'",
  "default-src 'self'; style-src 'self' 'unsafe-inline'",
  "default-src 'self'; img-src http:",
  "default-src 'self'; script-src http://cdn.example.com",
  "default-src https:",
  "script-src 'self'",
  "default-src 'self'; object-src 'none'; frame-ancestors 'none'",
  "default-src 'self'; script-src 'strict-dynamic'",
  "default-src 'self'; script-src 'nonce-abc' 'unsafe-inline'",
];
const REFERRER = [undefined, 'no-referrer', 'strict-origin-when-cross-origin', 'unsafe-url', 'no-referrer-when-downgrade', 'bogus', 'unsafe-url, no-referrer'];
const XCTO = [undefined, 'nosniff', 'sniff'];
const XFO = [undefined, 'DENY', 'SAMEORIGIN', 'ALLOW-FROM https://a.example', 'bogus'];
const CORP = [undefined, 'same-origin', 'same-site', 'cross-origin', 'bogus'];
const HSTS = [undefined, 'max-age=63072000; includeSubDomains', 'max-age=300', 'includeSubDomains'];
/** Session, CSRF and plain cookies with every attribute combination the cookie test tells apart. */
const COOKIES: (string[] | undefined)[] = [undefined];
for (const name of ['JSESSIONID', 'PHPSESSID', 'ASP.NET_SessionId', 'csrftoken', '_ga']) {
  for (const attrs of ['', '; Secure', '; HttpOnly', '; Secure; HttpOnly', '; Secure; HttpOnly; SameSite=Lax', '; Secure; SameSite=None', '; SameSite=None', '; Secure; HttpOnly; SameSite=Bogus']) {
    COOKIES.push([`${name}=v1; Path=/${attrs}`]);
  }
}

export function observatoryCases(): TransportCapture[] {
  const out: TransportCapture[] = [];
  let i = 0;
  for (const csp of CSP) {
    for (const ref of REFERRER) {
      for (const xcto of XCTO) {
        const xfo = XFO[i % XFO.length];
        const corp = CORP[(i * 7) % CORP.length];
        const hsts = HSTS[(i * 3) % HSTS.length];
        const cookies = COOKIES[(i * 11) % COOKIES.length];
        i++;
        const headers: Record<string, string[]> = { 'content-type': ['text/html; charset=utf-8'] };
        const set = (k: string, v: string | undefined) => v !== undefined && (headers[k] = [v]);
        set('content-security-policy', csp);
        set('referrer-policy', ref);
        set('x-content-type-options', xcto);
        set('x-frame-options', xfo);
        set('cross-origin-resource-policy', corp);
        set('strict-transport-security', hsts);
        if (cookies) headers['set-cookie'] = cookies;
        const https: HttpExchange = {
          url: 'https://www.example.gov.cn/', finalUrl: 'https://www.example.gov.cn/', status: 200, headers, verified: true,
          redirects: [{ url: 'https://www.example.gov.cn/', status: 200 }], body: '<html><head><title>t</title></head><body><script src="/a.js"></script></body></html>',
        };
        const http: HttpExchange = {
          ...https, url: 'http://www.example.gov.cn/', headers: { location: ['https://www.example.gov.cn/'] },
          redirects: [{ url: 'http://www.example.gov.cn/', status: 301 }, { url: 'https://www.example.gov.cn/', status: 200 }],
        };
        out.push({ capturedAt: '2026-11-28T00:00:00Z', host: 'www.example.gov.cn', auto: https, http, https });
      }
    }
  }
  return out;
}
