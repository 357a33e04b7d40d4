/**
 * What the dates rules share: the page's claimed publication date from a source strong enough to
 * accuse (never the text fallback), and the side-by-side evidence every dates finding carries.
 */
import type { Page } from '../types';
import { dateSources, type DateSource } from './date-sources';
import { derivedOnce } from '../derived-once';

const STRONG = ['export', 'meta:', 'json-ld', 'byline', 'url'];

export interface Claim {
  value: string;
  source: string;
}

const DATE_SOURCES = Symbol('date sources');

/** Date sources of a page, computed once however many dates rules run. */
export function sourcesOf(page: Page): DateSource[] {
  return derivedOnce(page, DATE_SOURCES, () => dateSources(page));
}

export function strongClaim(sources: DateSource[]): Claim | undefined {
  for (const kind of STRONG) {
    const s = sources.find((d) => (kind.endsWith(':') ? d.source.startsWith(kind) : d.source === kind));
    if (s) return { value: s.value, source: s.source };
  }
  return undefined;
}

/** A page's date sources and its strong claim, or undefined when it claims no date. */
export function claimOf(page: Page): { sources: DateSource[]; claim: Claim } | undefined {
  const sources = sourcesOf(page);
  const claim = strongClaim(sources);
  return claim ? { sources, claim } : undefined;
}

/** `meta:PubDate 2023-08-21 · byline 2023-08-22 · url 2023-08-20`: every date source, for the reviewer. */
export function evidence(sources: DateSource[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const s of sources) {
    const item = `${s.source} ${s.value.slice(0, 16).replace('T', ' ')}`;
    if (seen.has(item)) continue;
    seen.add(item);
    parts.push(item);
    if (parts.length === 8) break;
  }
  return `日期来源：${parts.join(' · ')}`;
}
