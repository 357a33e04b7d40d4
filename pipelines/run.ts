/**
 * One pipeline run: source -> checks -> store -> result. It decides nothing about what a finding
 * is (checks do) and formats nothing (reports do).
 */
import type {
  AccountFacts, Check, Clock, Context, DocumentCheck, DocumentFile, Finding, LinkObservation, Logger, Outcome, Page, PageCheck, Severity,
  Inventory, OriginalsIndex, PageDates, ProbeRecord, Site, SiteCheck, SiteIdentity, TransportFacts,
  UserWordlists,
} from '../checks/types';
import { DEFAULT_FRESHNESS, SEVERITIES, severityRank } from '../checks/types';
import { documentFindings, siteFindings } from './findings';
import { createPage, type PageInit } from '../checks/page';
import { parseMetadataDate } from '../checks/dates/parse';
import { bestPublicationDate, type DateSource } from '../checks/dates/date-sources';
import type { InputError, Source } from './sources/source';
import type { Store, RunStatus } from './store/store';
import { EvidenceRecorder, type EvidenceResult } from './evidence/capture';
import type { Ledger } from './evidence/ledger';
import { siteSummary, type SiteObservations, type SiteSummary } from './site-observations';
import { emptySurvey, identityRecord, surveyPage } from '../checks/health/identity-survey';
import { printsOf } from '../checks/counterfeit/prints';
import { hostOf } from '../checks/counterfeit/hosts';
import { hasPrints, latestIdentity, originalsIndex, recordIdentity, recordPrints } from './store/identity';
import { pruneRunHistory } from './store/retention';
import { recordsOf, TamperHistory } from './tamper-history';
import { linkFailuresBefore, recordLinkResults } from './store/links';
import { sharedTypoTables, wordFrequencies } from './word-frequencies';
import { DrillTagger } from './drill/tagging';
import type { ProfileCapture } from '../checks/tamper/profiles';
import type { RenderedPage } from '../checks/tamper/rendered';
import { loadScriptSandbox } from '../checks/tamper/sandbox';
import type { Config } from './config';
import { leaseCheckPool, TASKS_PER_THREAD, type CheckPoolLease } from './check-pool';
import { untilAborted } from './sources/until-aborted';
import { SpooledList } from './spooled-list';
import { detachedFacts, oneFindingPerWordingError, runChecks, runPageChecks, type CheckResult, type OwnPageFacts, type PageCheckResult } from './page-checks';

export const SCHEMA_VERSION = 1;
/** A finding still present is captured again after this long, so its evidence stays current. */
const RECAPTURE_MS = 7 * 86_400_000;
/**
 * A check thread costs about half a second of a core and ~150 MB to set up: worth it from this many
 * pages. (Started with every crawl instead, the hostile bench's small site peaked at 650 MB against
 * 499, for ~2% on a 5,000-page scan.)
 */
const POOL_AFTER = 100;

export type { DateSource };

export interface PageSummary {
  url: string;
  kind: 'page' | 'document';
  title: string;
  publishedAt: string | null;
  dateSources: DateSource[];
  findings: number;
  /** Checks that did not run to a verdict on this target, with why. */
  skipped?: Record<string, string>;
}

export type { SiteSummary };

export interface RunSummary {
  runId?: number;
  command: string;
  target: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string;
  pages: number;
  documents: number;
  findings: number;
  newFindings?: number;
  bySeverity: Record<Severity, number>;
  byRule: Record<string, number>;
  outcomes: Record<Outcome['status'], number>;
  skippedUrls: number;
  errors: number;
  /** Rules that reached a verdict (found something, or passed) at least once; skipped ones are not here. */
  rulesRun?: string[];
  /** The run's evidence manifest in the ledger, when evidence was captured. */
  evidence?: EvidenceResult;
  /** What the issue lifecycle did after the run, and what is still waiting to be delivered. */
  issues?: { events: Record<string, number>; delivered: number; pending: number; dead: number };
}

export interface RunResult {
  schemaVersion: number;
  findings: Finding[];
  pages: PageSummary[];
  sites: SiteSummary[];
  summary: RunSummary;
  errors: InputError[];
}

export interface RunProgress {
  pages: number;
  documents: number;
  findings: number;
  errors: number;
}

export interface RunOptions {
  command: string;
  /**
   * Called as soon as the run is stored, before anything slower (filing): a queue worker marks its
   * job done there, so a worker killed while filing does not leave the whole run to be done again.
   */
  onStored?: (runId: number, summary: RunSummary) => void;
  site: SiteIdentity;
  checks: readonly Check[];
  clock: Clock;
  log: Logger;
  store?: Store;
  onProgress?: (p: RunProgress) => void;
  /** The user's wordlists for the wording rules. */
  wordlists?: UserWordlists;
  /** The configured sites' identities, for the counterfeit rules. */
  inventory?: Inventory;
  /** Prints of configured sites' pages (a read-only store for `check`); from `store` when absent. */
  originals?: OriginalsIndex;
  /** Hosts the site's pages may load and link besides its own and gov.cn (config `tamper.trustedHosts`). */
  trustedHosts?: readonly string[];
  /** Key pages to snapshot besides the homepage and first-level columns (config `tamper.keyPages`). */
  keyPages?: readonly string[];
  /**
   * Key pages as a desktop browser, a phone, Baiduspider and a search visitor saw them (scan):
   * fetched while the crawl runs, since only the site checks read them.
   */
  profiles?: Promise<ProfileCapture[]>;
  /** Key pages Chromium rendered (scan), by address asked for and address ended on; what failed to render is an error of the run. */
  rendered?: { pages: ReadonlyMap<string, RenderedPage>; errors: InputError[] };
  /** Problems found before the run (a user wordlist left out), reported with its errors. */
  setupErrors?: InputError[];
  /** What `xunjian probe` captured, and the stored availability probes of the last 7 days. */
  transport?: TransportFacts;
  probes?: ProbeRecord[];
  /** What `sites[]` reports of the site's transport and availability (CONTRACT). */
  observations?: SiteObservations;
  /** SIGINT/SIGTERM: stop reading the source; the run is stored as partial with an `interrupted` error. */
  signal?: AbortSignal;
  /** Capture what findings were seen in (WARC + manifest) into this ledger; needs a store. */
  evidence?: { ledger: Ledger; tool: string };
  /**
   * Check pages on this many threads besides the run's own (the fetching thread then never waits
   * for a check); the config rebuilds the user's wordlists there. Absent or 0: on the run's thread.
   */
  checkThreads?: { config: Config; threads: number };
}

/** Crawl failure codes as the probe outcomes health.availability counts by cause. */
const PROBE_OUTCOME: Record<string, string> = {
  dns: 'dns', 'connection-refused': 'connect', 'connect-timeout': 'connect', network: 'connect', 'bad-response': 'connect', tls: 'tls',
  'connection-reset': 'reset', timeout: 'timeout', 'too-slow': 'timeout',
};

/**
 * TLS verdicts the probe could not reach, as errors: a handshake that timed out is not a server
 * that refused TLS 1.0, and a probe that reached no verdict is not a clean one.
 */
function unjudgedTls(transport: TransportFacts | undefined, siteChecks: readonly Check[]): InputError[] {
  const tls = transport?.tls;
  if (!tls || !siteChecks.some((c) => c.meta.id.startsWith('tls.'))) return [];
  const input = `${tls.host}:${tls.port}`;
  if (tls.error) return [{ input, code: 'tls-not-judged', message: `no TLS handshake succeeded (${tls.error}): certificate, protocol and cipher checks were not judged` }];
  return (tls.unjudged ?? []).map((u) => ({ input, code: 'tls-not-judged', field: u.what, message: `${u.what}: no answer to the handshake (${u.reason}), twice; whether the server offers it was not judged` }));
}

/** A store that cannot be written says why in words a person acts on (a full disk, a file-size limit). */
function storeProblem(e: unknown): string | undefined {
  const code = (e as { code?: string }).code ?? '';
  if (!/^SQLITE_(?:FULL|IOERR)/.test(code)) return undefined;
  return `the store could not be written (${code}: ${(e as Error).message}); is the disk full? Nothing of this run counts as complete`;
}

export async function runPipeline(source: Source, opts: RunOptions): Promise<RunResult> {
  const { store, clock, log, site } = opts;
  const startedAt = clock.now().toISOString();
  const runId = store?.beginRun(opts.command, source.description, site.id, startedAt);
  // Inline scripts no static reading follows run in a sandbox for the tamper rules: loaded once a process.
  if (opts.checks.some((c) => c.meta.family === 'tamper')) await loadScriptSandbox();
  // The site's own pages are indexed for counterfeit.page-copy (a copy elsewhere is compared with
  // them); a run narrowed to other families (`--checks links`) leaves the index as the last full run left it.
  const indexesPages = opts.checks.some((c) => c.meta.family === 'counterfeit');
  const tamper = new TamperHistory(store, site, runId, { records: recordsOf(opts.checks.map((c) => c.meta.id)), ...(opts.keyPages ? { keyPages: opts.keyPages } : {}) });
  const drills = new DrillTagger(store, site.id);
  const ctx: Context = {
    clock,
    log,
    firstSeen: (url) => store?.firstSeen(site.id, url),
    wordlists: opts.wordlists,
    frequencies: wordFrequencies,
    ...(opts.inventory ? { inventory: opts.inventory } : {}),
    ...(opts.originals ? { originals: opts.originals } : store ? { originals: originalsIndex(store) } : {}),
    ...(opts.trustedHosts ? { trustedHosts: opts.trustedHosts } : {}),
    ...(tamper.known ? { known: tamper.known } : {}),
  };
  // The site's own pages tell its identity and are the originals copies are compared with; pages
  // on other hosts (a lookalike, a checked suspect URL) are neither.
  const ownHosts = new Set([...(opts.inventory?.sites.find((s) => s.id === site.id)?.hosts ?? []), ...site.urls.flatMap((u) => hostOf(u) ?? [])]);
  const isOwn = (url: string): boolean => {
    const h = hostOf(url);
    return h !== undefined && [...ownHosts].some((x) => h === x || h.endsWith(`.${x}`));
  };
  const survey = emptySurvey();
  // The identity marks of the site's pages are read for the rules that judge them and for the
  // counterfeit inventory; a run of other rules (links only, say) leaves the last record standing.
  const surveysIdentity = opts.checks.some((c) => c.meta.id === 'health.identity' || c.meta.id === 'health.meta-tags' || c.meta.family === 'counterfeit');
  const pageChecks = opts.checks.filter((c): c is PageCheck => c.kind === 'page');
  const docChecks = opts.checks.filter((c): c is DocumentCheck => c.kind === 'document');
  const siteChecks = opts.checks.filter((c): c is SiteCheck => c.kind === 'site');
  // Each page's dated facts (Site.pages) are for the site rules that read them — those of the dates
  // and health families —, the identity survey and the key-page history; links, tls, headers,
  // tamper and new-media site rules read none (the run hands them no pages: test/pipelines/page-dates-wanted.test.ts).
  const pageDates = siteChecks.some((c) => c.meta.family === 'dates' || c.meta.family === 'health') || surveysIdentity || tamper.recordsSnapshots;

  const findings: Finding[] = [];
  // A large run's pages go to a temporary file as they finish: memory stays flat however many.
  const pages = new SpooledList<PageSummary>();
  const errors: InputError[] = [...(opts.setupErrors ?? []), ...(opts.rendered?.errors ?? [])];
  const links: LinkObservation[] = [];
  /** The source checked links this run (a crawl that reached its link pass). */
  let linksChecked = false;
  let account: AccountFacts | undefined;
  const sitePages = new SpooledList<PageDates>();
  const siteDocuments: Site['documents'] = [];
  const outcomes: Record<Outcome['status'], number> = { finding: 0, pass: 0, skipped: 0, error: 0 };
  let skippedUrls = 0;
  let newFindings = 0;
  const judged = new Set<string>();
  let pageCount = 0;
  let docCount = 0;
  const recorder = opts.evidence && runId !== undefined ? new EvidenceRecorder(opts.evidence.ledger, { runId, siteId: site.id, startedAt, command: opts.command }, opts.evidence.tool, errors) : undefined;
  const progress = (): void => opts.onProgress?.({ pages: pageCount, documents: docCount, findings: findings.length, errors: errors.length });

  /** Count what the checks on one target (at `url`) did; a check that threw is an error naming both. */
  const absorb = (r: CheckResult, url: string, skipped: Record<string, string>): Finding[] => {
    for (const k of Object.keys(outcomes) as Outcome['status'][]) outcomes[k] += r.outcomes[k];
    for (const id of r.judged) judged.add(id);
    Object.assign(skipped, r.skipped);
    for (const e of r.errors) {
      errors.push({ input: url, code: 'check-error', field: e.check, message: e.message });
      log.error({ url, check: e.check, err: e.message }, 'check failed');
    }
    return r.findings;
  };

  const persist = (fs: Finding[]): void => {
    for (const f of fs) findings.push(f);
    if (store && runId !== undefined && fs.length) newFindings += store.held(() => store.upsertFindings(runId, fs, clock.now().toISOString())).added;
  };

  /** Capture evidence for a target's findings (unless captured within a week), then store them. */
  const captureAndPersist = async (fs: Finding[], write: (recent: ReadonlyMap<string, string>) => Promise<boolean>): Promise<void> => {
    let captured = false;
    if (recorder && store && fs.length) {
      const since = new Date(clock.now().getTime() - RECAPTURE_MS).toISOString();
      captured = await write(store.recentSnapshots(fs.map((f) => f.id), since));
    }
    persist(fs);
    if (captured) store!.held(() => store!.markCaptured(fs.map((f) => f.id), clock.now().toISOString()));
  };

  // Even with no page check selected a page is parsed for its facts (dates, title, resources): a
  // third of a links-only run's CPU, which a thread takes off the fetching one.
  const threads = opts.checkThreads?.threads ?? 0;
  /** Leased once the run has read POOL_AFTER pages: a short run is over before a thread is set up. */
  let lease: CheckPoolLease | undefined;
  let htmlPages = 0;
  const leasePool = (): CheckPoolLease => leaseCheckPool(
    threads,
    {
      config: opts.checkThreads!.config, checkIds: pageChecks.map((c) => c.meta.id), siteId: site.id, pageDates,
      ...(store && store.address !== ':memory:' ? { storePath: store.address } : {}),
      ...(opts.inventory ? { inventory: opts.inventory } : {}), ...(opts.trustedHosts ? { trustedHosts: opts.trustedHosts } : {}), ...(tamper.known ? { known: tamper.known } : {}),
    },
    () => (pageChecks.some((c) => c.meta.id === 'wording.typo') ? { typoTables: sharedTypoTables() } : {}),
  );

  /**
   * An HTML page goes to a check thread with room; when every thread is full (or still setting
   * up) this thread checks it, so no core waits. Text (with hidden ranges) stays here.
   */
  const checkPage = (page: Page): Promise<PageCheckResult> => {
    const own = page.contentType === 'html' && isOwn(page.finalUrl || page.url);
    if (own && opts.rendered) {
      const rendered = opts.rendered.pages.get(page.url) ?? opts.rendered.pages.get(page.finalUrl);
      if (rendered) page.rendered = rendered;
    }
    // Prints only for the site's own pages that the index does not have as they are now.
    const keep: OwnPageFacts | undefined = own
      ? { resources: tamper.recordsResources, prints: indexesPages && !(store && hasPrints(store, site.id, page.url, page.sha256)) }
      : undefined;
    const here = (): PageCheckResult => {
      const r = runPageChecks(pageChecks, page, ctx, { dates: pageDates, ...(keep ? { own: keep } : {}) });
      return { ...r, facts: detachedFacts(r.facts) };
    };
    if (page.contentType !== 'html' || !threads) return Promise.resolve(here());
    if (++htmlPages === POOL_AFTER) {
      try {
        lease = leasePool();
      } catch (e) {
        log.warn({ err: (e as Error).message }, 'check threads could not start; checking every page on the run thread');
      }
    }
    // What the page was made from (its parsed DOM and text are the thread's to build).
    const init: PageInit = {
      siteId: page.siteId, url: page.url, finalUrl: page.finalUrl, redirects: page.redirects, status: page.status, headers: page.headers,
      fetchedAt: page.fetchedAt, sha256: page.sha256, contentType: page.contentType, charset: page.charset, source: page.source, origin: page.origin,
      claims: page.claims, ...(page.depth !== undefined ? { depth: page.depth } : {}), ...(page.sitemapLastmod ? { sitemapLastmod: page.sitemapLastmod } : {}),
      ...(page.includes ? { includes: page.includes } : {}), ...(page.rendered ? { rendered: page.rendered } : {}),
    };
    const there = lease?.pool.tryRun({ page: init, now: clock.now().toISOString(), ...(keep ? { own: keep } : {}) }, lease.context);
    if (!there) return Promise.resolve(here());
    return there.catch((e: Error) => {
      // A check thread that died fails only its pages' checks: run them here instead.
      log.warn({ url: page.url, err: e.message }, 'check thread failed; checking the page on the run thread');
      return here();
    });
  };

  const onPage = async (page: Page, checked: PageCheckResult): Promise<void> => {
    pageCount++;
    const skipped: Record<string, string> = {};
    const found = absorb(checked, page.url, skipped);
    drills.page(page, found);
    await captureAndPersist(found, (recent) => recorder!.page(page, found, recent));
    // Derived where the page was parsed (a check thread, or here): this thread need not parse it again.
    const { dateSources, dates, title, prints, resources } = checked.facts;
    const publishedAt = bestPublicationDate(dateSources);
    // Only the site's own HTML pages tell its identity and are the originals.
    if (page.contentType === 'html' && isOwn(page.finalUrl || page.url)) {
      // Derived whenever the run surveys identity (pageDates).
      if (surveysIdentity && dates) surveyPage(survey, page, dates, site.urls);
      tamper.onOwnPage(page, dates, found, clock.now().toISOString(), resources);
      if (store && runId !== undefined && indexesPages) store.held(() => recordPrints(store, site.id, page.url, page.sha256, title, () => prints ?? printsOf(page.text), clock.now().toISOString()));
    }
    if (store && runId !== undefined) {
      const firstSeen = store.held(() => store.recordPage(
        runId,
        { siteId: site.id, url: page.url, sha256: page.sha256, title, status: page.status, claims: { ...page.claims, publishedAt: publishedAt ?? undefined }, ...(dates?.bodyHash ? { bodyHash: dates.bodyHash } : {}) },
        clock.now().toISOString(),
      ));
      if (dates) dates.firstSeen = firstSeen;
      dateSources.push({ source: 'first-seen', value: firstSeen });
    }
    if (dates) sitePages.push(dates);
    pages.push({
      url: page.url,
      kind: 'page',
      title,
      publishedAt,
      dateSources,
      findings: found.length,
      ...(Object.keys(skipped).length ? { skipped } : {}),
    });
  };

  /**
   * Text checks run on every extracted part of an attachment (a sheet, the body, a comment, a
   * metadata field) as on a plain-text page; findings are then located in the attachment.
   */
  const onDocument = async (doc: DocumentFile): Promise<void> => {
    docCount++;
    const skipped: Record<string, string> = {};
    const found: Finding[] = [];
    if (doc.parts.length === 0) {
      // Honest about coverage: nothing inside was checked.
      for (const check of pageChecks) skipped[check.meta.id] = `no text extracted from ${doc.kind}`;
      outcomes.skipped += pageChecks.length;
    }
    for (const part of doc.parts) {
      const hiddenRanges = part.hidden ? [{ start: 0, end: part.text.length }] : (part.cells ?? []).filter((c) => c.hidden);
      const partPage = createPage({ siteId: doc.siteId, url: doc.url, fetchedAt: doc.fetchedAt, contentType: 'text', source: part.text, origin: 'file', hiddenRanges });
      const r = runChecks(pageChecks, (c) => c.run(partPage, ctx), (c, spans, sensitive) => documentFindings(c, spans.map((sp) => ({ ...sp, part: part.part })), doc, sensitive.map((sp) => ({ ...sp, part: part.part }))));
      for (const f of absorb({ ...r, findings: oneFindingPerWordingError(r.findings) }, doc.url, skipped)) found.push(f);
    }
    for (const f of absorb(runChecks(docChecks, (c) => c.run(doc, ctx), (c, spans, sensitive) => documentFindings(c, spans, doc, sensitive)), doc.url, skipped)) found.push(f);
    drills.document(doc, found);
    const createdPart = doc.parts.find((p) => p.part === 'core:created' || p.part === 'pdf:CreationDate');
    const created = createdPart ? parseMetadataDate(createdPart.text) : undefined;
    siteDocuments.push({ url: doc.url, ...(doc.linkedFrom ? { linkedFrom: doc.linkedFrom } : {}), ...(created ? { created } : {}) });
    await captureAndPersist(found, (recent) => recorder!.document(doc, found, recent));
    pages.push({
      url: doc.url,
      kind: 'document',
      title: doc.url.split('/').pop() ?? doc.url,
      publishedAt: null,
      dateSources: [],
      findings: found.length,
      ...(Object.keys(skipped).length ? { skipped } : {}),
    });
  };

  let status: RunStatus = 'complete';
  /** The site seen down by the crawl: an availability observation like a probe's. */
  const outageProbes: ProbeRecord[] = [];
  let outages = 0;
  /**
   * Pages and documents finish in the order they came (findings, evidence and acks keep the
   * source's order); a page's checks may run on a check thread meanwhile, a few pages ahead.
   */
  const inOrder: Promise<void>[] = [];
  const window = threads * TASKS_PER_THREAD * 2;
  let last: Promise<void> = Promise.resolve();
  const enqueue = async (finish: () => Promise<void>): Promise<void> => {
    last = last.then(finish);
    // Awaited later (or by drain); marked handled now so a failure is not an unhandled rejection meanwhile.
    last.catch(() => undefined);
    inOrder.push(last);
    if (inOrder.length > window) await inOrder.shift();
  };
  const drain = async (): Promise<void> => {
    await last;
    inOrder.length = 0;
  };
  try {
    for await (const item of untilAborted(source.items(), opts.signal)) {
      switch (item.kind) {
        case 'page': {
          // Threads' answers wait for this thread to turn to its events: with every thread full,
          // turn once before checking here (a source read from memory may never otherwise turn).
          if (lease?.pool.full) await new Promise<void>((r) => setImmediate(r));
          const checked = checkPage(item.page);
          const { page, ack } = item;
          await enqueue(async () => {
            await onPage(page, await checked);
            ack?.();
          });
          break;
        }
        case 'document': {
          const { doc, ack } = item;
          await enqueue(async () => {
            await onDocument(doc);
            ack?.();
          });
          break;
        }
        case 'links':
          for (const l of item.links) links.push(l);
          linksChecked = true;
          break;
        case 'account':
          account = item.account;
          break;
        case 'skipped':
          skippedUrls++;
          break;
        case 'outage': {
          const o = item.outage;
          outages++;
          const blocked = o.code === 'blocked';
          const missing = o.code.startsWith('start-page-');
          const error: InputError = blocked || missing
            ? { input: o.origin, code: blocked ? 'blocked-by-site' : o.code, message: `${o.origin}: ${o.message}; its remaining URLs were not fetched and this run does not count as complete` }
            : { input: o.origin, code: 'site-unreachable', message: `${o.origin} gave ${o.failures} consecutive failures (${o.code}: ${o.message}); its remaining URLs were not fetched and this run does not count as complete` };
          errors.push(error);
          if (store && runId !== undefined) store.recordFailure(runId, error.input, error.code, error.message, undefined, o.at);
          // A site that turns the crawler away is up for its visitors, and a missing or unreadable start page
          // says nothing of the rest of the site: no failed probe for the availability rule.
          if (!blocked && !missing && site.urls.some((u) => new URL(u).origin === o.origin)) {
            const probe: ProbeRecord = { at: o.at, ok: false, outcome: PROBE_OUTCOME[o.code] ?? (/^http-\d{3}$/.test(o.code) ? `http-${o.code[5]}xx` : 'connect') };
            outageProbes.push(probe);
            store?.recordProbe(site.id, probe);
          }
          break;
        }
        case 'error':
          errors.push(item.error);
          if (store && runId !== undefined) {
            store.recordFailure(runId, item.error.input + (item.error.record !== undefined ? `#${item.error.record}` : ''), item.error.code, item.error.message, item.error.status, clock.now().toISOString());
          }
          break;
      }
      progress();
      if (opts.signal?.aborted) break;
    }
    await drain();
    // Every page is checked: the check threads are let go (closed, if no other run of this process holds them) before the site rules need room.
    await lease?.release();
    // The pages' held writes fail here, naming why, rather than inside a later write of the run's own.
    store?.commitHeld();
    if (opts.signal?.aborted) {
      const why = opts.signal.reason instanceof Error ? opts.signal.reason.message : 'stopped';
      errors.push({ input: source.description, code: 'interrupted', message: `${why} before everything was read; not a complete run (the next scan of a site resumes its crawl)` });
    }
    const profiles = await opts.profiles;
    const fullSite: Site = {
      ...site,
      links,
      // Read from the spool once for all the site rules: each walks every page, and read at each
      // access a 100,000-record ingest parsed every page's dates once a rule, on one core.
      pages: sitePages.toArray(),
      documents: siteDocuments,
      ...(store && runId !== undefined ? { history: store.siteHistory(site.id, runId) } : {}),
      runStartedAt: startedAt,
      complete: source.complete(),
      freshness: { ...DEFAULT_FRESHNESS, ...site.freshness },
      ...(opts.transport ? { transport: opts.transport } : {}),
      ...(opts.probes || outageProbes.length ? { probes: [...(opts.probes ?? []), ...outageProbes] } : {}),
      ...(survey.pages ? { identity: survey } : {}),
      ...(profiles?.length ? { profiles } : {}),
      ...(account ? { account } : {}),
    };
    const keyPages = tamper.keyPages();
    if (keyPages?.length) fullSite.keyPages = keyPages;
    const identityBefore = store && runId !== undefined ? latestIdentity(store, site.id, runId) : undefined;
    if (identityBefore) fullSite.identityBefore = identityBefore;
    const failuresBefore = store && runId !== undefined ? linkFailuresBefore(store, site.id, runId) : undefined;
    if (failuresBefore) fullSite.linkFailuresBefore = failuresBefore;
    const tlsGaps = unjudgedTls(opts.transport, siteChecks);
    errors.push(...tlsGaps);
    log.info({ site: site.id, pages: pageCount, documents: docCount, findings: findings.length, siteChecks: siteChecks.length }, 'page checks done; running site checks');
    const siteFound = absorb(runChecks(siteChecks, (c) => c.run(fullSite, ctx), (c, spans) => siteFindings(c, spans, fullSite, clock.now().toISOString())), site.urls[0] ?? site.id, {});
    drills.site(siteFound);
    await captureAndPersist(siteFound, (recent) => recorder!.site(fullSite, siteFound, clock.now().toISOString(), recent));
    tamper.finish(siteFound);
    if (store && runId !== undefined && linksChecked) recordLinkResults(store, site.id, runId, links, failuresBefore);
    if (store && runId !== undefined && survey.pages) recordIdentity(store, site.id, runId, clock.now().toISOString(), identityRecord(survey, opts.transport?.tls?.chain[0]?.subject ?? opts.observations?.tls?.certificate?.subject));
    if (!source.complete() || opts.signal?.aborted || tlsGaps.length) status = 'partial';
    // Nothing read because the site was down: a failed run, not a clean one.
    if (outages && pageCount + docCount === 0) status = 'failed';
    if (source.unread?.()) status = 'failed';
  } catch (e) {
    status = 'failed';
    errors.push({ input: source.description, code: 'run-failed', message: storeProblem(e) ?? (e as Error).message });
    log.error({ err: (e as Error).message }, 'run failed');
  }
  // Pages already read are finished (their acks mark them done) before the run ends, even a failed one.
  await last.catch(() => undefined);
  try {
    store?.commitHeld();
  } catch (e) {
    status = 'failed';
    errors.push({ input: source.description, code: 'run-failed', message: storeProblem(e) ?? (e as Error).message });
  }
  await lease?.release();
  // A source stopped early may still be writing (its frontier): the store must outlive that.
  await source.settled?.();

  findings.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.url.localeCompare(b.url) || (a.location.start ?? 0) - (b.location.start ?? 0));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byRule: Record<string, number> = {};
  for (const f of findings) {
    bySeverity[f.severity]++;
    byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  }
  const finishedAt = clock.now().toISOString();
  const evidence = recorder && runId !== undefined ? await recorder.finish({ runId, siteId: site.id, command: opts.command, startedAt, finishedAt, status }) : undefined;
  const summary: RunSummary = {
    ...(runId !== undefined ? { runId, newFindings } : {}),
    command: opts.command,
    target: source.description,
    status,
    startedAt,
    finishedAt,
    pages: pageCount,
    documents: docCount,
    findings: findings.length,
    bySeverity,
    byRule,
    outcomes,
    skippedUrls,
    errors: errors.length,
    rulesRun: [...judged].sort(),
    ...(evidence ? { evidence } : {}),
  };
  if (store && runId !== undefined) {
    store.finishRun(runId, status, finishedAt, summary);
    try {
      pruneRunHistory(store, site.id, opts.command);
    } catch (e) {
      // The run is stored whole; what is not pruned now is pruned after the site's next run.
      log.warn({ site: site.id, err: (e as Error).message }, 'older runs\' history not pruned');
    }
    opts.onStored?.(runId, summary);
  }
  log.info({ site: site.id, runId, status, findings: findings.length, newFindings, errors: errors.length }, 'run stored');
  return {
    schemaVersion: SCHEMA_VERSION,
    findings,
    pages: pages.asArray(),
    sites: [siteSummary(site, opts.observations)],
    summary,
    errors,
  };
}
