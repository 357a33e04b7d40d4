/**
 * The domain vocabulary every layer shares. Checks see only these types: they never learn where a
 * page came from (crawl, export, git) nor where a finding goes (tracker, chat, report).
 */
import type { RenderedPage } from './tamper/rendered';
import type { Document } from 'domhandler';
import type { VisibleText } from './text/visible-text';
import type { WordFrequencies } from './text/word-freq';
import type { CompiledWordlist } from './text/wordlist';
import type { TransportCapture } from './headers/capture';
import type { TlsFacts } from './tls/facts';
import type { IdentityRecord, IdentitySurvey } from './health/identity-survey';
import type { KeyPageSnapshot } from './tamper/snapshot';
import type { ProfileCapture } from './tamper/profiles';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const DUTIES = ['secrecy', 'privacy', 'content', 'security', 'operations'] as const;
export type Duty = (typeof DUTIES)[number];

export const FAMILIES = [
  'wording', 'dates', 'privacy', 'secrecy', 'links', 'health', 'headers', 'tls', 'counterfeit', 'tamper', 'newmedia',
] as const;
export type Family = (typeof FAMILIES)[number];

export type SourceKind = 'crawl' | 'export' | 'git' | 'dir' | 'stdin' | 'file' | 'feed';

/** `critical` sorts first. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export interface RedirectHop {
  url: string;
  status: number;
  location: string;
}

/** How the bytes of a page were turned into text, and what disagreed on the way. */
export interface CharsetInfo {
  /** The label actually used to decode (`utf-8`, `gb18030`, `big5`, ...). */
  encoding: string;
  /** Charset from the Content-Type header, if any. */
  declaredHeader?: string;
  /** Charset from a BOM, `<meta>` or `<?xml?>` declaration in the first 4 KiB, if any. */
  declaredDocument?: string;
  /** How the decision was reached: `bom`, `header`, `document`, `utf8-valid`, `detected`, `default`. */
  decidedBy: string;
  /** Human-readable disagreements (header vs document vs bytes): what a visitor would see as 乱码. */
  notes: string[];
}

/** What a CMS export (or the person calling `xunjian check`) claims about a page. */
export interface PageClaims {
  id?: string;
  title?: string;
  column?: string;
  author?: string;
  publishedAt?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface Page {
  siteId: string;
  url: string;
  finalUrl: string;
  redirects: RedirectHop[];
  /** HTTP status, or 200 for content that did not come over HTTP. */
  status: number;
  /** Response headers, names lower-cased. */
  headers: Record<string, string>;
  /** ISO 8601 time of capture. */
  fetchedAt: string;
  /** The body as received (after content-decoding), for hashing and evidence. */
  body: Buffer;
  /** hex SHA-256 of `body`. */
  sha256: string;
  contentType: 'html' | 'text';
  charset: CharsetInfo;
  /** The decoded document: HTML for `html`, the plain text for `text`. */
  source: string;
  origin: SourceKind;
  claims: PageClaims;
  /** Visible text with its offset map back to the DOM; derived once, on first use. */
  readonly text: VisibleText;
  /** The parsed document (empty for text content), shared by every check; parsed once, on first use. */
  readonly dom: Document;
  /** Crawl depth from the seed, when crawled. */
  depth?: number;
  /** `<lastmod>` of the sitemap entry the crawler found the page through. */
  sitemapLastmod?: string;
  /** Markup of the files a crawled homepage loads its footer from (footer.js, bottom.html): read for identity marks. */
  includes?: readonly string[];
  /** A key page as Chromium rendered it during the scan (tamper rules read it beside the served HTML). */
  rendered?: RenderedPage;
}

/** A spreadsheet cell inside a sheet part's text, so a span can be named `Sheet2!C7`. */
export interface CellSpan {
  start: number;
  end: number;
  ref: string;
  hidden: boolean;
}

/** One located piece of an attachment: a sheet, a page, a comment, a metadata field. */
export interface DocumentPart {
  /** Where it is: `Sheet2`, `page 4`, `comment 3`, `core:creator`. */
  part: string;
  text: string;
  /** True where a reader of the document would not see it (hidden sheet, deleted text, metadata). */
  hidden: boolean;
  /** For sheets: the cells, in text order (rows joined by newlines, cells by tabs). */
  cells?: CellSpan[];
}

export type DocumentKind = 'pdf' | 'doc' | 'docx' | 'xls' | 'xlsx' | 'wps' | 'zip' | 'image' | 'other';

export interface DocumentFile {
  siteId: string;
  url: string;
  /** The page that links to it, when known. */
  linkedFrom?: string;
  kind: DocumentKind;
  fetchedAt: string;
  status: number;
  headers: Record<string, string>;
  bytes: Buffer;
  sha256: string;
  /** Extracted parts; empty until an extractor for `kind` exists. */
  parts: DocumentPart[];
}

/** A link as seen by the crawler: which page points where, and what fetching the target gave. */
export interface LinkObservation {
  from: string;
  to: string;
  /** HTTP status of the target, or undefined when the fetch failed before a status. */
  status?: number;
  /** Failure reason when no usable response came back (`timeout`, `ENOTFOUND`, `redirect-loop`, ...). */
  error?: string;
  /** The anchor text or element the link came from, for the reviewer. */
  anchor?: string;
  /** The target is outside the crawl's scope (checked once per run, not crawled). */
  external?: boolean;
  /** How many crawled pages carry this link (the observations name at most 20 of them). */
  carriers?: number;
  /** It answered 200 but is the host's error page, or a missing page's redirect to the homepage. */
  soft404?: boolean;
  /** What an outbound link now serves instead: `parked`, `prohibited: …`, `unresolvable`. */
  hijack?: string;
  /** The page opens but has no element of this name (`to` ends in `#name`). */
  missingAnchor?: string;
  /** An outbound target answered an error status with a firewall's bot challenge (the product's name). */
  challenge?: string;
}

/** What one read of a government account's feed showed. */
export interface AccountFacts {
  id: string;
  /** wechat, weibo, douyin, bilibili, toutiao, … */
  platform: string;
  name: string;
  /** No post for longer than this fails 19号 (单项否决); 14 unless the jurisdiction sets its own. */
  staleDays: number;
  /** The latest post not dated in the future; absent when no post carries a readable date. */
  lastPostAt?: string;
  /** Posts in the feed, those with no readable date, and those checked this run (new or changed). */
  posts: number;
  undated: number;
  checked: number;
  /** The feed URL or file it was read from. */
  feed: string;
  /** The account's menu links as fetched this run; absent when no menu is configured. */
  menu?: MenuCheck[];
}

export interface MenuCheck {
  name: string;
  url: string;
  status?: number;
  /** No usable answer (`timeout`, `connection-refused`, `dns` …), or `robots` when not fetched. */
  error?: string;
  /** Answered 200 with a page that says it is missing. */
  soft404?: boolean;
}

/** Who a site is, as its operator configures it. */
export interface SiteIdentity {
  id: string;
  name: string;
  urls: string[];
  /** 网站标识码 */
  siteCode?: string;
  /** ICP备案号 */
  icp?: string;
  /** 公安机关备案号 */
  psb?: string;
  /** Overrides of the 19号 freshness thresholds for this site's jurisdiction. */
  freshness?: Partial<FreshnessThresholds>;
}

/** The dated facts of one page, for rules that compare pages and crawls. */
export interface PageDates {
  url: string;
  title: string;
  /** The claimed publication date from a strong source (export, meta, JSON-LD, byline, URL). */
  claimed?: string;
  /** When the store first saw the URL (this run's time for a new page). */
  firstSeen?: string;
  /** TRS document id from the URL. */
  docId?: number;
  /** Which column the page is in, from its URL (host + folder, Hanweb column id). */
  column: string;
  /** `<meta name="ColumnName">` */
  columnName?: string;
  /** Fingerprint of the body without dates and whitespace; absent for short and list pages. */
  bodyHash?: string;
  /** Every date in the visible text, in order (the items of a list page). */
  listDates: string[];
  /** On a list page, the items that pair one link with one date (an <li>, a table row): what the list says each article's date is. */
  listItems?: { url: string; date: string }[];
  /** On an article, the calendar days of every date source it shows (发布日期, 成文日期, meta, URL): a list may print any of them. */
  sourceDays?: string[];
  isList: boolean;
  /** The page says it has no content (暂无信息) and lists no dated item. */
  emptyNotice: boolean;
  depth?: number;
}

/** What the store knew before this run: the previous complete scan and the pages dated then. */
export interface SiteHistory {
  previousRunAt: string;
  pages: { url: string; firstSeen: string; claimed?: string; bodyHash?: string }[];
}

/** 19号 freshness thresholds (days and column counts); a jurisdiction may set its own. */
export interface FreshnessThresholds {
  homepageDays: number;
  dynamicDays: number;
  noticeDays: number;
  longStaleDays: number;
  staleColumns: number;
  longStaleColumns: number;
  emptyColumns: number;
}

export const DEFAULT_FRESHNESS: FreshnessThresholds = {
  homepageDays: 14,
  dynamicDays: 14,
  noticeDays: 183,
  longStaleDays: 365,
  staleColumns: 5,
  longStaleColumns: 10,
  emptyColumns: 5,
};

/** IPv6 for the homepage host: the AAAA answer and whether the homepage really answers over it. */
export interface Ipv6Facts {
  addresses: string[];
  /** HTTP status of the homepage fetched over IPv6, when it answered. */
  status?: number;
  error?: string;
  /** Internal links sampled and fetched over IPv6: URL -> status or error. */
  links: { url: string; status?: number; error?: string }[];
}

/** One availability probe of the homepage (19号: a visit fails when the site has not opened in 15 s). */
export interface ProbeRecord {
  at: string;
  ok: boolean;
  /** `ok`, `dns`, `connect`, `tls`, `timeout`, `reset`, `http-5xx`, `http-4xx`, `blocked`. */
  outcome: string;
  status?: number;
  ms?: number;
}

/** What `xunjian probe` captured of the site's transport. */
export interface TransportFacts {
  capture: TransportCapture;
  tls?: TlsFacts;
  ipv6?: Ipv6Facts;
}

/** The configured site plus what site-level retrieval observed about it. */
export interface Site extends SiteIdentity {
  /** Links whose target did not open (4xx/5xx or a network failure), from a crawl. */
  links: LinkObservation[];
  /** Dated facts of every page of this run (not attachments). */
  pages: PageDates[];
  /** Attachments of this run with the page that links them and the creation time in their metadata. */
  documents: { url: string; linkedFrom?: string; created?: string }[];
  history?: SiteHistory;
  /** When this run started: pages first seen from then on are new in it. */
  runStartedAt: string;
  /** Whether the run saw the whole site (a partial crawl must not judge freshness). */
  complete: boolean;
  freshness: FreshnessThresholds;
  /** Present when the run probed the site's transport. */
  transport?: TransportFacts;
  /** Availability probes of the last 7 days from the store, this run's included. */
  probes?: ProbeRecord[];
  /** The 网页标签 and identity marks of this run's pages. */
  identity?: IdentitySurvey;
  /** The identity the store recorded at the site's previous run, to see marks change. */
  identityBefore?: { observedAt: string; record: IdentityRecord };
  /**
   * Links that failed in the site's last earlier run that checked links, with how many such runs in
   * a row they had failed by then; undefined when no earlier run checked links.
   */
  linkFailuresBefore?: ReadonlyMap<string, number>;
  /** A government new-media account whose feed this run read (政务新媒体). */
  account?: AccountFacts;
  /**
   * Key pages of this run with the store's earlier snapshots of them (oldest first, reported ones
   * left out) and how many runs in a row just before this one reported a change on them.
   */
  keyPages?: { current: KeyPageSnapshot; history: KeyPageSnapshot[]; unconfirmed: number }[];
  /** Key pages fetched as a desktop browser, a phone, Baiduspider and a visitor from a search engine. */
  profiles?: ProfileCapture[];
}

export interface Clock {
  now(): Date;
}

export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** A configured site as the counterfeit rules know it: its identity and every host it may use. */
export interface InventorySite extends SiteIdentity {
  /** ASCII, lower-case: the urls' hosts, crawl hosts and configured mirrors. */
  hosts: string[];
  /** The marks the store saw on the site's own pages at its latest run (compared besides the configured ones). */
  observed?: IdentityRecord;
}

/** The official identities a page is compared against (from the config). */
export interface Inventory {
  sites: InventorySite[];
  /** Further hosts allowed a government identity (config `counterfeit.officialHosts`). */
  officialHosts: string[];
}

/** A stored page of a configured site, as the copy rule compares a suspect page with it. */
export interface OriginalPage {
  siteId: string;
  url: string;
  title: string;
  simhash: string;
  shape: Uint32Array;
  /** Its sentence hashes (checks/counterfeit/prints.ts). */
  sentences: number[];
}

/** A stored page that shares sentences with a suspect page: how many, and how many of those are template lines. */
export interface OriginalMatch {
  page: OriginalPage;
  shared: number;
  /** Shared sentences the site carries on many pages (navigation, footer): template, not content. */
  template: number;
  templateHashes: number[];
}

/** Read access to the prints of configured sites' pages (the store keeps them from every crawl and ingest). */
export interface OriginalsIndex {
  /** Stored pages sharing any of these sentence hashes, most shared first. */
  sharing(hashes: readonly number[], limit: number): OriginalMatch[];
}

/**
 * The registrable domains a site's earlier complete runs linked and the origins they loaded scripts
 * and frames from: each set only when such a run had the rule
 * that judges it (tamper.hidden-link for link domains, tamper.injected-script for script origins),
 * since a run without it would have taken an injected domain for the site's own.
 */
export interface KnownResources {
  linkDomains?: ReadonlySet<string>;
  scriptOrigins?: ReadonlySet<string>;
}

/** What a check may read besides its target. Checks do no I/O of their own. */
export interface Context {
  clock: Clock;
  log: Logger;
  /** The configured sites' identities, for the counterfeit and identity rules. */
  inventory?: Inventory;
  /** Stored prints of the configured sites' pages, to find copies of them elsewhere. */
  originals?: OriginalsIndex;
  /** Hosts the site's pages may load and link besides its own and gov.cn (config `tamper.trustedHosts`). */
  trustedHosts?: readonly string[];
  /** What the site's earlier complete runs linked and loaded; absent before its first complete run. */
  known?: KnownResources;
  /** First time the store saw this URL, if it has history (ISO 8601). */
  firstSeen(url: string): string | undefined;
  /** The user's own wordlists and allowlist from the config, added to the built-in ones. */
  wordlists?: UserWordlists;
  /** Word frequencies for the typo tier, loaded on first call (a dictionary file the pipeline reads). */
  frequencies?: () => WordFrequencies;
}

/** Wordlists a user adds in the config: each list names the rule that reports it. */
export interface UserWordlists {
  lists: CompiledWordlist[];
  /** Phrases in which no wording hit is reported (一次性交纳). */
  allow: string[];
}

/**
 * What a check reports: a span of the target's visible text (start/end), or a non-text target
 * (a link, a header) named by `target`. The engine turns spans into located, masked, fingerprinted
 * findings; a check never builds a Finding itself.
 */
export interface Span {
  start?: number;
  end?: number;
  /** For spans over an attachment: which part (`Sheet1!B2`); start/end are then offsets into that part. */
  part?: string;
  /** The thing found when it is not a text span (a link URL, a header value). */
  target?: string;
  /** Overrides the check's default severity (count, combination and hidden-ness raise it). */
  severity?: Severity;
  /** Replaces the title's detail: what exactly is wrong here. */
  message?: string;
  suggestion?: string;
  /** Extra stable identity within the target (e.g. the link's destination). */
  discriminator?: string;
  /** 0..1; a keyword near the match raises it, a lone number lowers it. */
  confidence?: number;
  /** Extra URL (the source page of a broken link). */
  url?: string;
}

export interface Skipped {
  skipped: string;
}

export interface CheckMeta {
  /** Stable rule id, `family.name`; equal to the module's path under checks/. */
  id: string;
  family: Family;
  /** One line, Chinese first. */
  title: string;
  severity: Severity;
  duty: Duty;
  /** The official text or standard enforced, with document numbers. */
  basis: string;
  /** What it detects and when to switch it off. */
  description: string;
  /** How to fix what it finds. */
  fix: string;
  /** Bumped when the rule's meaning changes; part of the fingerprint. */
  version: number;
  /** Matches are personal data or secrets: mask them everywhere but the restricted evidence store. */
  sensitive: boolean;
}

export interface PageCheck {
  kind: 'page';
  meta: CheckMeta;
  run(page: Page, ctx: Context): Span[] | Skipped;
}

export interface DocumentCheck {
  kind: 'document';
  meta: CheckMeta;
  run(doc: DocumentFile, ctx: Context): Span[] | Skipped;
}

export interface SiteCheck {
  kind: 'site';
  meta: CheckMeta;
  run(site: Site, ctx: Context): Span[] | Skipped;
}

export type Check = PageCheck | DocumentCheck | SiteCheck;

export interface FindingLocation {
  start?: number;
  end?: number;
  selector?: string;
  attachment?: string;
  part?: string;
  hidden?: boolean;
}

export interface Evidence {
  fetchedAt?: string;
  status?: number;
  headers?: Record<string, string>;
  sha256?: string;
  snapshot?: string;
}

/** A located, masked, fingerprinted problem. The JSON shape is the outside contract (CONTRACT.md). */
export interface Finding {
  id: string;
  check: Family;
  rule: string;
  severity: Severity;
  duty: Duty;
  title: string;
  site: string;
  url: string;
  location: FindingLocation;
  match: string;
  excerpt: string;
  suggestion?: string;
  basis: string;
  confidence?: number;
  evidence: Evidence;
  /** The emergency drill whose payload caused it: filed as a drill issue, kept out of real statistics. */
  drill?: string;
}

/** Every target ends in one of these, so a partial scan is known to be partial. */
export type Outcome =
  | { status: 'finding'; count: number }
  | { status: 'pass' }
  | { status: 'skipped'; reason: string }
  | { status: 'error'; code: string; message: string };
