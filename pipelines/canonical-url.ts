/**
 * One spelling per URL, for crawl dedup and for fingerprints: a finding must keep its id when a
 * tracking parameter or a default port changes.
 */
const VOLATILE_PARAM = /^(utm_.*|spm|from|_t|timestamp|random|_|jsessionid)$/i;

export function canonicalUrl(input: string, volatile: RegExp = VOLATILE_PARAM): string {
  let u: URL;
  try {
    u = new URL(input);
  } catch {
    return input;
  }
  u.hash = '';
  u.hostname = u.hostname.toLowerCase();
  if ((u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443')) u.port = '';
  // ;jsessionid=... in the path is a session, not a page.
  u.pathname = u.pathname.replace(/;jsessionid=[^/]*$/i, '');
  const kept = [...u.searchParams.entries()].filter(([k]) => !volatile.test(k));
  kept.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  u.search = '';
  for (const [k, v] of kept) u.searchParams.append(k, v);
  return u.href;
}
