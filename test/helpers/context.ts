/** A fixed clock and a silent logger, so checks are deterministic under test. */
import type { Context, PageDates, Site } from '../../checks/types';
import { DEFAULT_FRESHNESS } from '../../checks/types';
import { silentLogger } from '../../pipelines/log';
import { wordFrequencies } from '../../pipelines/word-frequencies';

export const FIXED_NOW = new Date('2026-11-28T08:00:00+08:00');

export function testContext(now: Date = FIXED_NOW, firstSeen: Record<string, string> = {}): Context {
  return { clock: { now: () => now }, log: silentLogger, firstSeen: (u) => firstSeen[u], frequencies: wordFrequencies };
}

/** A site as runPipeline hands it to site checks, with nothing observed unless given. */
export function testSite(over: Partial<Site> = {}): Site {
  return {
    id: 's',
    name: 'S',
    urls: ['https://www.example.gov.cn/'],
    links: [],
    pages: [],
    documents: [],
    runStartedAt: FIXED_NOW.toISOString(),
    complete: true,
    freshness: { ...DEFAULT_FRESHNESS },
    ...over,
  };
}

/** A page's dated facts for site-rule tests; only what a case sets differs from a plain article. */
export function testPageDates(over: Partial<PageDates> & { url: string }): PageDates {
  return { title: '文章', column: new URL(over.url).host + '/zwgk/gzdt/', listDates: [], isList: false, emptyNotice: false, ...over };
}
