/**
 * What a run saw of a site's own identity: the 网页标签 of every page by page kind, and the identity
 * marks (网站标识码, CONAC, ICP, 公安, 找错) with where each value was read. Built one page at a
 * time and kept to counts and a few example URLs, so a 50,000-page crawl costs a few kilobytes;
 * health.meta-tags and health.identity judge it, and the store keeps its record per run as the
 * site's identity history.
 */
import type { Page, PageDates } from '../types';
import { META_TAGS, type MetaTag, type MarkSource, faviconHref, malformedFilings, markupWithIncludes, metaTags, registrationMarks } from '../counterfeit/marks';

export type PageKind = 'home' | 'column' | 'article';

/** Required 网页标签 per page kind (47号 网页设计规范 via a 集约化平台 template guide; indicators.md §2.1). */
export const REQUIRED_TAGS: Readonly<Record<PageKind, readonly MetaTag[]>> = {
  home: ['SiteName', 'SiteDomain', 'SiteIDCode'],
  column: ['SiteName', 'SiteDomain', 'SiteIDCode', 'ColumnName', 'ColumnDescription', 'ColumnKeywords', 'ColumnType'],
  article: ['SiteName', 'SiteDomain', 'SiteIDCode', 'ColumnName', 'ColumnDescription', 'ColumnKeywords', 'ColumnType', 'ArticleTitle', 'PubDate', 'ContentSource'],
};

const EXAMPLES = 3;

/** A count with the first few pages it was seen on. */
export interface Tally {
  count: number;
  examples: string[];
}

/** The identity of a site at one run, as the store keeps it (history) and lookalikes compare it. */
export interface IdentityRecord {
  siteCodes: string[];
  conac: string[];
  icp: string[];
  psb: string[];
  jiucuo: boolean;
  siteName?: string;
  siteDomain?: string;
  /** The repeated part of the page titles (`_邯郸市人民政府`). */
  titlePattern?: string;
  favicon?: string;
  certificateSubject?: string;
}

export interface IdentitySurvey {
  pages: number;
  byKind: Record<PageKind, number>;
  /** Pages that carry at least one 网页标签: a site with none uses no template tags at all. */
  tagged: number;
  /** `kind|tag` → pages of that kind without the tag. */
  missing: Record<string, Tally>;
  /** `tag|problem|value` → pages whose tag value is wrong that way. */
  malformed: Record<string, Tally>;
  /** SiteName / SiteDomain / SiteIDCode values across pages. */
  values: Partial<Record<'SiteName' | 'SiteDomain' | 'SiteIDCode', Record<string, Tally>>>;
  /** `source|value` of 网站标识码 seen outside the meta tag (footer, 找错 widget). */
  codes: Record<string, Tally>;
  conac: Record<string, Tally>;
  icp: Record<string, Tally>;
  psb: Record<string, Tally>;
  badFilings: Record<string, Tally>;
  jiucuo: number;
  /** The homepage's own marks, when it was read (the footer of a 政府网站 carries all of them). */
  home?: { url: string; siteCodes: { value: string; from: MarkSource }[]; conac: number; icp: string[]; psb: string[]; jiucuo: boolean };
  titleSuffixes: Record<string, number>;
  favicon?: string;
}

export function emptySurvey(): IdentitySurvey {
  return { pages: 0, byKind: { home: 0, column: 0, article: 0 }, tagged: 0, missing: {}, malformed: {}, values: {}, codes: {}, conac: {}, icp: {}, psb: {}, badFilings: {}, jiucuo: 0, titleSuffixes: {} };
}

function tally(map: Record<string, Tally>, key: string, url: string): void {
  const t = (map[key] ??= { count: 0, examples: [] });
  t.count++;
  if (t.examples.length < EXAMPLES && !t.examples.includes(url)) t.examples.push(url);
}

const INDEX_PATH = /\/(?:(?:index|default|list)(?:_\d+)?\.[a-z]+)?$/i;
const HOME_PATH = /^\/(?:(?:index|default|main)\.(?:s?html?|jsp|php|aspx?))?$/i;

/** Homepage, column (list) page or article, from the URL and the page's dated facts. */
export function pageKind(url: string, dates: PageDates, homeUrls: readonly string[], tags: Partial<Record<MetaTag, string>>): PageKind {
  let u: URL | undefined;
  try {
    u = new URL(url);
  } catch {
    u = undefined;
  }
  const isHome = homeUrls.some((h) => h === url) || (u !== undefined && HOME_PATH.test(u.pathname) && !u.search);
  if (isHome) return 'home';
  if (dates.isList || dates.emptyNotice) return 'column';
  // A column's own address: its folder or its index page (`/zwdt/`, `/tzgg/index.html`).
  if (u && INDEX_PATH.test(u.pathname)) return 'column';
  if (tags.ArticleTitle !== undefined || tags.PubDate !== undefined || dates.claimed !== undefined || dates.docId !== undefined) return 'article';
  return 'column';
}

/** `www.hd.gov.cn` names `hd.gov.cn` and a column host under it; a port is not part of a domain. */
function sameSite(domain: string, host: string): boolean {
  const d = domain.toLowerCase().replace(/:\d+$/, '').replace(/^www\./, '');
  const h = host.replace(/^www\./, '');
  return d === h || h.endsWith(`.${d}`) || d.endsWith(`.${h}`);
}

/** The spec's `yyyy-MM-dd HH:mm`; seconds after it are common and harmless to every reader of the tag. */
function isAddressHost(host: string): boolean {
  return host === 'localhost' || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || host.startsWith('[') || host.includes(':');
}

const PUBDATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?$/;

function tagProblems(tags: Partial<Record<MetaTag, string>>, host: string | undefined): { tag: MetaTag; problem: string; value: string }[] {
  const out: { tag: MetaTag; problem: string; value: string }[] = [];
  for (const tag of META_TAGS) {
    const v = tags[tag];
    if (v === undefined) continue;
    if (!v.trim()) out.push({ tag, problem: 'empty', value: '' });
  }
  const domain = tags.SiteDomain?.trim();
  if (domain) {
    if (/^[a-z]+:\/\//i.test(domain) || domain.includes('/')) out.push({ tag: 'SiteDomain', problem: 'scheme', value: domain });
    // A staging server or a test served by address cannot match any domain.
    else if (host && !isAddressHost(host) && !sameSite(domain, host)) out.push({ tag: 'SiteDomain', problem: 'host', value: domain });
  }
  const pub = tags.PubDate?.trim();
  if (pub && !PUBDATE.test(pub)) out.push({ tag: 'PubDate', problem: 'format', value: pub });
  return out;
}

const TITLE_SEPARATOR = /\s*(?:[_|｜]|--|——|-|—)\s*/;

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Add one HTML page of the run to the survey. */
export function surveyPage(survey: IdentitySurvey, page: Page, dates: PageDates, homeUrls: readonly string[]): void {
  // 网页标签 belong to the published page: a draft's body handed to `check` has no head to judge.
  if (page.contentType !== 'html' || !/<head[\s>]/i.test(page.source.slice(0, 64 * 1024))) return;
  const url = page.finalUrl || page.url;
  const tags = metaTags(page.source);
  const kind = pageKind(page.url, dates, homeUrls, tags);
  survey.pages++;
  survey.byKind[kind]++;
  if (Object.keys(tags).length) survey.tagged++;
  for (const tag of REQUIRED_TAGS[kind]) if (!tags[tag]?.trim()) tally(survey.missing, `${kind}|${tag}`, url);
  for (const p of tagProblems(tags, hostOf(url))) tally(survey.malformed, `${p.tag}|${p.problem}|${p.value}`, url);
  for (const tag of ['SiteName', 'SiteDomain', 'SiteIDCode'] as const) {
    const v = tags[tag]?.trim();
    if (v) tally((survey.values[tag] ??= {}), tag === 'SiteIDCode' ? v.toLowerCase() : v, url);
  }
  // A footer the template loads by script or frame is part of what visitors see.
  const markup = markupWithIncludes(page);
  const marks = registrationMarks(markup);
  for (const c of marks.siteCodes) if (c.from !== 'meta') tally(survey.codes, `${c.from}|${c.value}`, url);
  for (const c of marks.conac) tally(survey.conac, c.id ?? c.script ?? '', url);
  for (const v of marks.icp) tally(survey.icp, v, url);
  for (const v of marks.psb) tally(survey.psb, v, url);
  for (const v of malformedFilings(markup)) tally(survey.badFilings, v, url);
  const jiucuo = marks.siteCodes.some((c) => c.from === 'jiucuo') || /jiucuo\.(?:js|html)/i.test(markup);
  if (jiucuo) survey.jiucuo++;
  if (kind === 'home' && !survey.home) {
    survey.home = { url, siteCodes: marks.siteCodes, conac: marks.conac.length, icp: marks.icp, psb: marks.psb, jiucuo };
    survey.favicon = faviconHref(page.source) ?? survey.favicon;
  }
  survey.favicon ??= faviconHref(page.source);
  const parts = marks.title.split(TITLE_SEPARATOR);
  if (parts.length > 1) {
    const suffix = parts[parts.length - 1]!.trim();
    if (suffix) survey.titleSuffixes[suffix] = (survey.titleSuffixes[suffix] ?? 0) + 1;
  }
}

function keysByCount(map: Record<string, Tally>): string[] {
  return Object.entries(map).sort((a, b) => b[1].count - a[1].count).map(([k]) => k);
}

/** The site's identity as one record: the values most pages carry. */
export function identityRecord(survey: IdentitySurvey, certificateSubject?: string): IdentityRecord {
  const codes = new Set<string>([...keysByCount(survey.values.SiteIDCode ?? {}), ...keysByCount(survey.codes).map((k) => k.slice(k.indexOf('|') + 1))]);
  const suffix = Object.entries(survey.titleSuffixes).sort((a, b) => b[1] - a[1])[0];
  const siteName = keysByCount(survey.values.SiteName ?? {})[0];
  const siteDomain = keysByCount(survey.values.SiteDomain ?? {})[0];
  return {
    siteCodes: [...codes].sort(),
    conac: keysByCount(survey.conac).sort(),
    icp: keysByCount(survey.icp).sort(),
    psb: keysByCount(survey.psb).sort(),
    jiucuo: survey.jiucuo > 0,
    ...(siteName ? { siteName } : {}),
    ...(siteDomain ? { siteDomain } : {}),
    ...(suffix && suffix[1] * 2 >= survey.pages && survey.pages > 1 ? { titlePattern: suffix[0] } : {}),
    ...(survey.favicon ? { favicon: survey.favicon } : {}),
    ...(certificateSubject ? { certificateSubject } : {}),
  };
}
