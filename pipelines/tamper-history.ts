/**
 * The run's side of the tamper rules' history: before the run, what the site linked and loaded in
 * earlier runs (Context.known); during it, the resources of its own pages (a page with a tamper
 * finding adds nothing, so an injected domain never becomes "known") and snapshots of its key
 * pages; after the site checks, both are stored, a snapshot marked when tamper.defaced reported it.
 */
import type { Finding, KnownResources, Page, PageDates, Site } from '../checks/types';
import { pageKind } from '../checks/health/identity-survey';
import { metaTags } from '../checks/counterfeit/marks';
import { pageResources } from '../checks/tamper/resources';
import { snapshotOf, type KeyPageSnapshot } from '../checks/tamper/snapshot';
import { registrable, asciiHost, isGovSuffix } from '../checks/counterfeit/hosts';
import type { Store } from './store/store';
import { keyPageHistory, knownResources, recordResources, recordSnapshot } from './store/tamper';

/** Key pages snapshotted per run: the homepage, configured ones, first-level column pages. */
const MAX_KEY_PAGES = 20;

export interface TamperHistoryOptions {
  /** Configured key pages: absolute URLs or paths on the site (`/zwgk/`). */
  keyPages?: readonly string[];
  /**
   * What this run may add to the history: only what a rule of the run judged (link domains by
   * tamper.hidden-link, script origins by tamper.injected-script, key-page snapshots by
   * tamper.defaced). A run without the rule cannot keep a tampered page's domains or content out
   * of the baseline, and would make them the site's own for every later run.
   */
  records: { linkDomains: boolean; scriptOrigins: boolean; snapshots: boolean };
}

/** The rule that judges each part of the history, by what it records. */
const RECORDED_BY = { linkDomains: 'tamper.hidden-link', scriptOrigins: 'tamper.injected-script', snapshots: 'tamper.defaced' } as const;

/** What a run with these rules records. */
export function recordsOf(ruleIds: Iterable<string>): TamperHistoryOptions['records'] {
  const ids = new Set(ruleIds);
  return { linkDomains: ids.has(RECORDED_BY.linkDomains), scriptOrigins: ids.has(RECORDED_BY.scriptOrigins), snapshots: ids.has(RECORDED_BY.snapshots) };
}

/** The other domains a page links and the origins it loads scripts from (what novelty is judged on). */
export interface OwnPageResources {
  linkDomains: string[];
  scriptOrigins: string[];
}

export function ownPageResources(page: Page): OwnPageResources {
  if (page.contentType !== 'html') return { linkDomains: [], scriptOrigins: [] };
  const res = pageResources(page);
  const own = registrable(asciiHost(new URL(page.finalUrl || page.url).hostname));
  return {
    linkDomains: [...new Set(res.links.filter((l) => l.domain !== own && !isGovSuffix(l.host)).map((l) => l.domain))],
    scriptOrigins: [...new Set(res.scripts.flatMap((s) => (s.url ? [new URL(s.url).origin] : [])))],
  };
}

export class TamperHistory {
  readonly known?: KnownResources;
  private readonly linkDomains = new Set<string>();
  private readonly scriptOrigins = new Set<string>();
  private readonly snapshots: KeyPageSnapshot[] = [];

  constructor(
    private readonly store: Store | undefined,
    private readonly site: Pick<Site, 'id' | 'urls'>,
    private readonly runId: number | undefined,
    private readonly o: TamperHistoryOptions,
  ) {
    if (store && runId !== undefined) this.known = knownResources(store, site.id, runId);
  }

  private isKeyPage(page: Page, dates: PageDates): boolean {
    const url = page.url;
    if (this.site.urls.includes(url)) return true;
    const path = (() => {
      try {
        return new URL(url).pathname;
      } catch {
        return '';
      }
    })();
    if ((this.o.keyPages ?? []).some((k) => k === url || k === path)) return true;
    return (page.depth ?? 99) <= 1 && pageKind(url, dates, this.site.urls, metaTags(page.source)) !== 'article';
  }

  /** Whether the run keeps key-page snapshots (which pages are key is read from their dates). */
  get recordsSnapshots(): boolean {
    return this.o.records.snapshots;
  }

  /** Whether the run keeps what pages link and load (their resources are worth reading). */
  get recordsResources(): boolean {
    return this.o.records.linkDomains || this.o.records.scriptOrigins;
  }

  /** One of the site's own HTML pages, with the findings of its page checks and what it links and loads (when the run keeps that). */
  onOwnPage(page: Page, dates: PageDates | undefined, findings: readonly Finding[], at: string, resources: OwnPageResources | undefined): void {
    if (page.contentType !== 'html') return;
    // Derived whenever the run records snapshots (recordsSnapshots).
    if (dates && this.o.records.snapshots && this.snapshots.length < MAX_KEY_PAGES && this.isKeyPage(page, dates)) this.snapshots.push(snapshotOf(page, at));
    if (!resources || findings.some((f) => f.check === 'tamper')) return;
    if (this.o.records.linkDomains) for (const d of resources.linkDomains) this.linkDomains.add(d);
    if (this.o.records.scriptOrigins) for (const o of resources.scriptOrigins) this.scriptOrigins.add(o);
  }

  /** What the site checks read: each key page with its baseline. */
  keyPages(): Site['keyPages'] {
    if (!this.store) return undefined;
    return this.snapshots.map((current) => ({ current, ...keyPageHistory(this.store!, this.site.id, current.url) }));
  }

  /** Store this run's resources and snapshots; a snapshot tamper.defaced reported is kept out of the baseline. */
  finish(siteFindings: readonly Finding[]): void {
    if (!this.store || this.runId === undefined) return;
    recordResources(this.store, this.site.id, this.runId, {
      ...(this.o.records.linkDomains ? { linkDomains: this.linkDomains } : {}),
      ...(this.o.records.scriptOrigins ? { scriptOrigins: this.scriptOrigins } : {}),
    });
    const reported = new Set(siteFindings.filter((f) => f.rule === 'tamper.defaced').map((f) => f.url));
    for (const s of this.snapshots) recordSnapshot(this.store, this.site.id, this.runId, s, reported.has(s.url));
  }
}
