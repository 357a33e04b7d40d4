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
  const segments = u.search.slice(1).split('&').filter(Boolean).map(parseSegment);
  const kept = segments.filter((x) => !volatile.test(x.key));
  kept.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  if (segments.every((x) => x.utf8)) {
    u.search = '';
    for (const x of kept) u.searchParams.append(x.key, x.value);
  } else {
    // Escapes of another encoding (a GBK site's `?kw=%D5%FE%B8%AE`) do not survive a UTF-8 decode:
    // re-serialising them would ask the server for U+FFFD, so their bytes are kept as written.
    u.search = kept.length ? `?${kept.map((x) => x.raw).join('&')}` : '';
  }
  return u.href;
}

interface Segment {
  raw: string;
  key: string;
  value: string;
  /** Every escape decodes as UTF-8 (the form URLSearchParams can write back unchanged). */
  utf8: boolean;
}

function parseSegment(raw: string): Segment {
  const eq = raw.indexOf('=');
  const k = eq === -1 ? raw : raw.slice(0, eq);
  const v = eq === -1 ? '' : raw.slice(eq + 1);
  try {
    return { raw, key: formDecode(k), value: formDecode(v), utf8: true };
  } catch {
    return { raw, key: k, value: v, utf8: false };
  }
}

function formDecode(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, ' '));
}
