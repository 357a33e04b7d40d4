/**
 * The identity marks a government page carries (国办发〔2017〕47号 and the inspection rules):
 * 网站标识码 in the SiteIDCode meta, the footer and the 找错 widget; the CONAC 党政机关网站标识
 * script and certificate id; ICP and 公安 filing numbers; SiteName/SiteDomain; the 主办单位 line.
 * Read from the raw HTML (the CONAC mark is written by a script, the meta tags sit in <head>),
 * so a copy that keeps them is caught whether or not they are visible. Formats: reference
 * indicators.md §2.1–2.5.
 */
import { firstText, tagPattern } from '../text/tag-pattern';
import type { Page } from '../types';

export type MarkSource = 'meta' | 'footer' | 'jiucuo' | 'conac';

export interface IdentityMarks {
  /** 网站标识码 values with where each was read (lower-cased `bm` codes). */
  siteCodes: { value: string; from: MarkSource }[];
  siteName?: string;
  siteDomain?: string;
  /** CONAC: the script path (2/3/4/8 digits + CA file) and the 32-hex certificate id. */
  conac: { script?: string; id?: string }[];
  /** ICP numbers, normalised `京ICP备19014889号` (the `-1` suffix dropped: it numbers one site of a filing). */
  icp: string[];
  /** 公安机关备案号, normalised `京公网安备11010202008000号`. */
  psb: string[];
  /** 主办单位 / 版权所有 / Copyright © names from the footer. */
  sponsors: string[];
  /** Names a page shows as its own mark: a logo image's alt, a logo element's text (not an <h1>: 人民网's board for a government heads its page with the government's name). */
  logos: string[];
  title: string;
}

const META = tagPattern('meta');
const ATTR = /([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;
const FOOTER_CODE = /网站标识码\s*[:：]?\s*((?:bm|BM)\d{8}|\d{10})(?![0-9])/g;
/**
 * Tags are read to their end (tagPattern; a logo's at most a thousand characters), and what sits
 * in them is tested apart: a pattern with a word between two open runs of attribute text
 * (`[^"']*\blogo\b[^"']*`) tries every way to split a long unclosed attribute (a `class="logo logo …`
 * of a megabyte: minutes).
 */
const SCRIPT_TAG = tagPattern('script');
const JIUCUO_ID = /\bid\s*=\s*["']?_jiucuo_["']?/i;
const JIUCUO_LINK = /(?:exposure\/jiucuo\.html|jiucuo\.js)[^"'\s>]*?[?&](?:amp;)?site_?code=((?:bm|BM)?\d{8,10})/g;
const CONAC_JS = /dcs\.conac\.cn\/js\/(\d{2})\/(\d{3})\/(\d{4})\/(\d{8})\/CA(\d{21})\.js/gi;
const CONAC_ID = /bszs\.conac\.cn\/sitename\?method=show&(?:amp;)?id=([0-9A-Fa-f]{32})/g;
const PROVINCES = '京津沪渝冀豫云滇辽黑湘皖鲁新苏浙赣鄂桂甘陇晋蒙陕吉闽贵黔粤青藏川蜀宁琼';
const ICP = new RegExp(`([${PROVINCES}])ICP(备|证)\\s?(\\d{6,10})号?(?:-\\d{1,3})?`, 'g');
const PSB = new RegExp(`([${PROVINCES}])公网安备\\s?(\\d{14})号?`, 'g');
const SPONSOR = /(?:主办单位|主办|版权所有|主\s*办|Copyright\s*(?:©|&copy;|\(c\))?|©)\s*[:：]?\s*(?:©|&copy;)?\s*(?:(?:19|20)\d{2}(?:\s*[-–—]\s*(?:19|20)\d{2})?\s*)?([\u4e00-\u9fa5（）()]{4,40}?)(?=\s|&nbsp;|<|[，,。|｜]|承办|协办|地址|联系|电话|网站|技术|版权|$)/gi;
const LOGO_IMG = tagPattern('img');
const LINK_TAG = tagPattern('link');
const LOGO_TEXT = /<(?:div|span|a|p|h[1-3])\b((?:[^<>"']|"[^"]*"|'[^']*'){0,1000})>\s*([^<]{2,40}?)\s*</gi;
const LOGO_CLASS = /\b(?:class|id)\s*=\s*["'][^"']*\blogo\b/i;

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(ATTR)) out[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  return out;
}

/** Entities in the few places marks sit; full decoding is not needed for digits and names. */
function plain(s: string): string {
  return s.replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d))).trim();
}

function unescapedScripts(html: string): string {
  // The CONAC badge is `document.write(unescape("%3Cscript src='…'%3E"))`: read what it writes.
  let extra = '';
  for (const m of html.matchAll(/unescape\(\s*(?:"([^"]{0,4000})"|'([^']{0,4000})')\s*\)/g)) {
    const v = m[1] ?? m[2] ?? '';
    try {
      extra += decodeURIComponent(v);
    } catch {
      extra += unescape(v);
    }
  }
  return extra;
}

/** A page's markup with the footer files it loads (Page.includes): where its identity marks are, as visitors see them. */
export function markupWithIncludes(page: Pick<Page, 'source' | 'includes'>): string {
  return page.includes?.length ? [page.source, ...page.includes].join('\n') : page.source;
}

/** Whether a page's own markup shows a footer's marks (a filing or a visible 网站标识码), not only the meta tag. */
export function showsFooterMarks(html: string): boolean {
  const m = registrationMarks(html);
  return m.icp.length > 0 || m.psb.length > 0 || m.siteCodes.some((c) => c.from !== 'meta');
}

let flatFor: string | undefined;
let flatText = '';

/**
 * The markup's text, tags out, entities read, spaces collapsed: where filing numbers are looked for.
 * A page's survey asks twice (registrationMarks, malformedFilings); the last page's is kept.
 */
function flatOf(html: string): string {
  if (html !== flatFor) {
    flatText = plain(html.replace(/<[^<>]+>/g, ' ')).replace(/\s+/g, ' ');
    flatFor = html;
  }
  return flatText;
}

/**
 * Whether the markup may hold a filing number: its text (tags out, entities read) can only show one
 * where the markup names ICP or 公网安, or writes characters as entities.
 */
function mayHoldFilings(html: string): boolean {
  return html.includes('ICP') || html.includes('公网安') || html.includes('&#');
}

/** The marks a site is registered by and the inspection counts (标识码, CONAC, ICP, 公安备案, SiteName, title), without the names a page signs with. */
export type RegistrationMarks = Omit<IdentityMarks, 'sponsors' | 'logos'>;

/**
 * The registration marks alone: what a run's identity survey reads from every page of the site.
 * Each mark is looked for only where its keyword is in the markup (most pages carry none but the
 * footer's filing), so a page costs a few substring searches, not a dozen passes of patterns.
 */
export function registrationMarks(html: string): RegistrationMarks {
  const marks: RegistrationMarks = { siteCodes: [], conac: [], icp: [], psb: [], title: plain(firstText(html, 'title') ?? '').replace(/\s+/g, ' ') };
  const code = (v: string, from: MarkSource) => {
    const value = /^bm/i.test(v) ? v.toLowerCase() : v;
    if (!marks.siteCodes.some((c) => c.value === value && c.from === from)) marks.siteCodes.push({ value, from });
  };
  for (const m of html.matchAll(META)) {
    const a = attrs(m[0]);
    const name = (a['name'] ?? '').toLowerCase();
    const content = plain(a['content'] ?? '');
    if (name === 'siteidcode' && content) code(content, 'meta');
    else if (name === 'sitename' && content) marks.siteName ??= content;
    else if (name === 'sitedomain' && content) marks.siteDomain ??= content;
  }
  if (html.includes('网站标识码')) for (const m of html.replace(/<[^<>]+>/g, ' ').matchAll(FOOTER_CODE)) code(m[1]!, 'footer');
  if (/_jiucuo_/i.test(html)) {
    for (const m of html.matchAll(SCRIPT_TAG)) {
      if (!JIUCUO_ID.test(m[0])) continue;
      const v = attrs(m[0])['sitecode'];
      if (v) code(v.trim(), 'jiucuo');
    }
  }
  if (html.includes('jiucuo')) for (const m of html.matchAll(JIUCUO_LINK)) code(m[1]!, 'jiucuo');
  const withWritten = html.includes('unescape(') ? html + unescapedScripts(html) : html;
  if (/conac/i.test(withWritten)) {
    for (const m of withWritten.matchAll(CONAC_JS)) {
      const script = `${m[1]}/${m[2]}/${m[3]}/${m[4]}/CA${m[5]}`;
      if (!marks.conac.some((c) => c.script === script)) marks.conac.push({ script });
    }
    for (const m of withWritten.matchAll(CONAC_ID)) {
      const id = m[1]!.toUpperCase();
      if (!marks.conac.some((c) => c.id === id)) marks.conac.push({ id });
    }
  }
  if (mayHoldFilings(html)) {
    const flat = flatOf(html);
    for (const m of flat.matchAll(ICP)) {
      const v = `${m[1]}ICP${m[2]}${m[3]}号`;
      if (!marks.icp.includes(v)) marks.icp.push(v);
    }
    for (const m of flat.matchAll(PSB)) {
      const v = `${m[1]}公网安备${m[2]}号`;
      if (!marks.psb.includes(v)) marks.psb.push(v);
    }
  }
  return marks;
}

/** The registration marks and the names a page signs with (主办单位, logos): what the counterfeit rules compare. */
export function identityMarks(html: string): IdentityMarks {
  const marks: IdentityMarks = { ...registrationMarks(html), sponsors: [], logos: [] };
  for (const m of flatOf(html).matchAll(SPONSOR)) {
    const v = m[1]!.trim();
    if (!marks.sponsors.includes(v)) marks.sponsors.push(v);
  }
  const logo = (v: string) => {
    const name = plain(v).replace(/\s+/g, '');
    if (name.length >= 2 && name.length <= 40 && !marks.logos.includes(name)) marks.logos.push(name);
  };
  for (const m of html.matchAll(LOGO_IMG)) {
    const a = attrs(m[0]);
    if (a['alt'] && /logo|banner|top_?bg|header/i.test(`${a['src'] ?? ''} ${a['class'] ?? ''} ${a['id'] ?? ''}`)) logo(a['alt']);
  }
  for (const m of html.matchAll(LOGO_TEXT)) if (LOGO_CLASS.test(m[1]!)) logo(m[2]!);
  return marks;
}

/** Normalise a configured ICP/公安 number the same way (`京ICP备05070218号-1` → `京ICP备05070218号`). */
export function normaliseFiling(v: string): string {
  return v.replace(/\s+/g, '').replace(/-\d{1,3}$/, '').replace(/(\d)$/, '$1号');
}

/** True when a 网站标识码 has the issued shape (10 digits, or `bm` + 8). Other values are "unknown", not evidence. */
export function isSiteCodeShape(v: string): boolean {
  return /^(?:\d{10}|bm\d{8})$/i.test(v);
}

/**
 * Whether a short text is a government body's name as a site signs with it (`襄阳市人民政府门户网站`,
 * `国家税务总局`, `中华人民共和国人力资源和社会保障部`), not a sentence that mentions one
 * (`深圳市人民政府发布补贴新政`, `专业处理与市场监督管理局的行政复议`).
 */
export function isGovName(text: string): boolean {
  const t = text.trim();
  if (t.length > 40) return false;
  const m = GOV_NAME_AT_END.exec(t);
  if (!m) return false;
  const before = t.slice(0, m.index);
  return before.length <= 24 && !/[，,。：:！!？?“”"「」《》\s]|关于|祝贺|中标|发布|举办|召开|印发|通知|会议|报道|新闻|专业|代理|咨询|服务中心/.test(before);
}

/** Government words in a name: a 人民政府, a 部/厅/局/委/办, a 政务服务 platform. */
export const GOV_NAME = /人民政府|政府网|人民代表大会|政协|委员会|(?:[省市县区州盟旗]|自治区|国务院).{0,12}?(?:厅|局|委|办公室|办)|(?:部|总局|署)(?:门户|官网|网站|$)|政务服务(?:网|平台)|国家政务服务平台|中国政府网/;

const GOV_NAME_AT_END = new RegExp(`(?:${GOV_NAME.source})(?:门户网站|官方网站|门户|网站|官网)?$`);

/** The 网页标签 of 国办发〔2017〕47号《网页设计规范》 in their official casing (reference indicators.md §2.1). */
export const META_TAGS = [
  'SiteName', 'SiteDomain', 'SiteIDCode', 'ColumnName', 'ColumnDescription', 'ColumnKeywords', 'ColumnType',
  'ArticleTitle', 'PubDate', 'ContentSource', 'Keywords', 'Author', 'Description', 'Image', 'Url',
] as const;
export type MetaTag = (typeof META_TAGS)[number];
const META_BY_LOWER = new Map<string, MetaTag>(META_TAGS.map((t) => [t.toLowerCase(), t]));

/** The first value of each 网页标签 in the page's head, matched in any attribute order and casing. */
export function metaTags(html: string): Partial<Record<MetaTag, string>> {
  const out: Partial<Record<MetaTag, string>> = {};
  const head = html.slice(0, 128 * 1024);
  for (const m of head.matchAll(META)) {
    const a = attrs(m[0]);
    const tag = META_BY_LOWER.get((a['name'] ?? '').toLowerCase());
    if (tag && out[tag] === undefined) out[tag] = plain(a['content'] ?? '');
  }
  return out;
}

/** The favicon the page names (`<link rel="icon">`, `shortcut icon`), as written. */
export function faviconHref(html: string): string | undefined {
  for (const m of html.slice(0, 128 * 1024).matchAll(LINK_TAG)) {
    const a = attrs(m[0]);
    if (/(?:^|\s)icon(?:\s|$)/i.test(a['rel'] ?? '') && a['href']) return plain(a['href']);
  }
  return undefined;
}

const FILING_LIKE = new RegExp(`[${PROVINCES}]\\s?(?:ICP|公网安)[^\\s，,。|｜<]{0,24}`, 'g');
const WELL_FORMED_FILING = new RegExp(`^[${PROVINCES}](?:ICP(?:备|证)\\d{6,10}号?(?:-\\d{1,3})?|公网安备\\d{14}号?)`);

/**
 * Filing numbers written wrong (`京ICP10036469号` without 备, `黑ICP010010-2`): the shape of a filing
 * without the form of one. The reference has seen them in the wild; they are a low finding, not a copy.
 */
export function malformedFilings(html: string): string[] {
  const out: string[] = [];
  if (!mayHoldFilings(html)) return out;
  for (const m of flatOf(html).matchAll(FILING_LIKE)) {
    const v = m[0].replace(/\s+/g, '');
    if (!WELL_FORMED_FILING.test(v) && /\d{4}/.test(v) && !out.includes(v)) out.push(v);
  }
  return out;
}

/** Province-level codes (GB/T 2260) of the 简称 a 公安 filing starts with: its 14 digits start with it. */
export const PSB_PROVINCE: Readonly<Record<string, string>> = {
  京: '11', 津: '12', 冀: '13', 晋: '14', 蒙: '15', 辽: '21', 吉: '22', 黑: '23', 沪: '31', 苏: '32', 浙: '33', 皖: '34', 闽: '35',
  赣: '36', 鲁: '37', 豫: '41', 鄂: '42', 湘: '43', 粤: '44', 桂: '45', 琼: '46', 渝: '50', 川: '51', 蜀: '51', 贵: '52', 黔: '52',
  云: '53', 滇: '53', 藏: '54', 陕: '61', 甘: '62', 陇: '62', 青: '63', 宁: '64', 新: '65',
};

/** Why a 网站标识码 is malformed, or undefined: 10 digits must start with a province-level region code. */
export function siteCodeProblem(v: string): string | undefined {
  if (!isSiteCodeShape(v)) return '不是 10 位数字或 bm 加 8 位数字';
  if (/^bm/i.test(v)) return undefined;
  if (!new Set(Object.values(PSB_PROVINCE)).has(v.slice(0, 2))) return `前 2 位 ${v.slice(0, 2)} 不是省级行政区划代码`;
  return undefined;
}
