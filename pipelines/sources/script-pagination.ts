/**
 * List pages whose page numbers a script writes. TRS WCM templates — gov.cn's among many — end each
 * column page with `createPageHTML(12, 0, "index", "html")`: the column has 12 pages, index.html,
 * index_1.html … index_11.html, and no `<a>` to any but the first exists until the script runs.
 * Without them a crawl reads a column's first page of articles and none of the older ones.
 */

/**
 * `createPageHTML(count, current, "index", "html")`, with numbers or the template's own variables;
 * newer releases put the pager's element id first and the record count last
 * (`createPageHTML('page_div', 12, 0, 'index', 'html', 176)`).
 */
const CALL = /createPageHTML\(\s*(?:["'][^"']*["']\s*,\s*)?(\w+)\s*,\s*(\w+)\s*,\s*["']([\w-]+)["']\s*,\s*["'](\w+)["']\s*(?:,[^)]*)?\)/g;
/** A column longer than this is crawled in its first pages; the crawl's page cap rules anyway. */
const MAX_LIST_PAGES = 200;

/** The other pages of the list this page belongs to: their addresses, next to it, and their page numbers. */
export function scriptedListPages(html: string, pageUrl: string): { url: string; page: number }[] {
  if (!html.includes('createPageHTML')) return [];
  const out: { url: string; page: number }[] = [];
  for (const m of html.matchAll(CALL)) {
    const count = numberOf(m[1]!, html);
    if (!count || count < 2) continue;
    const [prefix, ext] = [m[3]!, m[4]!];
    for (let k = 0; k < Math.min(count, MAX_LIST_PAGES); k++) {
      const url = new URL(k === 0 ? `${prefix}.${ext}` : `${prefix}_${k}.${ext}`, pageUrl).href;
      if (url !== pageUrl && !out.some((o) => o.url === url)) out.push({ url, page: k + 1 });
    }
  }
  return out;
}

/** A literal, or the value of `var countPage = 12` the call passes by name. */
function numberOf(arg: string, html: string): number | undefined {
  if (/^\d+$/.test(arg)) return Number(arg);
  const m = new RegExp(`\\b${arg}\\s*=\\s*(\\d+)`).exec(html);
  return m ? Number(m[1]) : undefined;
}

/**
 * 大汉 jpage lists ship their first records in the page (datastore.ts) and fetch the rest from the
 * proxy their `<nextgroup>` names, `dataproxy.jsp?…&startrecord=46&endrecord=90&perpage=15`, in
 * groups of the size the page came with; `totalRecord` in the list's `jpage({…})` call says how many
 * there are. The proxy answers with a datastore document (`<datastore><recordset><record>…`). Only a
 * list that ships more than one page is paged: a homepage's teaser of one page is not.
 */
export function jpageBatches(datastoreScript: string, html: string, pageUrl: string): { url: string; batch: number }[] {
  const next = /<nextgroup>\s*<!\[CDATA\[[\s\S]*?href\s*=\s*["']([^"']*dataproxy\.jsp[^"']*)["']/i.exec(datastoreScript)?.[1];
  if (!next) return [];
  let proxy: URL;
  try {
    proxy = new URL(next.replace(/&amp;/g, '&'), pageUrl);
  } catch {
    return [];
  }
  const unit = proxy.searchParams.get('unitid');
  const calls = [...html.matchAll(/(?:\$|jQuery)\(\s*['"]#([\w-]+)['"]\s*\)\s*\.jpage\(\s*\{([\s\S]{0,1500}?)\}\s*\)/g)];
  const call = calls.find((c) => c[1] === unit) ?? (calls.length === 1 ? calls[0] : undefined);
  if (!call) return [];
  const total = Number(/totalRecord\s*:\s*(\d+)/.exec(call[2]!)?.[1] ?? 0);
  const perPage = Number(/perPage\s*:\s*(\d+)/.exec(call[2]!)?.[1] ?? 0);
  if (!total || !perPage) return [];
  const inPage = (datastoreScript.match(/<record>/g) ?? []).length;
  // A column's list ships several pages' worth (jpage's group, 3 pages by default); a homepage teaser
  // ships the one page it shows, and its column is paged from the column's own page.
  if (inPage <= perPage) return [];
  proxy.searchParams.delete('page');
  const out: { url: string; batch: number }[] = [];
  const last = Math.min(total, MAX_LIST_PAGES * perPage);
  for (let start = inPage + 1, batch = 2; start <= last; start += inPage, batch++) {
    const u = new URL(proxy.href);
    u.searchParams.set('startrecord', String(start));
    u.searchParams.set('endrecord', String(Math.min(start + inPage - 1, total)));
    u.searchParams.set('perpage', String(perPage));
    out.push({ url: u.href, batch });
  }
  return out;
}

/**
 * Whether an address is one of jpageBatches' proxy requests: a resumed crawl knows its frontier only
 * by address, and must still not file a failed batch as a broken link.
 */
export function isJpageBatch(url: string): boolean {
  return /\/dataproxy\.jsp\?/i.test(url) && /[?&]startrecord=\d/.test(url);
}

/** Whether a response body is a jpage proxy's datastore document rather than a page. */
export function isDatastoreDocument(body: Buffer): boolean {
  const head = body.subarray(0, 256).toString('latin1').replace(/^\uFEFF/, '').trimStart();
  return /^(?:<\?xml[^>]*>\s*)?<datastore\b/i.test(head);
}
