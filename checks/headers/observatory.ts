/**
 * The MDN HTTP Observatory's header grade, computed from a transport capture with the published
 * scoring rules (shared/reference/transport.md §2.1–2.2), for algorithm versions 4, 5 and 6:
 * v5 gives X-Frame-Options SAMEORIGIN/DENY +5, v6 adds the COOP and COEP tests. The HSTS preload
 * list is not consulted (no network at grading time), so `hsts-preloaded` and
 * `redirection-all-redirects-preloaded` never apply; every result names the version it follows.
 */
import { parseHtml } from '../text/parse-html';
import { elements } from '../text/dom-walk';
import { header, type HttpExchange, type TransportCapture } from './capture';
import { frameAncestors, judgeCsp } from './csp';

export type AlgorithmVersion = 4 | 5 | 6;
export const DEFAULT_ALGORITHM: AlgorithmVersion = 6;

export interface TestResult {
  test: string;
  result: string;
  pass: boolean;
  modifier: number;
}

export interface Grade {
  algorithmVersion: AlgorithmVersion;
  score: number;
  grade: string;
  testsPassed: number;
  testsQuantity: number;
  tests: TestResult[];
}

const MOD: Record<string, number> = {
  'csp-implemented-with-no-unsafe-default-src-none': 10, 'csp-implemented-with-no-unsafe': 5,
  'csp-implemented-with-unsafe-inline-in-style-src-only': 0, 'csp-implemented-but-duplicate-directives': 0,
  'csp-implemented-with-insecure-scheme-in-passive-content-only': -10, 'csp-implemented-with-unsafe-eval': -10,
  'csp-implemented-with-unsafe-inline': -20, 'csp-implemented-with-insecure-scheme': -20, 'csp-header-invalid': -25,
  'csp-not-implemented': -25, 'csp-not-implemented-but-reporting-enabled': -25,
  'cookies-secure-with-httponly-sessions-and-samesite': 5, 'cookies-secure-with-httponly-sessions': 0, 'cookies-not-found': 0,
  'cookies-without-secure-flag-but-protected-by-hsts': -5, 'cookies-session-without-secure-flag-but-protected-by-hsts': -10,
  'cookies-without-secure-flag': -20, 'cookies-samesite-flag-invalid': -20, 'cookies-anticsrf-without-samesite-flag': -20,
  'cookies-session-without-httponly-flag': -30, 'cookies-session-without-secure-flag': -40,
  'cross-origin-resource-sharing-not-implemented': 0, 'cross-origin-resource-sharing-implemented-with-public-access': 0,
  'cross-origin-resource-sharing-implemented-with-restricted-access': 0, 'cross-origin-resource-sharing-implemented-with-universal-access': -50,
  'redirection-to-https': 0, 'redirection-not-needed-no-http': 0, 'redirection-off-host-from-http': -5,
  'redirection-not-to-https-on-initial-redirection': -10, 'redirection-not-to-https': -20, 'redirection-missing': -20, 'redirection-invalid-cert': -20,
  'referrer-policy-private': 5, 'referrer-policy-not-implemented': 0, 'referrer-policy-unsafe': -5, 'referrer-policy-header-invalid': -5,
  'hsts-implemented-max-age-at-least-six-months': 0, 'hsts-implemented-max-age-less-than-six-months': -10, 'hsts-not-implemented': -20,
  'hsts-header-invalid': -20, 'hsts-not-implemented-no-https': -20, 'hsts-invalid-cert': -20,
  'sri-implemented-and-all-scripts-loaded-securely': 5, 'sri-implemented-and-external-scripts-loaded-securely': 5,
  'sri-not-implemented-response-not-html': 0, 'sri-not-implemented-but-no-scripts-loaded': 0,
  'sri-not-implemented-but-all-scripts-loaded-from-secure-origin': 0, 'sri-not-implemented-but-external-scripts-loaded-securely': -5,
  'sri-implemented-but-external-scripts-not-loaded-securely': -20, 'sri-not-implemented-and-external-scripts-not-loaded-securely': -50,
  'x-content-type-options-nosniff': 0, 'x-content-type-options-not-implemented': -5, 'x-content-type-options-header-invalid': -5,
  'x-frame-options-implemented-via-csp': 5, 'x-frame-options-sameorigin-or-deny': 5, 'x-frame-options-allow-from-origin': 0,
  'x-frame-options-not-implemented': -20, 'x-frame-options-header-invalid': -20,
  'corp-implemented-with-same-origin': 10, 'corp-implemented-with-same-site': 10, 'corp-implemented-with-cross-origin': 0,
  'corp-not-implemented': 0, 'corp-header-invalid': -5,
  'coep-implemented-with-require-corp': 10, 'coep-implemented-with-credentialless': 10, 'coep-implemented-with-unsafe-none': 0,
  'coep-not-implemented': 0, 'coep-header-invalid': -5,
  'coop-implemented-with-same-origin': 10, 'coop-implemented-with-same-origin-allow-popups': 10,
  'coop-implemented-with-noopener-allow-popups': 10, 'coop-implemented-with-unsafe-none': 0, 'coop-not-implemented': 0, 'coop-header-invalid': -5,
};

/** Results that count as a pass although they may carry a negative modifier. */
const PASSING = new Set([
  'csp-implemented-with-no-unsafe-default-src-none', 'csp-implemented-with-no-unsafe', 'csp-implemented-with-unsafe-inline-in-style-src-only',
  'csp-implemented-but-duplicate-directives', 'csp-implemented-with-insecure-scheme-in-passive-content-only',
  'cookies-secure-with-httponly-sessions-and-samesite', 'cookies-secure-with-httponly-sessions', 'cookies-not-found',
  'cross-origin-resource-sharing-not-implemented', 'cross-origin-resource-sharing-implemented-with-public-access',
  'cross-origin-resource-sharing-implemented-with-restricted-access', 'redirection-to-https', 'redirection-not-needed-no-http',
  'referrer-policy-private', 'referrer-policy-not-implemented', 'hsts-implemented-max-age-at-least-six-months',
  'sri-implemented-and-all-scripts-loaded-securely', 'sri-implemented-and-external-scripts-loaded-securely',
  'sri-not-implemented-response-not-html', 'sri-not-implemented-but-no-scripts-loaded', 'sri-not-implemented-but-all-scripts-loaded-from-secure-origin',
  'x-content-type-options-nosniff', 'x-frame-options-implemented-via-csp', 'x-frame-options-sameorigin-or-deny', 'x-frame-options-allow-from-origin',
  'corp-implemented-with-same-origin', 'corp-implemented-with-same-site', 'corp-implemented-with-cross-origin', 'corp-not-implemented',
  'coep-implemented-with-require-corp', 'coep-implemented-with-credentialless', 'coep-implemented-with-unsafe-none', 'coep-not-implemented',
  'coop-implemented-with-same-origin', 'coop-implemented-with-same-origin-allow-popups', 'coop-implemented-with-noopener-allow-popups',
  'coop-implemented-with-unsafe-none', 'coop-not-implemented',
]);

const GRADES: [number, string][] = [
  [100, 'A+'], [90, 'A'], [85, 'A-'], [80, 'B+'], [70, 'B'], [65, 'B-'], [60, 'C+'], [50, 'C'], [45, 'C-'], [40, 'D+'], [30, 'D'], [25, 'D-'],
];

export function gradeFor(score: number): string {
  const key = Math.min(score - (score % 5), 100);
  return GRADES.find(([min]) => key >= min)?.[1] ?? 'F';
}

/** `<meta http-equiv>` values of an HTML body, by lower-case name. */
function httpEquiv(body: string | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!body) return out;
  const head = body.slice(0, 64 * 1024);
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const equiv = /http-equiv\s*=\s*["']?([^"'\s>]+)/i.exec(m[0])?.[1]?.toLowerCase();
    const content = /content\s*=\s*"([^"]*)"|content\s*=\s*'([^']*)'/i.exec(m[0]);
    const name = equiv ?? (/name\s*=\s*["']?referrer["'\s>]/i.test(m[0]) ? 'referrer-policy' : undefined);
    if (name && content) (out[name] ??= []).push(content[1] ?? content[2] ?? '');
  }
  return out;
}

function csp(r: HttpExchange): string {
  return judgeCsp(header(r.headers, 'content-security-policy'), httpEquiv(r.body)['content-security-policy'] ?? [], header(r.headers, 'content-security-policy-report-only').length > 0);
}

export interface Cookie {
  name: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: string;
}

export function parseSetCookie(value: string): Cookie | undefined {
  const [pair, ...attrs] = value.split(';');
  const eq = pair?.indexOf('=') ?? -1;
  if (!pair || eq <= 0) return undefined;
  const c: Cookie = { name: pair.slice(0, eq).trim(), secure: false, httpOnly: false };
  for (const a of attrs) {
    const [k, v] = a.split('=').map((x) => x.trim());
    const key = k?.toLowerCase();
    if (key === 'secure') c.secure = true;
    else if (key === 'httponly') c.httpOnly = true;
    // A browser's jar drops a SameSite value it does not know, as if the attribute were absent.
    else if (key === 'samesite' && v && /^(lax|strict|none)$/i.test(v)) c.sameSite = v;
  }
  return c;
}

/** Cookie results from least to most severe: the worst one seen on any cookie is the test's result. */
const COOKIE_GOODNESS = [
  'cookies-without-secure-flag-but-protected-by-hsts', 'cookies-without-secure-flag', 'cookies-session-without-secure-flag-but-protected-by-hsts',
  'cookies-samesite-flag-invalid', 'cookies-anticsrf-without-samesite-flag', 'cookies-session-without-httponly-flag', 'cookies-session-without-secure-flag',
];

function invalidSameSite(raw: string): boolean {
  return raw.split(';').some((p) => {
    const [k, v] = p.trim().split('=');
    return k?.trim().toLowerCase() === 'samesite' && (!v || !/^(lax|strict|none)$/i.test(v.trim()));
  });
}

/** A session or login cookie, by the Observatory's test: its name contains `login` or `sess` (JSESSIONID, PHPSESSID, ASP.NET_SessionId). */
export function isSessionCookie(name: string): boolean {
  return /login|sess/i.test(name);
}

/**
 * Every cookie the capture's responses set, by name, the way one browser session's jar holds them
 * (the visitor's response last, so it wins).
 */
export function capturedCookies(c: TransportCapture): Cookie[] {
  const jar = new Map<string, Cookie>();
  for (const r of [c.http, c.https, c.auto]) {
    for (const v of header(r?.headers, 'set-cookie')) {
      const k = parseSetCookie(v);
      if (k && k.name !== 'heroku-session-affinity') jar.set(k.name, k);
    }
  }
  return [...jar.values()];
}

function cookies(c: TransportCapture): string {
  let result: string | undefined;
  const worse = (r: string): void => {
    if (result === undefined || COOKIE_GOODNESS.indexOf(r) > COOKIE_GOODNESS.indexOf(result)) result = r;
  };
  for (const raw of header(c.auto!.headers, 'set-cookie')) if (invalidSameSite(raw)) worse('cookies-samesite-flag-invalid');
  const list = capturedCookies(c);
  if (!list.length) return 'cookies-not-found';
  const hstsPass = hsts(c) === 'hsts-implemented-max-age-at-least-six-months';
  for (const k of list) {
    const session = isSessionCookie(k.name);
    if (!k.secure && k.sameSite?.toLowerCase() === 'none') worse('cookies-samesite-flag-invalid');
    if (!k.secure) worse(hstsPass ? 'cookies-without-secure-flag-but-protected-by-hsts' : 'cookies-without-secure-flag');
    if (/csrf/i.test(k.name) && !k.sameSite) worse('cookies-anticsrf-without-samesite-flag');
    if (session && !k.secure) worse(hstsPass ? 'cookies-session-without-secure-flag-but-protected-by-hsts' : 'cookies-session-without-secure-flag');
    if (session && !k.httpOnly) worse('cookies-session-without-httponly-flag');
  }
  return result ?? (list.every((k) => k.sameSite) ? 'cookies-secure-with-httponly-sessions-and-samesite' : 'cookies-secure-with-httponly-sessions');
}

function cors(c: TransportCapture): string {
  const pre = c.cors;
  const acao = header(c.auto!.headers, 'access-control-allow-origin')[0]?.trim();
  const preAcao = pre ? header(pre.headers, 'access-control-allow-origin')[0]?.trim() : undefined;
  const preCred = pre ? /^true$/i.test(header(pre.headers, 'access-control-allow-credentials')[0]?.trim() ?? '') : false;
  if (preAcao && preAcao !== '*' && preAcao !== 'null' && preCred && /^https?:\/\/(?!127\.|localhost)/.test(preAcao) && !preAcao.includes(c.host)) {
    return 'cross-origin-resource-sharing-implemented-with-universal-access';
  }
  if (acao === '*') return 'cross-origin-resource-sharing-implemented-with-public-access';
  if (acao || preAcao) return 'cross-origin-resource-sharing-implemented-with-restricted-access';
  return 'cross-origin-resource-sharing-not-implemented';
}

function redirection(c: TransportCapture): string {
  const h = c.http;
  if (!h) return 'redirection-not-needed-no-http';
  if (!h.verified) return 'redirection-invalid-cert';
  const chain = h.redirects;
  if (chain.length <= 1) return h.finalUrl.startsWith('https:') ? 'redirection-to-https' : 'redirection-missing';
  const first = new URL(chain[1]!.url);
  const start = new URL(chain[0]!.url);
  if (!h.finalUrl.startsWith('https:')) return 'redirection-not-to-https';
  if (first.protocol !== 'https:') return 'redirection-not-to-https-on-initial-redirection';
  if (first.hostname !== start.hostname) return 'redirection-off-host-from-http';
  return 'redirection-to-https';
}

const PRIVATE_REFERRER = new Set(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin']);
const UNSAFE_REFERRER = new Set(['origin', 'origin-when-cross-origin', 'unsafe-url', 'no-referrer-when-downgrade']);

function referrer(r: HttpExchange): string {
  const values = [...header(r.headers, 'referrer-policy'), ...(httpEquiv(r.body)['referrer-policy'] ?? [])];
  if (!values.length) return 'referrer-policy-not-implemented';
  // The last recognised token wins (browsers fall back through the list); meta comes after the header.
  const tokens = values.flatMap((v) => v.split(',')).map((t) => t.trim().toLowerCase());
  const known = tokens.filter((t) => PRIVATE_REFERRER.has(t) || UNSAFE_REFERRER.has(t));
  const last = known[known.length - 1];
  if (!last) return 'referrer-policy-header-invalid';
  return PRIVATE_REFERRER.has(last) ? 'referrer-policy-private' : 'referrer-policy-unsafe';
}

export const SIX_MONTHS = 15_552_000;

export function hstsMaxAge(value: string): number | undefined {
  const m = /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?\s*(?:;|$)/i.exec(value);
  return m ? Number(m[1]) : undefined;
}

function hsts(c: TransportCapture): string {
  const r = c.https;
  if (!r || !r.finalUrl.startsWith('https:')) return 'hsts-not-implemented-no-https';
  if (!r.verified) return 'hsts-invalid-cert';
  const h = header(r.headers, 'strict-transport-security');
  if (!h.length) return 'hsts-not-implemented';
  const age = h.length === 1 ? hstsMaxAge(h[0]!) : undefined;
  if (age === undefined) return 'hsts-header-invalid';
  return age >= SIX_MONTHS ? 'hsts-implemented-max-age-at-least-six-months' : 'hsts-implemented-max-age-less-than-six-months';
}

function baseDomain(host: string): string {
  return host.split('.').slice(-2).join('.');
}

function sri(r: HttpExchange): string {
  const type = header(r.headers, 'content-type')[0] ?? '';
  if (!/html/i.test(type) || r.body === undefined) return 'sri-not-implemented-response-not-html';
  const doc = parseHtml(r.body);
  const scripts = [...elements(doc)].filter((c) => c.type === 'script' && c.attribs['src'] !== undefined);
  if (!scripts.length) return 'sri-not-implemented-but-no-scripts-loaded';
  const page = new URL(r.finalUrl);
  let external = 0;
  let insecureExternal = 0;
  let withIntegrity = 0;
  let externalWithoutIntegrity = 0;
  for (const s of scripts) {
    const src = s.attribs['src']!.trim();
    const hasIntegrity = !!s.attribs['integrity'];
    if (hasIntegrity) withIntegrity++;
    let u: URL;
    try {
      u = new URL(src, page);
    } catch {
      continue;
    }
    const similar = u.hostname === page.hostname || baseDomain(u.hostname) === baseDomain(page.hostname);
    if (similar && !src.startsWith('//')) continue;
    external++;
    if (!hasIntegrity) externalWithoutIntegrity++;
    if (u.protocol === 'http:' || src.startsWith('//')) insecureExternal++;
  }
  if (!external) return withIntegrity ? 'sri-implemented-and-all-scripts-loaded-securely' : 'sri-not-implemented-but-all-scripts-loaded-from-secure-origin';
  if (externalWithoutIntegrity === 0) return insecureExternal ? 'sri-implemented-but-external-scripts-not-loaded-securely' : 'sri-implemented-and-external-scripts-loaded-securely';
  return insecureExternal ? 'sri-not-implemented-and-external-scripts-not-loaded-securely' : 'sri-not-implemented-but-external-scripts-loaded-securely';
}

function xcto(r: HttpExchange): string {
  const h = header(r.headers, 'x-content-type-options');
  if (!h.length) return 'x-content-type-options-not-implemented';
  return h.length === 1 && h[0]!.trim().toLowerCase() === 'nosniff' ? 'x-content-type-options-nosniff' : 'x-content-type-options-header-invalid';
}

function xfo(r: HttpExchange): string {
  if (frameAncestors(header(r.headers, 'content-security-policy'))) return 'x-frame-options-implemented-via-csp';
  const h = header(r.headers, 'x-frame-options');
  if (!h.length) return 'x-frame-options-not-implemented';
  const v = h.length === 1 ? h[0]!.trim().toLowerCase() : '';
  if (v === 'deny' || v === 'sameorigin') return 'x-frame-options-sameorigin-or-deny';
  if (v.startsWith('allow-from ')) return 'x-frame-options-allow-from-origin';
  return 'x-frame-options-header-invalid';
}

function enumerated(prefix: string, name: string, values: Record<string, string>) {
  return (r: HttpExchange): string => {
    const h = header(r.headers, name);
    if (!h.length) return `${prefix}-not-implemented`;
    const v = h.length === 1 ? values[h[0]!.trim().toLowerCase()] : undefined;
    return v ? `${prefix}-implemented-with-${v}` : `${prefix}-header-invalid`;
  };
}

const corp = enumerated('corp', 'cross-origin-resource-policy', { 'same-origin': 'same-origin', 'same-site': 'same-site', 'cross-origin': 'cross-origin' });
const coep = enumerated('coep', 'cross-origin-embedder-policy', { 'require-corp': 'require-corp', credentialless: 'credentialless', 'unsafe-none': 'unsafe-none' });
const coop = enumerated('coop', 'cross-origin-opener-policy', {
  'same-origin': 'same-origin', 'same-origin-allow-popups': 'same-origin-allow-popups', 'noopener-allow-popups': 'noopener-allow-popups', 'unsafe-none': 'unsafe-none',
});

/** The grade of a capture; undefined when the site answered neither over http nor https. */
export function observatoryGrade(c: TransportCapture, version: AlgorithmVersion = DEFAULT_ALGORITHM): Grade | undefined {
  const r = c.auto;
  if (!r) return undefined;
  const tests: [string, string][] = [
    ['content-security-policy', csp(r)],
    ['cookies', cookies(c)],
    ['cross-origin-resource-sharing', cors(c)],
    ['redirection', redirection(c)],
    ['referrer-policy', referrer(r)],
    ['strict-transport-security', hsts(c)],
    ['subresource-integrity', sri(r)],
    ['x-content-type-options', xcto(r)],
    ['x-frame-options', xfo(r)],
    ['cross-origin-resource-policy', corp(r)],
  ];
  if (version >= 6) tests.push(['cross-origin-embedder-policy', coep(r)], ['cross-origin-opener-policy', coop(r)]);
  const results: TestResult[] = tests.map(([test, result]) => {
    let modifier = MOD[result] ?? 0;
    if (result === 'x-frame-options-sameorigin-or-deny' && version < 5) modifier = 0;
    return { test, result, pass: PASSING.has(result), modifier };
  });
  let withCredit = 100;
  let uncurved = 100;
  for (const t of results) {
    withCredit += t.modifier;
    if (t.modifier < 0) uncurved += t.modifier;
  }
  const score = Math.max(0, uncurved >= 90 ? withCredit : uncurved);
  return {
    algorithmVersion: version,
    score,
    grade: gradeFor(score),
    testsPassed: results.filter((t) => t.pass).length,
    testsQuantity: results.length,
    tests: results,
  };
}
