/**
 * Every date a page gives for its publication, each kept with where it came from, so that a
 * reviewer (and the date-forgery rules) can set them side by side. Beijing time is the default
 * for values without a zone. Not a check: the engine reports these in `pages[].dateSources`.
 */
import type { Page } from '../types';
import { isRealDate } from '../privacy/id-number';

export interface DateSource {
  /** `export`, `meta:PubDate`, `byline`, `url`, `http:last-modified`, `first-seen`, ... */
  source: string;
  /** ISO 8601 with offset. */
  value: string;
}

const META_NAMES = new Set(['pubdate', 'publishdate', 'firstpublishedtime', 'article:published_time', 'og:published_time', 'datepublished', 'publish_date', 'dc.date', 'dcterms.issued']);
const META_TAG = /<meta\b[^>]*>/gi;
const ATTR = /([a-zA-Z:._-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g;
/** A date with optional time; ∶ (U+2236) is used as a colon by some CMS templates. */
const DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*日)?(?:[ T\u3000]+(\d{1,2})[:：∶](\d{2})(?:[:：∶](\d{2}))?)?/;
const BYLINE = new RegExp(`(?:发布日期|发布时间|发稿时间|发文日期|公开日期|日期|时间)\\s*[：:]\\s*${DATE.source}`);
const ZONED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

const pad = (n: number | string): string => String(n).padStart(2, '0');

/** Parts of a date -> ISO 8601 in Beijing time, or undefined if it is not a real date. */
export function isoFromParts(y: string, mo: string, d: string, h?: string, mi?: string, s?: string): string | undefined {
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < 1990 || year > 2100 || !isRealDate(year, month, day)) return undefined;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)) return undefined;
  return `${year}-${pad(month)}-${pad(day)}T${pad(h ?? 0)}:${pad(mi ?? 0)}:${pad(s ?? 0)}+08:00`;
}

export function parseLooseDate(text: string): string | undefined {
  const z = ZONED.exec(text.trim());
  if (z) return isRealDate(Number(z[1]), Number(z[2]), Number(z[3])) ? text.trim() : undefined;
  const m = DATE.exec(text);
  return m ? isoFromParts(m[1]!, m[2]!, m[3]!, m[4], m[5], m[6]) : undefined;
}

function metaDates(html: string): DateSource[] {
  const out: DateSource[] = [];
  const head = html.slice(0, 32 * 1024);
  for (const tag of head.match(META_TAG) ?? []) {
    const attrs: Record<string, string> = {};
    for (const a of tag.matchAll(ATTR)) attrs[a[1]!.toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
    const name = attrs['name'] ?? attrs['property'] ?? attrs['itemprop'];
    if (!name || !META_NAMES.has(name.toLowerCase()) || !attrs['content']) continue;
    const value = parseLooseDate(attrs['content']);
    if (value) out.push({ source: `meta:${name}`, value });
  }
  return out;
}

/** TRS /YYYYMM/tYYYYMMDD_id, Hanweb /art/YYYY/M/D/art_, gov.cn /content/YYYY-MM/DD/content_. */
export function urlDate(url: string): string | undefined {
  const trs = /\/t(\d{4})(\d{2})(\d{2})_\d+\.s?html?/.exec(url);
  if (trs) return isoFromParts(trs[1]!, trs[2]!, trs[3]!);
  const hanweb = /\/art\/(\d{4})\/(\d{1,2})\/(\d{1,2})\/art_/.exec(url);
  if (hanweb) return isoFromParts(hanweb[1]!, hanweb[2]!, hanweb[3]!);
  const govcn = /\/(\d{4})-(\d{2})\/(\d{2})\/content_/.exec(url);
  if (govcn) return isoFromParts(govcn[1]!, govcn[2]!, govcn[3]!);
  return undefined;
}

export function dateSources(page: Page): DateSource[] {
  const out: DateSource[] = [];
  if (page.claims.publishedAt) out.push({ source: 'export', value: page.claims.publishedAt });
  if (page.contentType === 'html') out.push(...metaDates(page.source));
  const byline = BYLINE.exec(page.text.text.slice(0, 20_000));
  if (byline) {
    const v = isoFromParts(byline[1]!, byline[2]!, byline[3]!, byline[4], byline[5], byline[6]);
    if (v) out.push({ source: 'byline', value: v });
  }
  const fromUrl = urlDate(page.url);
  if (fromUrl) out.push({ source: 'url', value: fromUrl });
  const lm = page.headers['last-modified'];
  if (lm && !Number.isNaN(Date.parse(lm))) out.push({ source: 'http:last-modified', value: new Date(lm).toISOString() });
  return out;
}

/** The claimed publication date: the CMS's own field, then meta, then the byline, then the URL. */
export function bestPublicationDate(sources: DateSource[]): string | null {
  for (const kind of ['export', 'meta:', 'byline', 'url']) {
    const hit = sources.find((s) => (kind.endsWith(':') ? s.source.startsWith(kind) : s.source === kind));
    if (hit) return hit.value;
  }
  return null;
}
