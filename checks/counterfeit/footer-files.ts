/**
 * Where a page's footer lives when it is not in the page: the shared file a template loads by script
 * or frame (`<script src="/js/footer.js">`, `$('#footer').load('/inc/bottom.html')`, an `<iframe>`).
 * The crawler fetches them to read a homepage's marks (pipelines/sources/footer-includes.ts); a copy
 * on another host that loads a configured site's own footer file is a counterfeit by that alone.
 */

/** The file names templates give their footer: foot.js, footer.html, bottom.shtml, copyright.js, dibu.htm, bq.js. */
const FOOTER_NAME = /(?:^|[^a-z])(?:foot(?:er)?|bottom|copyright|banquan|dibu|bq|tail)(?:[^a-z]|$)/i;
const SCRIPT_OR_FRAME = /<(?:script|iframe)\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)/gi;
/** `.load('/inc/foot.html')`, `$.get("/footer.html"`, `fetch('/footer.html')`, `url: '/bottom.html'`. */
const LOADED = /(?:\.load|\$\.get|\bfetch|\burl\s*:)\s*\(?\s*["']([^"']+)["']/g;
/** A homepage loads one footer; a few candidates cover a header/footer pair and a fallback. */
const MAX_INCLUDES = 4;

/** Addresses of the files that may hold the page's footer, on its own host or another gov.cn host. */
export function footerIncludes(html: string, pageUrl: string): string[] {
  const page = new URL(pageUrl);
  const out: string[] = [];
  for (const re of [SCRIPT_OR_FRAME, LOADED]) {
    for (const m of html.matchAll(re)) {
      let u: URL;
      try {
        u = new URL(m[1]!.replace(/&amp;/g, '&'), page);
      } catch {
        continue;
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
      if (u.host !== page.host && !/\.gov\.cn$/i.test(u.hostname)) continue;
      const name = u.pathname.slice(u.pathname.lastIndexOf('/') + 1);
      if (!FOOTER_NAME.test(name)) continue;
      u.hash = '';
      if (!out.includes(u.href)) out.push(u.href);
      if (out.length >= MAX_INCLUDES) return out;
    }
  }
  return out;
}
