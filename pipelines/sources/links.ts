/**
 * Link extraction with the htmlparser2 SAX parser: about twice as fast as building a DOM,
 * and the crawler only needs URLs and anchor text (checks get their own DOM lazily).
 */
import { Parser } from 'htmlparser2';
import type { DocumentKind } from '../../checks/types';
import { canonicalizeParsed } from '../canonical-url';

export type LinkKind = 'page' | 'attachment' | 'resource';

export interface ExtractedLink {
  url: string;
  anchor: string;
  kind: LinkKind;
}

const ATTACHMENT_EXT: Record<string, DocumentKind> = {
  pdf: 'pdf', doc: 'doc', docx: 'docx', xls: 'xls', xlsx: 'xlsx', wps: 'wps', et: 'xls', zip: 'zip', ofd: 'other',
  ppt: 'other', pptx: 'other', rar: 'other', '7z': 'other',
};
const RESOURCE_EXT = new Set(['png', 'jpg', 'jpeg', 'gif', 'bmp', 'webp', 'svg', 'ico', 'css', 'js', 'mp4', 'mp3', 'flv', 'swf']);

/** Extension of the URL's path (query and fragment ignored), lower-cased; '' if none. */
export function extensionOf(url: string): string {
  const end = url.search(/[?#]/);
  const path = end === -1 ? url : url.slice(0, end);
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(path.slice(path.indexOf('//') + 2).replace(/^[^/]*/, ''));
  return m ? m[1]!.toLowerCase() : '';
}

export function attachmentKind(url: string): DocumentKind | undefined {
  return ATTACHMENT_EXT[extensionOf(url)];
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

function resolve(href: string, base: string): string | undefined {
  const h = href.trim();
  if (!h || h.startsWith('#') || /^(javascript|mailto|tel|data|about|sms|ftp):/i.test(h)) return undefined;
  if (h[0] === '/' && h[1] !== '/' && !h.includes('\\')) {
    const slash = base.indexOf('/', base.indexOf('//') + 2);
    const key = (slash === -1 ? base : base.slice(0, slash)) + h;
    if (ROOT_RELATIVE.has(key)) return ROOT_RELATIVE.get(key);
    const r = resolveUncached(h, base);
    if (ROOT_RELATIVE.size >= ROOT_RELATIVE_MAX) ROOT_RELATIVE.clear();
    ROOT_RELATIVE.set(key, r);
    return r;
  }
  return resolveUncached(h, base);
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

export function extractLinks(html: string, pageUrl: string): ExtractedLink[] {
  let base = pageUrl;
  const out: ExtractedLink[] = [];
  let open: { url: string; text: string } | undefined;
  let depth = 0;
  const flush = (): void => {
    if (!open) return;
    out.push({ url: open.url, anchor: open.text.replace(/\s+/g, ' ').trim().slice(0, 60), kind: classify(open.url) });
    open = undefined;
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'base' && attrs['href']) {
          const b = resolve(attrs['href'], pageUrl);
          if (b) base = b;
          return;
        }
        if (name === 'a' || name === 'area') {
          const url = attrs['href'] ? resolve(attrs['href'], base) : undefined;
          // An <a> inside an unclosed <a> closes it first (as browsers do), so neither link is lost.
          if (name === 'a' && open) flush();
          if (url && name === 'a') {
            open = { url, text: attrs['title'] ?? '' };
            depth = 1;
          } else if (url) out.push({ url, anchor: attrs['alt'] ?? '', kind: classify(url) });
          return;
        }
        if (open) depth++;
        const src = name === 'iframe' || name === 'frame' ? attrs['src'] : undefined;
        if (src) {
          const url = resolve(src, base);
          if (url) out.push({ url, anchor: `<${name}>`, kind: classify(url) });
        }
        if (name === 'img' && attrs['src']) {
          const url = resolve(attrs['src'], base);
          if (url) out.push({ url, anchor: attrs['alt'] ? `<img alt="${attrs['alt']}">` : '<img>', kind: 'resource' });
        }
      },
      ontext(text) {
        if (open && open.text.length < 60) open.text += text;
      },
      onclosetag(name) {
        if (!open) return;
        if (name === 'a' || --depth <= 0) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return out;
}
