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

export function createPage(init: PageInit): Page {
  const source = repairSurrogates(init.source);
  const body = init.body ?? Buffer.from(source, 'utf8');
  let text: VisibleText | undefined;
  let dom: Document | undefined;
  return {
    siteId: init.siteId,
    url: init.url,
    finalUrl: init.finalUrl ?? init.url,
    redirects: init.redirects ?? [],
    status: init.status ?? 200,
    headers: init.headers ?? {},
    fetchedAt: init.fetchedAt,
    body,
    sha256: sha256Hex(body),
    contentType: init.contentType,
    charset: init.charset ?? { encoding: 'utf-8', decidedBy: 'input', notes: [] },
    source,
    origin: init.origin,
    claims: init.claims ?? {},
    depth: init.depth,
    ...(init.sitemapLastmod ? { sitemapLastmod: init.sitemapLastmod } : {}),
    ...(init.includes?.length ? { includes: init.includes } : {}),
    ...(init.rendered ? { rendered: init.rendered } : {}),
    get dom(): Document {
      dom ??= parsePage(init.contentType === 'html' ? source : '');
      return dom;
    },
    get text(): VisibleText {
      text ??= init.contentType === 'html' ? extractVisibleText(source, this.dom) : plainVisibleText(source, init.hiddenRanges);
      return text;
    },
  };
}
