/**
 * Every date a page gives for itself, each kept with where it came from, so that a reviewer (and
 * the forgery rules) can set them side by side. Beijing time is the default for values without a
 * zone. Not a check: the engine reports these in `pages[].dateSources`, the dates rules judge them.
 */
import type { Page } from '../types';
import { tagPattern, textElements } from '../text/tag-pattern';
import { CHINESE_NUMERAL_DATE, ENGLISH_DATE, NUMERIC_DATE, findDates, fromChineseNumerals, fromEnglish, isoFromParts, parseLooseDate } from './parse';

export { isoFromParts, parseLooseDate } from './parse';

export interface DateSource {
  /**
   * `export`, `meta:<name>`, `json-ld`, `byline`, `time`, `url`, `text` (claims of publication);
   * `written` (成文日期), `printed` (印发日期), `signature`, `generated` (CMS page build time),
   * `stamp` (upload stamp in an attachment or image name), `sitemap:lastmod`, `http:last-modified`, `first-seen`.
   */
  source: string;
  /** ISO 8601 with offset. */
  value: string;
  /** Where the value was read, when it is not the page itself (the attachment URL of a stamp). */
  from?: string;
}

/** Meta names that claim publication (htmldate's list plus the Chinese CMS ones). */
const PUBLISHED_META = new Set([
  'pubdate', 'publishdate', 'publish_date', 'publish-date', 'publishtime', 'publish_time', 'published_time', 'firstpublishedtime',
  'article:published_time', 'og:published_time', 'og:article:published_time', 'datepublished', 'dc.date', 'dc.date.issued',
  'dcterms.issued', 'dcterms.created', 'dcterms.date', 'citation_date', 'citation_publication_date', 'sailthru.date',
  'parsely-pub-date', 'ptime', 'pdate', 'date', 'releasedate', 'displaydate',
]);
const META_TAG = tagPattern('meta');
const ATTR = /([a-zA-Z:._-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g;
const DATE = NUMERIC_DATE.source;
/** Labels in priority order: the first label present decides, so 发布日期 beats a bare 日期. */
const BYLINE_LABELS = ['发布日期', '发布时间', '发稿时间', '发稿日期', '公开日期', '发文日期', '更新时间', '发布', '日期', '时间'];
/**
 * `发布时间：2026-11-20`, `【发布日期】2026-11-20`, `[发布时间] 2026-11-20`; a label of four characters may
 * also meet its date across an element edge with nothing between (`<span>发布时间</span><span>2026…`).
 */
const BYLINES = BYLINE_LABELS.map((l) => new RegExp(`(?:[【\\[]\\s*${l}\\s*[】\\]]\\s*[：:]?|${l}\\s*(?:[：:]|\\t${l.length >= 4 ? '|(?=\\d)' : ''}))\\s*(?:\\[|【)?\\s*${DATE}`, 'u'));
/** A bare date right before 来源/作者/浏览 is the byline of most article templates. */
const BARE_BYLINE = new RegExp(`${DATE}\\s*(?:来源|作者|浏览|点击|字号|【字体)`, 'u');
const WRITTEN = new RegExp(`成文日期\\s*[：:\\t ]\\s*${DATE}`, 'u');
/** 印发日期 in the 版记 (…办公室 2026年11月18日印发), not a date a cited document was printed (2016年5月10日印发的《…》). */
const PRINTED = new RegExp(`${DATE}\\s*印发(?!的)`, 'gu');
const GENERATED = /页面生成时间\s*([\d\-/: ]+)/;
const ENGLISH_BYLINE = new RegExp(`(?:Published|Posted|Released|Issued|Date)(?:\\s+on)?\\s*:?\\s*(?:${ENGLISH_DATE.source}|(\\d{4}-\\d{2}-\\d{2}))`, 'i');
const JSON_LD_TYPE = /application\/ld\+json/i;
const TIME_TAG = tagPattern('time');
const DATETIME = /\bdatetime\s*=\s*["']([^"']+)["']/i;
/** TRS editor uploads (W0…) and attachments (P0…) carry their upload day: W020231020692880455588.pdf */
const STAMP = /(?:src|href)\s*=\s*["']([^"']*\/[WP]0(\d{4})(\d{2})(\d{2})\d{4,}\.[A-Za-z0-9]{2,5})["']/gi;
/** Copyright and footer years are not publication dates. */
const FOOTER = /(?:©|copyright|版权所有|主办单位|备案|技术支持)/i;

function metaDates(html: string): DateSource[] {
  const out: DateSource[] = [];
  const head = html.slice(0, 64 * 1024);
  for (const tag of head.match(META_TAG) ?? []) {
    const attrs: Record<string, string> = {};
    for (const a of tag.matchAll(ATTR)) attrs[a[1]!.toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
    const name = attrs['name'] ?? attrs['property'] ?? attrs['itemprop'];
    const content = attrs['content'];
    if (!name || !content) continue;
    if (name.toLowerCase() === 'others') {
      const g = GENERATED.exec(content);
      const value = g ? parseLooseDate(g[1]!) : undefined;
      if (value) out.push({ source: 'generated', value });
      continue;
    }
    if (!PUBLISHED_META.has(name.toLowerCase())) continue;
    const value = parseLooseDate(content);
    if (value) out.push({ source: `meta:${name}`, value });
  }
  return out;
}

function jsonLdDate(html: string): string | undefined {
  for (const s of textElements(html, 'script')) {
    if (!JSON_LD_TYPE.test(s.tag)) continue;
    const d = /"datePublished"\s*:\s*"([^"]+)"/.exec(s.text);
    const value = d ? parseLooseDate(d[1]!) : undefined;
    if (value) return value;
  }
  return undefined;
}

/** The `datetime` of the first `<time>` that has one. */
function timeTagDate(html: string): string | undefined {
  for (const tag of html.matchAll(TIME_TAG)) {
    const d = DATETIME.exec(tag[0]);
    if (d) return d[1];
  }
  return undefined;
}

/** TRS /YYYYMM/tYYYYMMDD_id, Hanweb /art/YYYY/M/D/art_, gov.cn /content/YYYY-MM/DD/content_, news /YYYY/MM/DD/. */
export function urlDate(url: string): string | undefined {
  const trs = /\/t(\d{4})(\d{2})(\d{2})_\d+\.s?html?/.exec(url);
  if (trs) return isoFromParts(trs[1]!, trs[2]!, trs[3]!);
  const hanweb = /\/art\/(\d{4})\/(\d{1,2})\/(\d{1,2})\/art_/.exec(url);
  if (hanweb) return isoFromParts(hanweb[1]!, hanweb[2]!, hanweb[3]!);
  const govcn = /\/(\d{4})-(\d{2})\/(\d{2})\/content_/.exec(url);
  if (govcn) return isoFromParts(govcn[1]!, govcn[2]!, govcn[3]!);
  const news = /\/(\d{4})[/_-](\d{2})[/_-](\d{2})\//.exec(url);
  if (news) return isoFromParts(news[1]!, news[2]!, news[3]!);
  return undefined;
}

/** The TRS document id in an article URL (global auto-increment, so it orders creation). */
export function trsDocId(url: string): number | undefined {
  const m = /\/t\d{8}_(\d+)\.s?html?/.exec(url);
  return m ? Number(m[1]) : undefined;
}

function bylineDate(text: string): string | undefined {
  for (const re of BYLINES) {
    const m = re.exec(text);
    const v = m ? isoFromParts(m[1]!, m[2]!, m[3]!, m[4], m[5], m[6]) : undefined;
    if (v) return v;
  }
  const bare = BARE_BYLINE.exec(text);
  if (bare) return isoFromParts(bare[1]!, bare[2]!, bare[3]!, bare[4], bare[5], bare[6]);
  const en = ENGLISH_BYLINE.exec(text);
  if (en) return en[7] ? parseLooseDate(en[7]) : fromEnglish(en);
  return undefined;
}

/**
 * The general fallback, for pages with no label or metadata (English versions, news pages): the
 * first date in the top of the text that is not in a footer, copyright or 备案 line.
 */
function textDate(text: string): string | undefined {
  const top = text.slice(0, 4000);
  for (const d of findDates(top, 50)) {
    const line = top.slice(top.lastIndexOf('\n', d.index) + 1, top.indexOf('\n', d.end) === -1 ? undefined : top.indexOf('\n', d.end));
    if (!FOOTER.test(line)) return d.value;
  }
  return undefined;
}

export function uploadStamps(page: Page): DateSource[] {
  if (page.contentType !== 'html') return [];
  const out: DateSource[] = [];
  for (const m of page.source.matchAll(STAMP)) {
    const value = isoFromParts(m[2]!, m[3]!, m[4]!);
    if (value) out.push({ source: 'stamp', value, from: m[1]! });
  }
  return out;
}

export function dateSources(page: Page): DateSource[] {
  const out: DateSource[] = [];
  const text = page.text.text;
  const head = text.slice(0, 20_000);
  if (page.claims.publishedAt) out.push({ source: 'export', value: page.claims.publishedAt });
  if (page.contentType === 'html') {
    for (const d of metaDates(page.source)) out.push(d);
    const ld = jsonLdDate(page.source);
    if (ld) out.push({ source: 'json-ld', value: ld });
  }
  const byline = bylineDate(head);
  if (byline) out.push({ source: 'byline', value: byline });
  if (page.contentType === 'html') {
    const t = timeTagDate(page.source);
    const v = t ? parseLooseDate(t) : undefined;
    if (v) out.push({ source: 'time', value: v });
  }
  const fromUrl = urlDate(page.url);
  if (fromUrl) out.push({ source: 'url', value: fromUrl });
  const written = WRITTEN.exec(head);
  const w = written ? isoFromParts(written[1]!, written[2]!, written[3]!) : undefined;
  if (w) out.push({ source: 'written', value: w });
  // The 版记 closes the document: the last such date is its own.
  const printed = [...text.matchAll(PRINTED)].pop();
  const p = printed ? isoFromParts(printed[1]!, printed[2]!, printed[3]!) : undefined;
  if (p) out.push({ source: 'printed', value: p });
  const sig = [...text.slice(-3000).matchAll(new RegExp(CHINESE_NUMERAL_DATE.source, 'gu'))].pop();
  const sv = (sig ? fromChineseNumerals(sig) : undefined) ?? arabicSignatureDate(text.slice(-3000));
  if (sv) out.push({ source: 'signature', value: sv });
  if (!out.some((s) => CLAIMS.some((c) => isClaim(s, c)))) {
    const t = textDate(text);
    if (t) out.push({ source: 'text', value: t });
  }
  const sm = page.sitemapLastmod ? parseLooseDate(page.sitemapLastmod) : undefined;
  if (sm) out.push({ source: 'sitemap:lastmod', value: sm });
  const lm = page.headers['last-modified'];
  if (lm && !Number.isNaN(Date.parse(lm))) out.push({ source: 'http:last-modified', value: new Date(lm).toISOString() });
  for (const d of uploadStamps(page)) out.push(d);
  return out;
}

/** A date alone on its line, as GB/T 9704-2012 7.3.5.1 writes the 成文日期 (Arabic numerals since 2012). */
const DATE_LINE = /^\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$/u;
/** The 发文机关署名 above it: an issuing body's name, alone on its line. */
const ISSUER_LINE = /^\s*[\p{Script=Han}（）()、\s]{2,40}(?:人民政府|政府|办公室|办公厅|局|委员会|委|厅|部|署|中心|院|会|党委|党组|工委|小组|指挥部|管委会|街道办事处|办事处|公司|所|站|队)\s*$/u;

/**
 * The 成文日期 written in Arabic numerals under the signature: the last date-only line whose line
 * above (or the one above that, when two bodies sign) is an issuing body's name. A date line under
 * anything else (a footer, a photo caption) is not a signature.
 */
function arabicSignatureDate(tail: string): string | undefined {
  const lines = tail.split('\n').map((l) => l.trim()).filter(Boolean);
  for (let i = lines.length - 1; i >= 1; i--) {
    const d = DATE_LINE.exec(lines[i]!);
    if (!d) continue;
    if (ISSUER_LINE.test(lines[i - 1]!) || (i >= 2 && ISSUER_LINE.test(lines[i - 2]!) && ISSUER_LINE.test(lines[i - 1]!))) return isoFromParts(d[1]!, d[2]!, d[3]!);
  }
  return undefined;
}

const CLAIMS = ['export', 'meta:', 'json-ld', 'byline', 'time', 'url', 'text'];

function isClaim(s: DateSource, kind: string): boolean {
  return kind.endsWith(':') ? s.source.startsWith(kind) : s.source === kind;
}

/** The claimed publication date: the CMS's own field, then metadata, the byline, the URL, the text. */
export function bestPublicationDate(sources: DateSource[]): string | null {
  for (const kind of CLAIMS) {
    const hit = sources.find((s) => isClaim(s, kind));
    if (hit) return hit.value;
  }
  return null;
}

export interface CitedDocument {
  start: number;
  end: number;
  year: number;
}

/** 发文字号 cited in the text (国办秘函〔2019〕19号): the document exists from that year on. */
export function citedDocuments(text: string): CitedDocument[] {
  const out: CitedDocument[] = [];
  // The issuer's abbreviation (up to 12 Han characters) is walked back over from the bracket:
  // matched as a leading run it was tried from every Han character of the page.
  for (const m of text.matchAll(/(?<=[\u4e00-\u9fa5])[〔[［]((?:19|20)\d{2})[〕\]］]\s*(?:第\s*)?\d{1,4}\s*号/gu)) {
    let start = m.index;
    const floor = Math.max(0, m.index - ISSUER_REACH);
    while (start > floor && isHan(text.charCodeAt(start - 1))) start--;
    out.push({ start, end: m.index + m[0].length, year: Number(m[1]) });
  }
  return out;
}

const ISSUER_REACH = 12;

function isHan(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fa5;
}
