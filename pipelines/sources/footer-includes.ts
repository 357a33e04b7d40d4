/**
 * Many CMS templates keep the footer — 主办单位, 网站标识码, ICP and 公安 filings, the CONAC mark, the
 * 找错 entry — in one shared file the page loads by script or frame (`<script src="/js/footer.js">`
 * writing it with document.write, `$('#footer').load('/inc/bottom.html')`, an `<iframe>`). The
 * server's HTML then has no identity marks, and reading only it files 首页缺少网站标识码 against a
 * homepage whose visitors see every mark. The crawler fetches those few files for the homepage and
 * health.identity reads them with it.
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

/**
 * What an included file shows, as markup to read marks from: an HTML fragment as it is; a script's
 * string literals joined with their escapes undone (document.write('<p>桂ICP备…'), '\u7f51\u7ad9标识码').
 */
export function includedMarkup(body: string, contentType: string): string {
  const script = /javascript|ecmascript/i.test(contentType) || !/<[a-z!]/i.test(body.slice(0, 2048));
  if (!script) return body;
  const parts: string[] = [];
  for (const m of body.matchAll(/"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g)) {
    parts.push(unescapeJs(m[1] ?? m[2] ?? m[3] ?? ''));
  }
  return parts.join('');
}

function unescapeJs(s: string): string {
  return s.replace(/\\(?:u\{([0-9a-f]+)\}|u([0-9a-f]{4})|x([0-9a-f]{2})|(.))/gi, (_m, cp: string, u: string, x: string, c: string) => {
    if (cp || u || x) return String.fromCodePoint(parseInt(cp ?? u ?? x, 16));
    return c === 'n' ? '\n' : c === 't' ? '\t' : c;
  });
}
