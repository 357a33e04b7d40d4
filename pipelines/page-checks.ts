/**
 * The page checks of one page, as one unit of work: run on the run's own thread, or on a check
 * thread of a scan (pipelines/page-check-worker.ts). A throwing check is an error outcome, never a
 * lost page; a skipped one says why.
 */
import type { Context, Finding, Outcome, Page, PageCheck, PageDates } from '../checks/types';
import { pageFindings } from './findings';
import { sourcesOf } from '../checks/dates/claims';
import { pageDatesOf } from '../checks/dates/page-dates';
import type { DateSource } from '../checks/dates/date-sources';
import { printsOf, type PagePrints } from '../checks/counterfeit/prints';
import { ownPageResources, type OwnPageResources } from './tamper-history';

/**
 * What the run keeps of a page besides its findings, read from its parsed text and DOM: its dates,
 * title, prints and resources. Derived where the page was parsed, so the run's thread need not
 * parse it again.
 */
export interface PageFacts {
  dateSources: DateSource[];
  dates: PageDates;
  title: string;
  /** For the counterfeit index, when the run keeps one. */
  prints?: PagePrints;
  resources: OwnPageResources;
}

export function pageFacts(page: Page, withPrints: boolean): PageFacts {
  return {
    // The dates rules have already extracted these for this page; copied, because first-seen is added later.
    dateSources: [...sourcesOf(page)],
    dates: pageDatesOf(page),
    title: page.claims.title ?? page.text.title,
    ...(withPrints && page.contentType === 'html' ? { prints: printsOf(page.text) } : {}),
    resources: ownPageResources(page),
  };
}

export interface PageCheckResult {
  findings: Finding[];
  skipped: Record<string, string>;
  outcomes: Record<Outcome['status'], number>;
  /** Rules that reached a verdict on the page. */
  judged: string[];
  errors: { check: string; message: string }[];
  facts: PageFacts;
}

export function runPageChecks(checks: readonly PageCheck[], page: Page, ctx: Context, withPrints: boolean): PageCheckResult {
  const r: Omit<PageCheckResult, 'facts'> = { findings: [], skipped: {}, outcomes: { finding: 0, pass: 0, skipped: 0, error: 0 }, judged: [], errors: [] };
  for (const check of checks) {
    try {
      const spans = check.run(page, ctx);
      if (!Array.isArray(spans)) {
        r.outcomes.skipped++;
        r.skipped[check.meta.id] = spans.skipped;
        continue;
      }
      const fs = pageFindings(check, spans, page);
      r.outcomes[fs.length ? 'finding' : 'pass']++;
      r.judged.push(check.meta.id);
      r.findings.push(...fs);
    } catch (e) {
      r.outcomes.error++;
      r.errors.push({ check: check.meta.id, message: (e as Error).message });
    }
  }
  return { ...r, facts: pageFacts(page, withPrints) };
}
