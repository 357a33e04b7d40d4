/**
 * The grade follows the Observatory's published rules: golden captures with known results, the
 * extra-credit rule, and the differences between algorithm versions 4, 5 and 6.
 */
import type { HttpExchange, TransportCapture } from '../../../checks/headers/capture';
import { gradeFor, observatoryGrade, parseSetCookie } from '../../../checks/headers/observatory';
import { judgeCsp } from '../../../checks/headers/csp';

function capture(headers: Record<string, string>, o: { body?: string; http?: 'redirect' | 'none' | 'plain' } = {}): TransportCapture {
  const h = Object.fromEntries(Object.entries({ 'content-type': 'text/html', ...headers }).map(([k, v]) => [k, k === 'set-cookie' ? v.split('\n') : [v]]));
  const https: HttpExchange = { url: 'https://a.gov.cn/', finalUrl: 'https://a.gov.cn/', status: 200, headers: h, verified: true, redirects: [{ url: 'https://a.gov.cn/', status: 200 }], body: o.body ?? '<html></html>' };
  const http: HttpExchange | undefined =
    o.http === 'none' ? undefined
    : o.http === 'plain' ? { ...https, url: 'http://a.gov.cn/', finalUrl: 'http://a.gov.cn/', redirects: [{ url: 'http://a.gov.cn/', status: 200 }] }
    : { ...https, url: 'http://a.gov.cn/', redirects: [{ url: 'http://a.gov.cn/', status: 301 }, { url: 'https://a.gov.cn/', status: 200 }] };
  return { capturedAt: 't', host: 'a.gov.cn', auto: https, https, ...(http ? { http } : {}) };
}

const BEST = {
  'content-security-policy': "default-src 'none'; form-action 'self'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=63072000',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'set-cookie': 'SESSIONID=x; Secure; HttpOnly; SameSite=Lax',
};

describe('Observatory grade', () => {
  it('maps scores to grades as the chart does', () => {
    expect([135, 100, 99, 90, 85, 80, 70, 65, 60, 50, 45, 40, 30, 25, 24, 0].map(gradeFor)).toEqual(['A+', 'A+', 'A', 'A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D+', 'D', 'D-', 'F', 'F']);
  });
  it('gives extra credit only when the uncurved score is an A: the best headers score 155 at v6', () => {
    const g = observatoryGrade(capture(BEST))!;
    // 100 + CSP 10 + cookies 5 + referrer 5 + XFO 5 (frame-ancestors) + CORP 10 + COEP 10 + COOP 10
    expect(g).toMatchObject({ algorithmVersion: 6, score: 155, grade: 'A+', testsPassed: 12, testsQuantity: 12 });
    expect(observatoryGrade(capture(BEST), 4)).toMatchObject({ score: 135, testsQuantity: 10 });
  });
  it('withholds extra credit below 90: a site missing CSP and XFO keeps its bonuses out', () => {
    const rest = Object.fromEntries(Object.entries(BEST).filter(([k]) => k !== 'content-security-policy' && k !== 'x-frame-options'));
    // -25 CSP -20 XFO = 55 uncurved: the +5/+10 bonuses do not count.
    expect(observatoryGrade(capture(rest))).toMatchObject({ score: 55, grade: 'C' });
  });
  it('scores X-Frame-Options SAMEORIGIN by version: 0 at v4, +5 from v5', () => {
    const c = capture({ ...BEST, 'content-security-policy': "default-src 'self'", 'x-frame-options': 'SAMEORIGIN' });
    const xfo = (v: 4 | 5 | 6) => observatoryGrade(c, v)!.tests.find((t) => t.test === 'x-frame-options')!.modifier;
    expect([xfo(4), xfo(5), xfo(6)]).toEqual([0, 5, 5]);
  });
  it('judges redirection, HSTS and cookies from the capture', () => {
    const plain = observatoryGrade(capture({}, { http: 'plain' }))!;
    expect(plain.tests.find((t) => t.test === 'redirection')!.result).toBe('redirection-missing');
    expect(plain.tests.find((t) => t.test === 'strict-transport-security')!.result).toBe('hsts-not-implemented');
    const short = observatoryGrade(capture({ 'strict-transport-security': 'max-age=300', 'set-cookie': 'PHPSESSID=1; path=/' }))!;
    expect(short.tests.find((t) => t.test === 'strict-transport-security')!.result).toBe('hsts-implemented-max-age-less-than-six-months');
    // max-age=300 is no pass of the HSTS test, so HSTS does not excuse the session cookie (the Observatory's own answer).
    expect(short.tests.find((t) => t.test === 'cookies')!.result).toBe('cookies-session-without-secure-flag');
    expect(parseSetCookie('a=b; Secure; HttpOnly; SameSite=Strict')).toEqual({ name: 'a', secure: true, httpOnly: true, sameSite: 'Strict' });
    expect(parseSetCookie('garbage without equals')).toBeUndefined();
  });
  it('judges scripts loaded from elsewhere (SRI)', () => {
    const sri = (body: string) => observatoryGrade(capture({}, { body }))!.tests.find((t) => t.test === 'subresource-integrity')!.result;
    expect(sri('<script src="/a.js"></script>')).toBe('sri-not-implemented-but-all-scripts-loaded-from-secure-origin');
    expect(sri('<script src="https://cdn.other.com/a.js"></script>')).toBe('sri-not-implemented-but-external-scripts-loaded-securely');
    expect(sri('<script src="https://cdn.other.com/a.js" integrity="sha384-x"></script>')).toBe('sri-implemented-and-external-scripts-loaded-securely');
    expect(sri('<script src="http://cdn.other.com/a.js"></script>')).toBe('sri-not-implemented-and-external-scripts-not-loaded-securely');
  });
  it('judges CSP as the score table describes', () => {
    expect(judgeCsp([], [], false)).toBe('csp-not-implemented');
    expect(judgeCsp([], [], true)).toBe('csp-not-implemented-but-reporting-enabled');
    expect(judgeCsp(["default-src 'self'; script-src 'self' 'unsafe-inline'"], [], false)).toBe('csp-implemented-with-unsafe-inline');
    expect(judgeCsp(["default-src 'self'; script-src 'nonce-r4nd' 'unsafe-inline'"], [], false)).toBe('csp-implemented-with-no-unsafe');
    expect(judgeCsp(["default-src 'self'; script-src 'strict-dynamic'"], [], false)).toBe('csp-header-invalid');
    expect(judgeCsp(["default-src 'self'; img-src http:"], [], false)).toBe('csp-implemented-with-insecure-scheme-in-passive-content-only');
    expect(judgeCsp(["script-src 'self'"], [], false)).toBe('csp-implemented-with-unsafe-inline');
    expect(judgeCsp([], ["default-src 'self'"], false)).toBe('csp-implemented-with-no-unsafe');
  });
  it('has nothing to grade when the site did not answer', () => {
    expect(observatoryGrade({ capturedAt: 't', host: 'a.gov.cn' })).toBeUndefined();
  });
});
