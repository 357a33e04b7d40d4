/**
 * Many CMS templates keep the footer — 主办单位, 网站标识码, ICP and 公安 filings, the CONAC mark, the
 * 找错 entry — in one shared file the page loads by script or frame (`<script src="/js/footer.js">`
 * writing it with document.write, `$('#footer').load('/inc/bottom.html')`, an `<iframe>`). The
 * server's HTML then has no identity marks, and reading only it files 首页缺少网站标识码 against a
 * homepage whose visitors see every mark. The crawler fetches those few files for the homepage and
 * health.identity reads them with it.
 */
import { showsFooterMarks } from '../../checks/counterfeit/marks';
import { footerIncludes } from '../../checks/counterfeit/footer-files';
import { decodeBody } from './charset';

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

/** An answer to a footer file's request: its status, type and bytes; undefined for a file not fetched. */
export type FooterFetch = (url: string) => Promise<{ status: number; headers: Record<string, string>; body: Buffer } | undefined>;

/**
 * The markup of the footer files a page loads, when its own markup shows no footer mark, each fetched
 * by `get` (the crawler's polite fetch; the lookalike sweep's fetch of a candidate's own host). A file
 * that does not load adds nothing: visitors see nothing of it either.
 */
export async function footerMarkup(html: string, pageUrl: string, get: FooterFetch): Promise<string[]> {
  if (showsFooterMarks(html)) return [];
  const out: string[] = [];
  for (const url of footerIncludes(html, pageUrl)) {
    const got = await get(url).catch(() => undefined);
    if (!got || got.status >= 400) continue;
    const ctype = got.headers['content-type'] ?? '';
    out.push(includedMarkup(decodeBody(got.body, ctype).text, ctype));
  }
  return out;
}
