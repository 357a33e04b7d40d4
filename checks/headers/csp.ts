/**
 * Content-Security-Policy judged the way the MDN HTTP Observatory scores it (shared/reference/
 * transport.md §2.2): what scripts and objects may run, from where, and whether the policy could
 * be parsed at all. Written from the published score table, not from the Observatory's code.
 */

export type CspResult =
  | 'csp-implemented-with-no-unsafe-default-src-none'
  | 'csp-implemented-with-no-unsafe'
  | 'csp-implemented-with-unsafe-inline-in-style-src-only'
  | 'csp-implemented-but-duplicate-directives'
  | 'csp-implemented-with-insecure-scheme-in-passive-content-only'
  | 'csp-implemented-with-unsafe-eval'
  | 'csp-implemented-with-unsafe-inline'
  | 'csp-implemented-with-insecure-scheme'
  | 'csp-header-invalid'
  | 'csp-not-implemented'
  | 'csp-not-implemented-but-reporting-enabled';

export type Policy = Map<string, string[]>;

export interface ParsedCsp {
  policy: Policy;
  duplicates: boolean;
}

/** One policy text (a header value or a meta content); undefined when it cannot be parsed. */
export function parseCsp(texts: string[]): ParsedCsp | undefined {
  const policy: Policy = new Map();
  let duplicates = false;
  for (const text of texts) {
    for (const part of text.split(';')) {
      const tokens = part.trim().split(/\s+/).filter(Boolean);
      if (!tokens.length) continue;
      const name = tokens[0]!.toLowerCase();
      if (!/^[a-z-]+$/.test(name)) return undefined;
      const values = tokens.slice(1).map((t) => (/^'.*'$/.test(t) ? t.toLowerCase() : t));
      if (policy.has(name)) {
        // Two policies (header and meta) both restrict; within one text a repeat is a template slip.
        duplicates = true;
        policy.set(name, [...new Set([...policy.get(name)!, ...values])]);
      } else policy.set(name, values);
    }
  }
  return policy.size ? { policy, duplicates } : undefined;
}

const BROAD = new Set(['*', 'http:', 'https:', 'data:', 'blob:', 'filesystem:']);
const PASSIVE = ['img-src', 'media-src'];

function sources(p: Policy, directive: string): string[] | undefined {
  return p.get(directive) ?? p.get('default-src');
}

function insecure(src: string): boolean {
  return src === 'http:' || /^http:\/\//i.test(src) || src === 'ws:' || /^ws:\/\//i.test(src) || src === 'ftp:';
}

export function judgeCsp(headerTexts: string[], metaTexts: string[], reportOnly: boolean): CspResult {
  if (!headerTexts.length && !metaTexts.length) return reportOnly ? 'csp-not-implemented-but-reporting-enabled' : 'csp-not-implemented';
  const parsed = parseCsp([...headerTexts.flatMap((h) => h.split(',')), ...metaTexts]);
  if (!parsed) return 'csp-header-invalid';
  const p = parsed.policy;
  const script = sources(p, 'script-src');
  const object = sources(p, 'object-src');
  const style = sources(p, 'style-src');
  const hasNonceOrHash = (s: string[] | undefined) => (s ?? []).some((v) => /^'(nonce-|sha(256|384|512)-)/.test(v));
  if (script?.includes("'strict-dynamic'") && !hasNonceOrHash(script)) return 'csp-header-invalid';
  // 'unsafe-inline' is ignored by browsers when a nonce or hash is present (CSP Level 2).
  const scriptUnsafe =
    !script ||
    !object ||
    (script.includes("'unsafe-inline'") && !hasNonceOrHash(script)) ||
    script.includes('data:') ||
    script.some((s) => BROAD.has(s) && s !== 'data:' && !script.includes("'strict-dynamic'")) ||
    object.some((s) => BROAD.has(s));
  if (scriptUnsafe) return 'csp-implemented-with-unsafe-inline';
  const active = [...p.entries()].filter(([d]) => !PASSIVE.includes(d));
  if (active.some(([, v]) => v.some(insecure))) return 'csp-implemented-with-insecure-scheme';
  if (script.includes("'unsafe-eval'")) return 'csp-implemented-with-unsafe-eval';
  if (PASSIVE.some((d) => (p.get(d) ?? []).some(insecure))) return 'csp-implemented-with-insecure-scheme-in-passive-content-only';
  if ((style ?? []).some((s) => s === "'unsafe-inline'" || BROAD.has(s))) return 'csp-implemented-with-unsafe-inline-in-style-src-only';
  if (parsed.duplicates) return 'csp-implemented-but-duplicate-directives';
  const def = p.get('default-src');
  const form = p.get('form-action');
  if (def?.length === 1 && def[0] === "'none'" && form && (form.includes("'none'") || form.includes("'self'"))) {
    return 'csp-implemented-with-no-unsafe-default-src-none';
  }
  return 'csp-implemented-with-no-unsafe';
}

/** `frame-ancestors` from the header policy (a meta policy cannot set it). */
export function frameAncestors(headerTexts: string[]): string[] | undefined {
  const parsed = parseCsp(headerTexts.flatMap((h) => h.split(',')));
  return parsed?.policy.get('frame-ancestors');
}
