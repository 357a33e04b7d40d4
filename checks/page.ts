/**
 * Builds a Page from what a source captured. Text is derived on first use and kept, so a page
 * that no text check reads is never parsed.
 */
import { createHash } from 'node:crypto';
import type { RenderedPage } from './tamper/rendered';
import type { CharsetInfo, Page, PageClaims, RedirectHop, SourceKind } from './types';
import type { Document } from 'domhandler';
import { extractVisibleText, parsePage, plainVisibleText, type VisibleText } from './text/visible-text';
import { repairSurrogates } from './text/normalize';

export interface PageInit {
  siteId: string;
  url: string;
  finalUrl?: string;
  redirects?: RedirectHop[];
  status?: number;
  headers?: Record<string, string>;
  fetchedAt: string;
  body?: Buffer;
  /**
   * The body's hash, when the page was made from it on another thread: a check thread is sent the
   * text and this, not the bytes to copy and hash again.
   */
  sha256?: string;
  contentType: 'html' | 'text';
  charset?: CharsetInfo;
  source: string;
  origin: SourceKind;
  claims?: PageClaims;
  depth?: number;
  sitemapLastmod?: string;
  /** Markup of the files a crawled homepage loads its footer from (footer.js, bottom.html): read for identity marks. */
  includes?: readonly string[];
  /** A key page as Chromium rendered it during the scan. */
  rendered?: RenderedPage;
  /** For text content: ranges the original reader does not see (hidden cells, deleted text). */
  hiddenRanges?: { start: number; end: number }[];
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * A class, not an object literal with getters: V8 gives each literal with its own getter closures
 * a hidden class of its own, held in the old generation, and through those closures it kept every
 * page's DOM and text alive past the young-generation collections — promoted, several megabytes a
 * collection, until a full one (a check thread spent a quarter of its time collecting; a throwaway
 * script: 3,000 pages parsed through such a literal promoted 3.5–9.6 MB a collection, through a
 * class 6 KB). Getters on the prototype close over nothing.
 */
class CapturedPage implements Page {
  readonly siteId: string;
  readonly url: string;
  readonly finalUrl: string;
  readonly redirects: RedirectHop[];
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly fetchedAt: string;
  readonly sha256: string;
  readonly contentType: 'html' | 'text';
  readonly charset: CharsetInfo;
  readonly source: string;
  readonly origin: SourceKind;
  readonly claims: PageClaims;
  readonly depth: number | undefined;
  sitemapLastmod?: string;
  includes?: readonly string[];
  rendered?: RenderedPage;
  #body: Buffer | undefined;
  #dom: Document | undefined;
  #text: VisibleText | undefined;
  readonly #hiddenRanges: { start: number; end: number }[] | undefined;

  constructor(init: PageInit) {
    const source = repairSurrogates(init.source);
    this.siteId = init.siteId;
    this.url = init.url;
    this.finalUrl = init.finalUrl ?? init.url;
    this.redirects = init.redirects ?? [];
    this.status = init.status ?? 200;
    this.headers = init.headers ?? {};
    this.fetchedAt = init.fetchedAt;
    this.#body = init.body;
    this.sha256 = init.sha256 ?? sha256Hex(init.body ?? source);
    this.contentType = init.contentType;
    this.charset = init.charset ?? { encoding: 'utf-8', decidedBy: 'input', notes: [] };
    this.source = source;
    this.origin = init.origin;
    this.claims = init.claims ?? {};
    this.depth = init.depth;
    if (init.sitemapLastmod) this.sitemapLastmod = init.sitemapLastmod;
    if (init.includes?.length) this.includes = init.includes;
    if (init.rendered) this.rendered = init.rendered;
    this.#hiddenRanges = init.hiddenRanges;
  }

  get body(): Buffer {
    this.#body ??= Buffer.from(this.source, 'utf8');
    return this.#body;
  }

  get dom(): Document {
    this.#dom ??= parsePage(this.contentType === 'html' ? this.source : '');
    return this.#dom;
  }

  get text(): VisibleText {
    this.#text ??= this.contentType === 'html' ? extractVisibleText(this.source, this.dom) : plainVisibleText(this.source, this.#hiddenRanges);
    return this.#text;
  }
}

export function createPage(init: PageInit): Page {
  return new CapturedPage(init);
}
