/**
 * A page that only sends the browser on: many government sites answer `/` with a stub that moves
 * the visitor to the real homepage (`/col/col1/index.html`, `/portal/index.shtml`) by a meta refresh,
 * a one-line script, or a frameset of one frame. Read as the homepage, the stub dates nothing and
 * carries no mark — a critical 首页不更新 and 首页缺少网站标识码 for a site whose visitors see both —
 * and has no link for the crawl to follow. The crawler follows it as it follows an HTTP redirect.
 */

import { textElements } from '../../checks/text/tag-pattern';
import { smallHtmlText, visibleLength } from './small-page';
import type { HttpResponse } from './fetch';
import { redirectTargets } from '../../checks/tamper/scripts';

/** Characters of visible text a stub may show (“正在跳转…”, “如果浏览器没有自动跳转，请点击这里”). */
const MAX_VISIBLE = 120;
/** A refresh slower than this is a page that reloads itself for news, not a redirect. */
const MAX_REFRESH_SECONDS = 10;
const META_REFRESH = /<meta\b[^>]*http-equiv\s*=\s*["']?refresh["']?[^>]*>/gi;
const REFRESH_CONTENT = /content\s*=\s*(["'])\s*(\d+(?:\.\d+)?)\s*[;,]\s*(?:url\s*=\s*)?['"]?([^'">]+?)['"]?\s*\1/i;
const FRAME_SRC = /<(?:frame|iframe)\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)[^>]*>/gi;
/** The frame a layout shows its content in: `name="main"`, `id="mainFrame"`, `name="content"`. */
const MAIN_FRAME = /\b(?:name|id)\s*=\s*["']?(?:main|content|body|zhuti|neirong)(?:frame)?["'\s>]/i;
/** The frames of a layout that hold its furniture, by name or address: the header, the menu, the footer. */
const FURNITURE_FRAME = /\b(?:name|id|src)\s*=\s*["']?[^"'\s>]*?(?:top|head|header|banner|left|menu|nav|tree|bottom|foot|footer)[^"'\s>]*["'\s>]/i;
/** A stub's page is small; bytes one of which it must carry (refresh, location, frame, any case) pass the rest over undecoded. */
const MAX_STUB_BYTES = 32 * 1024;
const STUB_BYTES = ['efresh', 'EFRESH', 'ocation', 'OCATION', 'rame', 'RAME'];

function absolute(href: string, base: string): string | undefined {
  try {
    const u = new URL(href.trim().replace(/&amp;/g, '&'), base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    u.hash = '';
    return u.href;
  } catch {
    return undefined;
  }
}

/**
 * Where a stub page sends the browser, or undefined for a page with content of its own (a page
 * that refreshes itself every few minutes, a notice that links onward) or one that only reloads.
 */
export function clientRedirectOf(html: string, pageUrl: string): string | undefined {
  if (html.length > MAX_STUB_BYTES || visibleLength(html) > MAX_VISIBLE) return undefined;
  let target: string | undefined;
  for (const m of html.matchAll(META_REFRESH)) {
    const c = REFRESH_CONTENT.exec(m[0]);
    if (c && Number(c[2]) <= MAX_REFRESH_SECONDS) target ??= absolute(c[3]!, pageUrl);
  }
  if (!target) {
    // `location.href = '…'`, `location.replace(…)`, joined or in a variable: read as the tamper rules read it (scripts.ts).
    for (const s of textElements(html, 'script')) {
      const to = redirectTargets(s.text)[0];
      if (to) {
        target = absolute(to, pageUrl);
        break;
      }
    }
  }
  if (!target && /<frameset\b/i.test(html)) {
    // A frameset of one frame masks the address of the page it shows. One of several is a layout
    // (top, left, main): its content is the frame named for it, if exactly one is.
    const frames = [...html.matchAll(FRAME_SRC)].map((m) => ({ url: absolute(m[1]!, pageUrl), main: MAIN_FRAME.test(m[0]), furniture: FURNITURE_FRAME.test(m[0]) })).filter((f) => f.url !== undefined);
    const main = frames.filter((f) => f.main);
    // No frame named for the content (top, left, right): the one frame that is not the header, menu or footer is.
    const rest = frames.filter((f) => !f.furniture);
    if (frames.length === 1) target = frames[0]!.url;
    else if (main.length === 1) target = main[0]!.url;
    else if (!main.length && rest.length === 1) target = rest[0]!.url;
  }
  return target && target !== absolute(pageUrl, pageUrl) ? target : undefined;
}

/** The same for an HTTP answer: only a small, successful HTML body can be a stub. */
export function clientRedirectIn(res: Pick<HttpResponse, 'status' | 'headers' | 'body'>, pageUrl: string): string | undefined {
  const html = res.status < 400 ? smallHtmlText(res, MAX_STUB_BYTES, STUB_BYTES) : undefined;
  return html === undefined ? undefined : clientRedirectOf(html, pageUrl);
}
