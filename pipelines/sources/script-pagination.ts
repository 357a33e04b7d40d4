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
