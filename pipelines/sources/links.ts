/**
 * Link extraction for the crawler: URLs, their kind (page, attachment, resource) and anchor text.
 */
import { decodeHTML, decodeHTMLAttribute } from 'entities';
import { encode as encodeBytes } from 'iconv-lite';
import type { DocumentKind } from '../../checks/types';
import { canonicalizeParsed } from '../canonical-url';
import { ownCopy } from '../../checks/text/own-copy';
import { datastoreRecords, isDataScript } from '../../checks/text/datastore';
import { jpageBatches, scriptedListPages } from './script-pagination';

export type LinkKind = 'page' | 'attachment' | 'resource';

export interface ExtractedLink {
  url: string;
  anchor: string;
  kind: LinkKind;
  /** The `#id` the link points into, when it names one (not `#`, `#top`, or a script route `#/…`). */
  fragment?: string;
  /** Not in the page: an address its list script would request (a jpage proxy batch). Not a link a reader follows, so never a broken one. */
  scripted?: true;
}

const ATTACHMENT_EXT: Record<string, DocumentKind> = {
  pdf: 'pdf', doc: 'doc', docx: 'docx', xls: 'xls', xlsx: 'xlsx', wps: 'wps', et: 'xls', zip: 'zip', ofd: 'other',
  ppt: 'other', pptx: 'other', rar: 'other', '7z': 'other',
};
const RESOURCE_EXT = new Set(['png', 'jpg', 'jpeg', 'gif', 'bmp', 'webp', 'svg', 'ico', 'css', 'js', 'mp4', 'mp3', 'flv', 'swf']);

/** Extension of the URL's path (query and fragment ignored), lower-cased; '' if none. */
export function extensionOf(url: string): string {
  let end = url.length;
  const q = url.indexOf('?');
  if (q !== -1) end = q;
  const h = url.indexOf('#');
  if (h !== -1 && h < end) end = h;
  const dot = url.lastIndexOf('.', end);
  const slash = url.lastIndexOf('/', end);
  const pathStart = url.indexOf('/', url.indexOf('//') + 2);
  if (dot <= slash || pathStart === -1 || dot < pathStart || end - dot - 1 > 5 || end - dot - 1 < 1) return '';
  const ext = url.slice(dot + 1, end);
  return /^[A-Za-z0-9]+$/.test(ext) ? ext.toLowerCase() : '';
}

export function attachmentKind(url: string): DocumentKind | undefined {
  return ATTACHMENT_EXT[extensionOf(url)];
}

const IMAGE_EXT = new Set(['png', 'jpg', 'jpeg', 'gif', 'bmp', 'tif', 'tiff']);

/** A raster image a scanned document could have been posted as (OCR reads these). */
export function isImageUrl(url: string): boolean {
  return IMAGE_EXT.has(extensionOf(url));
}

export function classify(url: string): LinkKind {
  const ext = extensionOf(url);
  if (ext in ATTACHMENT_EXT) return 'attachment';
  if (RESOURCE_EXT.has(ext)) return 'resource';
  return 'page';
}

/**
 * Root-relative hrefs (`/art/1.html`) resolve the same on every page of an origin, and a site's
 * navigation repeats them on every page: remember them instead of parsing each again.
 */
const ROOT_RELATIVE = new Map<string, string | undefined>();
const ROOT_RELATIVE_MAX = 50_000;

function resolve(href: string, base: string, charset?: string): string | undefined {
  const h = href.trim();
  if (!h || h.startsWith('#') || /^(javascript|mailto|tel|data|about|sms|ftp):/i.test(h)) return undefined;
  if (h[0] === '/' && h[1] !== '/' && !h.includes('\\') && !(charset && NON_ASCII.test(h))) {
    const slash = base.indexOf('/', base.indexOf('//') + 2);
    const key = (slash === -1 ? base : base.slice(0, slash)) + h;
    if (ROOT_RELATIVE.has(key)) return ROOT_RELATIVE.get(key);
    const r = resolveUncached(h, base);
    if (ROOT_RELATIVE.size >= ROOT_RELATIVE_MAX) ROOT_RELATIVE.clear();
    ROOT_RELATIVE.set(key, r);
    return r;
  }
  return resolveUncached(charset ? queryInPageEncoding(h, charset) : h, base);
}

function resolveUncached(h: string, base: string): string | undefined {
  try {
    const u = new URL(h, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return canonicalizeParsed(u);
  } catch {
    return undefined;
  }
}

const NON_ASCII = /[\u0080-\u{10FFFF}]/u;
const GB_FAMILY = /^(?:gb18030|gbk|gb2312|x-gbk|cp936)$/i;

/**
 * A browser sends the query of a link on a GBK page in GBK (the path is always UTF-8); a CMS search
 * or download script decodes it that way, so `?kw=政府` on such a page must be asked for as
 * `?kw=%D5%FE%B8%AE`, or the link is checked as something else.
 */
function queryInPageEncoding(h: string, charset: string): string {
  const q = h.indexOf('?');
  if (q === -1 || !GB_FAMILY.test(charset)) return h;
  const hash = h.indexOf('#', q);
  const end = hash === -1 ? h.length : hash;
  const query = h.slice(q + 1, end);
  if (!NON_ASCII.test(query)) return h;
  const escaped = query.replace(/[\u0080-\u{10FFFF}]+/gu, (run) => [...encodeBytes(run, 'gb18030')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
  return h.slice(0, q + 1) + escaped + h.slice(end);
}

/** The fragment a link names, decoded; undefined for none and for those that name no element. */
function fragmentOf(href: string): string | undefined {
  const i = href.indexOf('#');
  if (i === -1) return undefined;
  let f = href.slice(i + 1).trim();
  try {
    f = decodeURIComponent(f);
  } catch {
    // kept as written
  }
  // `#`, `#top` scroll to the top by themselves; `#/x`, `#!x`, `#page=2&tab=1` are a script's routes
  // and state, not elements.
  if (!f || /^top$/i.test(f) || /^[/!?]/.test(f) || /[=&]/.test(f) || f.length > 100) return undefined;
  return f;
}

/**
 * One pass of a compiled regex over the page finds the few tags the crawler needs (a, area, img,
 * iframe, frame, base, link, embed, and a script's src) and steps over comments, script, style and textarea content whole. The
 * crawler runs this on every page, and a full HTML tokenizer spent most of the crawl's CPU here;
 * checks that need a real DOM build their own. Any other opening tag is stepped over whole too, so
 * markup inside an attribute value (`<div title="<a href=…>">`) is not read as a tag, as browsers
 * do not; and a tag's text outside quotes stops at a `<`. Without both, the search from each `<a`
 * inside a long attribute value, or from each `<b` of a page that never closes a tag, ran to the
 * end of the page every time (50,000 in one style attribute: 10 s; 330,000 `<b `: 8 minutes).
 */
const TAGS = /<!--[\s\S]*?(?:-->|$)|<(script|style|textarea|title)\b((?:[^<>"']|"[^"]*"|'[^']*')*)>[\s\S]*?(?:<\/\1\s*>|$)|<(a|area|img|i?frame|base|link|embed)\b((?:[^<>"']|"[^"]*"|'[^']*')*)>|<\/a\s*>|<[a-zA-Z][^\s>"'/]*(?:[^<>"']|"[^"]*"|'[^']*')*>/gi;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
const TAG_OR_SPACE = /<[^<>]*>|\s+/g;

function attrsOf(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(ATTR)) {
    const name = m[1]!.toLowerCase();
    const v = m[2] ?? m[3] ?? m[4] ?? '';
    if (!(name in out)) out[name] = v.includes('&') ? decodeHTMLAttribute(v) : v;
  }
  return out;
}

/** Anchor text, at most 60 characters: only the start of the element's content is looked at. */
function anchorText(html: string): string {
  const head = html.length > 400 ? html.slice(0, 400) : html;
  const text = head.replace(TAG_OR_SPACE, (t) => (t[0] === '<' ? '' : ' '));
  return (text.includes('&') ? decodeHTML(text).replace(/\s+/g, ' ') : text).trim().slice(0, 60);
}

/** `charset` is the page's own (decoded) encoding: a GBK page's links carry their query in GBK. */
export function extractLinks(html: string, pageUrl: string, charset?: string): ExtractedLink[] {
  let base = pageUrl;
  const cs = charset && GB_FAMILY.test(charset) ? charset : undefined;
  const out: ExtractedLink[] = [];
  // The open <a>: its URL, title, and where its content starts in the page.
  let open: { url: string; title: string; from: number; fragment: string | undefined } | undefined;
  const close = (at: number): void => {
    if (!open) return;
    // Kept by the crawl for every link it may report: its own copy, not a view into the page.
    const text = ownCopy(anchorText(html.slice(open.from, at)) || open.title);
    out.push({ url: open.url, anchor: text, kind: classify(open.url), ...(open.fragment ? { fragment: open.fragment } : {}) });
    open = undefined;
  };
  for (const m of html.matchAll(TAGS)) {
    if (m[1]) {
      // A script's content is stepped over whole; its src is a resource the page needs.
      if (m[1].toLowerCase() === 'script' && m[2] && /\bsrc\s*=/i.test(m[2])) {
        const src = attrsOf(m[2])['src'];
        const url = src ? resolve(src, base) : undefined;
        if (url) out.push({ url, anchor: '<script>', kind: 'resource' });
      }
      // A list shipped as data for a script to render (大汉 jpage): its items are the page's links.
      if (m[2] && /xml/i.test(m[2]) && m[1].toLowerCase() === 'script' && isDataScript(attrsOf(m[2])['type'])) {
        for (const r of datastoreRecords(m[0])) for (const l of extractLinks(r.html, base, charset)) out.push(l);
        for (const b of jpageBatches(m[0], html, base)) out.push({ url: b.url, anchor: `列表第${b.batch}组`, kind: 'page', scripted: true });
      }
      // The later pages of a list whose page numbers the script writes (TRS createPageHTML).
      if (m[0].includes('createPageHTML')) {
        for (const p of scriptedListPages(m[0], base)) {
          const url = resolve(p.url, base);
          if (url) out.push({ url, anchor: `第${p.page}页`, kind: 'page' });
        }
      }
      continue;
    }
    const tag = m[3]?.toLowerCase();
    if (!tag) {
      if (m[0][1] === '/') close(m.index);
      continue;
    }
    const attrs = attrsOf(m[4] ?? '');
    const end = m.index + m[0].length;
    switch (tag) {
      case 'base': {
        const b = attrs['href'] ? resolve(attrs['href'], pageUrl) : undefined;
        if (b) base = b;
        break;
      }
      case 'a': {
        // An <a> inside an unclosed <a> closes it first (as browsers do), so neither link is lost.
        close(m.index);
        const href = attrs['href'];
        // A link into this page (`#section`) is the page itself, at an element the page must have.
        const fragment = href !== undefined ? fragmentOf(href) : undefined;
        const url = href === undefined ? undefined : href.trim().startsWith('#') ? (fragment ? base : undefined) : resolve(href, base, cs);
        if (url) open = { url, title: attrs['title'] ?? '', from: end, fragment };
        break;
      }
      case 'area': {
        const url = attrs['href'] !== undefined ? resolve(attrs['href'], base, cs) : undefined;
        if (url) out.push({ url, anchor: attrs['alt'] ?? '', kind: classify(url) });
        break;
      }
      case 'link': {
        // Stylesheets and icons load with the page; alternates, canonicals and prefetches do not.
        const rel = (attrs['rel'] ?? '').toLowerCase();
        const url = attrs['href'] && /\b(?:stylesheet|icon)\b/.test(rel) ? resolve(attrs['href'], base) : undefined;
        if (url) out.push({ url, anchor: `<link rel="${rel}">`, kind: 'resource' });
        break;
      }
      case 'img': {
        const url = attrs['src'] ? resolve(attrs['src'], base) : undefined;
        if (url) out.push({ url, anchor: attrs['alt'] ? `<img alt="${attrs['alt']}">` : '<img>', kind: 'resource' });
        break;
      }
      default: {
        const url = attrs['src'] ? resolve(attrs['src'], base, cs) : undefined;
        if (url) out.push({ url, anchor: `<${tag}>`, kind: classify(url) });
      }
    }
  }
  close(html.length);
  return out;
}
