/**
 * Checks on one target as one unit of work: a page's (on the run's own thread, or on a check
 * thread of a scan, pipelines/page-check-worker.ts), an attachment's, the site's. A throwing check
 * is an error outcome, never a lost target; a skipped one says why.
 */
import { severityRank, type Check, type Context, type Finding, type Outcome, type Page, type PageCheck, type PageDates, type Skipped, type Span } from '../checks/types';
import { pageFindings, sensitiveSpans } from './findings';
import { sourcesOf } from '../checks/dates/claims';
import { pageDatesOf } from '../checks/dates/page-dates';
import type { DateSource } from '../checks/dates/date-sources';
import { printsOf, type PagePrints } from '../checks/counterfeit/prints';
import { ownPageResources, type OwnPageResources } from './tamper-history';
import { ownCopy } from '../checks/text/own-copy';

/**
 * What the run keeps of a page besides its findings, read from its parsed text and DOM: its dates,
 * title, prints and resources. Derived where the page was parsed, so the run's thread need not
 * parse it again.
 */
export interface PageFacts {
  dateSources: DateSource[];
  /** When the run reads them (FactsWanted). */
  dates?: PageDates;
  title: string;
  /** For the counterfeit index, when the run keeps one. */
  prints?: PagePrints;
  /** What one of the site's own pages links and loads, for the tamper rules' history. */
  resources?: OwnPageResources;
}

/** What a run derives of each page besides its date sources and title. */
export interface FactsWanted {
  /**
   * Its dated facts (list dates, body hash, column): read by the site rules of the dates and health
   * families, the identity survey and the key-page history. A run with none of them (links only)
   * is spared a fifth of its page work.
   */
  dates: boolean;
  /** For one of the site's own pages: what to keep of it (none for other pages). */
  own?: OwnPageFacts;
}

/** What to derive of one of the site's own pages besides what every page gets. */
export interface OwnPageFacts {
  /** The run keeps the tamper rules' history. */
  resources: boolean;
  /** The page goes into the counterfeit index (new or changed). */
  prints: boolean;
}

function pageFacts(page: Page, { dates, own }: FactsWanted): PageFacts {
  return {
    // Copies: first-seen is added to them later, and other rules read the page's own lists.
    dateSources: [...sourcesOf(page)],
    ...(dates ? { dates: { ...pageDatesOf(page) } } : {}),
    title: ownCopy(page.claims.title ?? page.text.title),
    ...(own?.prints ? { prints: printsOf(page.text) } : {}),
    ...(own?.resources ? { resources: ownPageResources(page) } : {}),
  };
}

export interface CheckResult {
  findings: Finding[];
  skipped: Record<string, string>;
  outcomes: Record<Outcome['status'], number>;
  /** Rules that reached a verdict on the target. */
  judged: string[];
  errors: { check: string; message: string }[];
}

export interface PageCheckResult extends CheckResult {
  facts: PageFacts;
}

/**
 * Runs every check, then builds the findings: each finding's excerpt masks what every sensitive
 * check found in the same text (sensitiveSpans), not only its own match.
 */
export function runChecks<C extends Check>(checks: readonly C[], run: (check: C) => Span[] | Skipped, toFindings: (check: C, spans: Span[], sensitive: readonly Span[]) => Finding[]): CheckResult {
  const r: CheckResult = { findings: [], skipped: {}, outcomes: { finding: 0, pass: 0, skipped: 0, error: 0 }, judged: [], errors: [] };
  const found: { check: C; spans: Span[] }[] = [];
  for (const check of checks) {
    try {
      const spans = run(check);
      if (!Array.isArray(spans)) {
        r.outcomes.skipped++;
        r.skipped[check.meta.id] = spans.skipped;
        continue;
      }
      found.push({ check, spans });
    } catch (e) {
      r.outcomes.error++;
      r.errors.push({ check: check.meta.id, message: (e as Error).message });
    }
  }
  const sensitive = sensitiveSpans(found);
  for (const { check, spans } of found) {
    try {
      // Most checks pass most targets: build no evidence for them.
      const fs = spans.length ? toFindings(check, spans, sensitive) : [];
      r.outcomes[fs.length ? 'finding' : 'pass']++;
      r.judged.push(check.meta.id);
      for (const f of fs) r.findings.push(f);
    } catch (e) {
      r.outcomes.error++;
      r.errors.push({ check: check.meta.id, message: (e as Error).message });
    }
  }
  return r;
}

/**
 * Facts derived on the run's own thread, made its own: the run keeps them for every page (site
 * rules, the JSON), and a string sliced from the page would keep its whole source alive
 * (own-copy.ts). A check thread's arrive copied by the message that carries them.
 */
export function detachedFacts(facts: PageFacts): PageFacts {
  return { ...facts, ...structuredClone({ dateSources: facts.dateSources, ...(facts.dates ? { dates: facts.dates } : {}) }) };
}

export function runPageChecks(checks: readonly PageCheck[], page: Page, ctx: Context, wanted: FactsWanted): PageCheckResult {
  const r = runChecks(checks, (c) => c.run(page, ctx), (c, spans, sensitive) => pageFindings(c, spans, page, sensitive));
  let facts: PageFacts;
  try {
    facts = pageFacts(page, wanted);
  } catch (e) {
    // A page whose dates or prints cannot be read keeps its findings and is reported; the run goes on.
    r.errors.push({ check: 'page-facts', message: `its dates, title and prints could not be read: ${(e as Error).message}` });
    facts = { dateSources: [], title: page.claims.title ?? '' };
  }
  return { ...r, findings: oneFindingPerWordingError(r.findings), facts };
}

/**
 * Two wording rules can read one misspelt phrase each their own way (中央纪律检察委员会 is a wrong
 * 规范表述 and a wrong institution name): the reader gets one finding for it — the most severe, then
 * the one covering more of the text.
 */
export function oneFindingPerWordingError(findings: Finding[]): Finding[] {
  const spanned = findings.filter((f) => f.check === 'wording' && f.location.start !== undefined && f.location.end !== undefined);
  if (spanned.length < 2) return findings;
  const where = (f: Finding) => `${f.location.attachment ?? ''}|${f.location.part ?? ''}`;
  const better = (a: Finding, b: Finding) =>
    severityRank(a.severity) !== severityRank(b.severity) ? severityRank(a.severity) < severityRank(b.severity) : a.location.end! - a.location.start! > b.location.end! - b.location.start!;
  const dropped = new Set<Finding>();
  for (const a of spanned) {
    for (const b of spanned) {
      if (a === b || a.rule === b.rule || dropped.has(a) || dropped.has(b) || where(a) !== where(b)) continue;
      if (a.location.start! < b.location.end! && b.location.start! < a.location.end! && better(a, b)) dropped.add(b);
    }
  }
  return dropped.size ? findings.filter((f) => !dropped.has(f)) : findings;
}
