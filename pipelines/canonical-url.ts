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
  return canonicalizeParsed(u, volatile);
}

/** Same as canonicalUrl for an already parsed URL (modified in place): spares a parse on hot paths. */
export function canonicalizeParsed(u: URL, volatile: RegExp = VOLATILE_PARAM): string {
  // The WHATWG parser already lower-cases the host and drops default ports. Each setter re-parses
  // the URL, so touch only what needs changing: this runs for every link of every page.
  if (u.hash) u.hash = '';
  if (/;jsessionid=/i.test(u.pathname)) u.pathname = u.pathname.replace(/;jsessionid=[^/]*$/i, '');
  if (!u.search) return u.href;
  const kept = [...u.searchParams.entries()].filter(([k]) => !volatile.test(k));
  kept.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  u.search = '';
  for (const [k, v] of kept) u.searchParams.append(k, v);
  return u.href;
}
