/**
 * The jobs behind the commands: pick the source for an input, the site it belongs to and the
 * checks, then hand them to runPipeline. Shared by the CLI, the daemon, the HTTP API and the demo.
 */
import { availableParallelism } from 'node:os';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Agent } from 'undici';
import type { Check, Clock, Logger, SiteIdentity } from '../checks/types';
import { ruleSignature, selectChecks } from '../checks/registry';
import { HostLimiter } from './sources/politeness';
import { CONFIG_CANDIDATES, crawlSettingsFor, type Config, type PipelineConfig, type SiteConfig } from './config';
import { runPipeline, type RunOptions, type RunProgress, type RunResult } from './run';
// Filing (sinks, the ledger) and the command source (zx) load when a run needs them: `check` and
// the other commands start without them.
import type { LedgerHandle } from './filing';
import type { CrawlConfig, CrawlProgress } from './sources/crawl';
import type { FetchLimits } from './sources/fetch';
import { DirSource } from './sources/dir';
import { ExportSource } from './sources/export';
import { fileToItems, readFileItems } from './sources/files';
import { GitSource } from './sources/git';
import type { Source, SourceItem } from './sources/source';
import { Store } from './store/store';
import { isPostgresUrl } from './store/sql';
import { wordingOptions } from './user-wordlists';
import { inventoryOf, withObserved } from './inventory';
import { originalsIndex } from './store/identity';
import { readFileSync } from 'node:fs';
import { createPage } from '../checks/page';
import type { SiteProbeOptions } from './probe/probe';
import { availabilityOf, probeObservations, type SiteObservations } from './site-observations';
import pkg from '../package.json';
import type { ProfileCapture } from '../checks/tamper/profiles';
import type { RenderResult } from './probe/render';

export const VERSION: string = pkg.version;

export interface JobContext {
  config: Config;
  clock: Clock;
  log: Logger;
  /** Opened lazily by the caller; jobs that need history get it here. */
  store: Store;
  onProgress?: (p: RunProgress & Partial<CrawlProgress>) => void;
  agent?: Agent;
  /** Stops a crawl cleanly (Ctrl-C); the next scan of the site resumes it. */
  signal?: AbortSignal;
  /** The evidence ledger, opened on first use; shared by the runs of a process. */
  ledger?: LedgerHandle;
  /** How long a run may spend delivering issues before leaving the rest in the outbox. */
  deliveryBudgetMs?: number;
  /** A queue worker's run: a crawl it resumes was left by an attempt that may have stored nothing. */
  refetchResumed?: boolean;
  /** See RunOptions.onStored. */
  onRunStored?: RunOptions['onStored'];
}

export const DELIVERY_BUDGET_MS = 60_000;

/**
 * A run that keeps history: evidence into the ledger, then the issue lifecycle and delivery.
 * (`xunjian check` is the pre-publish path and does neither.)
 */
export async function runAndFile(
  ctx: JobContext,
  source: Source,
  opts: Omit<RunOptions, 'store' | 'clock' | 'log' | 'wordlists' | 'setupErrors' | 'evidence' | 'inventory'>,
  /** After the run: URLs looked for and no longer there (a page taken down, a lookalike unregistered); a finding there is gone. */
  gone: (result: RunResult) => readonly string[] = () => [],
): Promise<RunResult> {
  const { evidenceSetup, fileIssues, LedgerHandle } = await import('./filing');
  const ledger = (ctx.ledger ??= new LedgerHandle(ctx.config));
  const ev = await evidenceSetup(ctx.config, ledger, `xunjian ${VERSION}`);
  const w = wordingOptions(ctx.config, ctx.log);
  const result = await runPipeline(source, {
    trustedHosts: ctx.config.tamper.trustedHosts, keyPages: ctx.config.tamper.keyPages,
    ...opts, store: ctx.store, clock: ctx.clock, log: ctx.log, wordlists: w.wordlists, inventory: withObserved(inventoryOf(ctx.config, opts.site), ctx.store),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    setupErrors: [...w.setupErrors, ...ev.setupErrors],
    ...(ev.evidence ? { evidence: ev.evidence } : {}),
    ...(opts.command === 'probe' ? {} : { checkThreads: { config: ctx.config, threads: checkThreads() } }),
    ...(ctx.onRunStored ? { onStored: ctx.onRunStored } : {}),
  });
  await fileIssues({ config: ctx.config, store: ctx.store, clock: ctx.clock, log: ctx.log, ledger, deliveryBudgetMs: ctx.deliveryBudgetMs ?? DELIVERY_BUDGET_MS }, result, opts.site.urls, gone(result));
  return result;
}

/**
 * Threads that check pages beside the run's own, which also checks a page whenever every thread is
 * full: one fewer than the cores (the run's thread is the last), `XUNJIAN_CHECK_THREADS=N` to
 * choose, 0 for none. A run starts them only after its first pages (pipelines/run.ts).
 */
export function checkThreads(): number {
  const set = process.env['XUNJIAN_CHECK_THREADS'];
  return set !== undefined && /^\d+$/.test(set) ? Number(set) : Math.max(0, availableParallelism() - 1);
}

type SiteBase = SiteIdentity;

export function siteFromConfig(s: SiteConfig): SiteBase {
  return { id: s.id, name: s.name, urls: s.urls, siteCode: s.siteCode, icp: s.icp, psb: s.psb, ...(s.freshness ? { freshness: s.freshness } : {}) };
}

/** A configured site by id, else an ad-hoc site for a URL. */
export function resolveSite(config: Config, idOrUrl: string | undefined, fallbackId = 'local'): { site: SiteBase; conf?: SiteConfig } {
  const conf = idOrUrl ? config.sites.find((s) => s.id === idOrUrl) : undefined;
  if (conf) return { site: siteFromConfig(conf), conf };
  if (idOrUrl && /^https?:\/\//i.test(idOrUrl)) {
    const u = new URL(idOrUrl);
    const byHost = config.sites.find((s) => s.urls.some((x) => new URL(x).host === u.host));
    if (byHost) return { site: siteFromConfig(byHost), conf: byHost };
    const id = u.host.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    return { site: { id, name: u.host, urls: [u.href] } };
  }
  if (idOrUrl) {
    const where = config.file === '(defaults)'
      ? `no config file was found (looked for ${CONFIG_CANDIDATES.join(', ')} in ${process.cwd()}; name one with --config FILE)`
      : `there is no site with id "${idOrUrl}" in ${config.file} (its sites: ${config.sites.map((s) => s.id).join(', ') || 'none'})`;
    throw new UsageError(`"${idOrUrl}" is neither a configured site nor an http(s) URL: ${where}`);
  }
  return { site: { id: fallbackId, name: fallbackId, urls: [] } };
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Several sources one after another, e.g. the files given to `xunjian check`. */
export class ChainSource implements Source {
  readonly description: string;
  constructor(private readonly sources: Source[]) {
    this.description = sources.map((s) => s.description).join(', ');
  }
  complete(): boolean {
    return this.sources.every((s) => s.complete());
  }
  async *items(): AsyncGenerator<SourceItem> {
    for (const s of this.sources) yield* s.items();
  }
}

/** Items already in hand (a file, stdin, an HTTP body). */
export class ItemsSource implements Source {
  private done = false;
  constructor(
    readonly description: string,
    private readonly make: () => Promise<SourceItem[]>,
  ) {}
  complete(): boolean {
    return this.done;
  }
  async *items(): AsyncGenerator<SourceItem> {
    yield* await this.make();
    this.done = true;
  }
}

export interface CrawlOverrides {
  maxPages?: number;
  concurrency?: number;
}

export function crawlConfigFor(config: Config, site: SiteBase, conf: SiteConfig | undefined, o: CrawlOverrides = {}): CrawlConfig {
  const c = crawlSettingsFor(config, conf);
  const token = config.userAgent.productToken;
  return {
    siteId: site.id,
    seeds: site.urls,
    hosts: c.hosts,
    include: c.include,
    exclude: c.exclude,
    maxPages: o.maxPages ?? c.maxPages,
    maxDepth: c.maxDepth,
    concurrency: o.concurrency ?? c.concurrency,
    politeness: { perOrigin: c.perOrigin, perIp: c.perIp, minIntervalMs: c.minIntervalMs, jitterMs: c.jitterMs, maxBackoffMs: c.maxBackoffMs },
    respectRobots: c.respectRobots,
    sitemaps: c.sitemaps,
    userAgent: `Mozilla/5.0 (compatible; ${token}/${VERSION}; +${config.userAgent.contact})`,
    productToken: token,
    limits: {
      connectTimeoutMs: c.connectTimeoutMs,
      headersTimeoutMs: c.headersTimeoutMs,
      bodyTimeoutMs: c.bodyTimeoutMs,
      totalTimeoutMs: c.totalTimeoutMs,
      maxBodyBytes: c.maxBodyBytes,
      maxDecodedBytes: c.maxDecodedBytes,
    },
    maxAttachmentBytes: c.maxAttachmentBytes,
    ocrImages: c.ocrImages,
    retries: c.retries,
    maxRedirects: c.maxRedirects,
    checkResources: c.checkResources,
    allowPrivateNetworks: c.allowPrivateNetworks,
    circuitBreaker: c.circuitBreaker,
    maxExternalHosts: c.maxExternalHosts,
  };
}

export async function scan(ctx: JobContext, target: string, checks: readonly Check[], o: CrawlOverrides = {}): Promise<RunResult> {
  const { site, conf } = resolveSite(ctx.config, target);
  if (site.urls.length === 0) throw new UsageError(`site ${site.id} has no urls to crawl`);
  let crawl: Partial<CrawlProgress> = {};
  // Where findings are still open: fetched again even if nothing links there any more.
  const recheck = (ctx.store.db.prepare("SELECT DISTINCT url FROM findings WHERE site_id = ? AND status = 'open' AND suppressed IS NULL LIMIT ?").all(site.id, RECHECK_MAX) as { url: string }[])
    .map((r) => r.url).filter((u) => /^https?:\/\//.test(u));
  // Page and document checks read attachments' text, dates.attachment-created their metadata; links only whether they open.
  const readAttachments = checks.some((c) => c.kind !== 'site' || c.meta.id === 'dates.attachment-created');
  const { CrawlSource } = await import('./sources/crawl');
  const crawlConfig = crawlConfigFor(ctx.config, site, conf, o);
  // One politeness and one connection pool for every request of the scan to the site: the crawl's
  // and the profile fetches beside it (with a pool each, a site promised one connection saw two, and
  // the profiles went without the crawl's timeouts and its vetted, pinned address).
  const limiter = new HostLimiter(crawlConfig.politeness);
  const own = ctx.agent ? undefined : await scanAgent(crawlConfig);
  const agent = ctx.agent ?? own!.agent;
  try {
    const source = new CrawlSource({ ...crawlConfig, recheck, readAttachments, rules: ruleSignature(checks), ...(ctx.refetchResumed ? { refetchDone: true } : {}) }, {
      store: ctx.store,
      log: ctx.log,
      agent,
      ...(own ? { resolve: own.resolve } : {}),
      limiter,
      signal: ctx.signal,
      onProgress: (p) => (crawl = p),
    });
    const observed = ctx.store.latestObservations<SiteObservations>(site.id);
    const probes = ctx.store.probesSince(site.id, new Date(ctx.clock.now().getTime() - WEEK_MS).toISOString());
    const availability = availabilityOf(probes);
    // The profiles are fetched beside the crawl (a few requests, spaced as the crawl's: a second a
    // key page that the crawl no longer waits for); the renderings first, since pages read them.
    // A failure here leaves tamper.cloaking skipped (no captures), never a rejection nobody awaits yet.
    const fetching = keyPageProfiles(ctx, site, checks, { agent, limits: crawlConfig.limits, limiter }).catch((e: unknown): ProfileCapture[] => {
      ctx.log.warn({ site: site.id, err: (e as Error).message }, 'key pages could not be fetched as other clients; tamper.cloaking is skipped');
      return [];
    });
    const renders = await keyPageRenders(ctx, site, checks);
    const profiles = fetching.then((fetched) => [...fetched, ...(renders?.captures ?? [])]);
    return await runAndFile(ctx, source, {
      command: 'scan', site, checks, probes, profiles,
      ...(renders ? { rendered: renders } : {}),
      ...(observed || availability ? { observations: { ...observed, ...(availability ? { availability } : {}) } } : {}),
      onProgress: (p) => ctx.onProgress?.({ ...p, ...crawl, pages: p.pages }),
    }, (r) => goneOf(r, recheck));
  } catch (e) {
    await own?.agent.destroy();
    throw e;
  } finally {
    // Lets requests in flight end as the crawl's own pool did; after a failure it was destroyed above.
    if (own && !own.agent.destroyed) await own.agent.close();
  }
}

const RECHECK_MAX = 500;

/** The scan's connection pool when the caller gave none, and the one resolution its addresses are vetted and pinned by. */
async function scanAgent(c: CrawlConfig): Promise<{ agent: Agent; resolve: (host: string) => Promise<string> }> {
  const { createAgent } = await import('./sources/fetch');
  const { lookup } = await import('node:dns/promises');
  const answers = new Map<string, Promise<string>>();
  const resolve = (host: string): Promise<string> => {
    let a = answers.get(host);
    if (!a) answers.set(host, (a = lookup(host).then((r) => r.address)));
    return a;
  };
  return { agent: createAgent({ connectionsPerOrigin: c.politeness.perOrigin, limits: c.limits, resolve }), resolve };
}

/** Rechecked pages that answered 404 or 410: taken down, so what was found on them is gone. */
function goneOf(r: RunResult, recheck: readonly string[]): string[] {
  const wanted = new Set(recheck);
  return r.errors.filter((e) => (e.code === 'http-404' || e.code === 'http-410') && wanted.has(e.input)).map((e) => e.input);
}

/**
 * The homepage and configured key pages as a phone, Baiduspider and a search visitor see them,
 * for tamper.cloaking; only when that rule runs and `tamper.profiles` is on.
 */
async function keyPageProfiles(ctx: JobContext, site: SiteBase, checks: readonly Check[], { agent, limits, limiter }: { agent: Agent; limits: FetchLimits; limiter: HostLimiter }): Promise<ProfileCapture[]> {
  if (!ctx.config.tamper.profiles || !checks.some((c) => c.meta.id === 'tamper.cloaking') || !site.urls[0]) return [];
  const urls = keyPageUrls(ctx, site);
  ctx.log.info({ site: site.id, pages: urls.length }, 'fetching key pages as a phone, a spider and a search visitor');
  const { fetchProfiles } = await import('./probe/profiles');
  return fetchProfiles(urls, { clock: ctx.clock, agent, limits, limiter, ...(ctx.signal ? { signal: ctx.signal } : {}) });
}

/** The rules that read a rendering (hidden links, titles, script redirects, cloaking by Referer). */
const READS_RENDERING = new Set(['tamper.hidden-link', 'tamper.title-hijack', 'tamper.injected-script', 'tamper.cloaking']);

/**
 * The homepage and configured key pages rendered in Chromium, when a rule reads the rendering and
 * `tamper.render` is on; no browser found is said in the run's errors, not passed over.
 */
async function keyPageRenders(ctx: JobContext, site: SiteBase, checks: readonly Check[]): Promise<RenderResult | undefined> {
  if (!ctx.config.tamper.render || !checks.some((c) => READS_RENDERING.has(c.meta.id)) || !site.urls[0]) return undefined;
  const { browserPath, renderKeyPages } = await import('./probe/render');
  const browser = browserPath();
  if (browser === 'none') return undefined;
  const urls = keyPageUrls(ctx, site);
  if (!browser) {
    const message = 'no Chromium found (/usr/bin/chromium …): key pages were not rendered, so links hidden by stylesheets or obfuscated code were not looked for; install chromium, set XUNJIAN_BROWSER, or set tamper.render to false';
    ctx.log.warn({ site: site.id }, message);
    return { pages: new Map(), captures: [], errors: [{ input: urls[0]!, code: 'render-failed', message }] };
  }
  ctx.log.info({ site: site.id, pages: urls.length, browser }, 'rendering key pages in Chromium');
  return renderKeyPages(urls, { browser, clock: ctx.clock, log: ctx.log, ...(ctx.signal ? { signal: ctx.signal } : {}) });
}

/** The homepage (every start URL) and the configured key pages, at most ten. */
function keyPageUrls(ctx: JobContext, site: SiteBase): string[] {
  const home = site.urls[0]!;
  return [...new Set([...site.urls, ...ctx.config.tamper.keyPages.map((k) => new URL(k, home).href)])].slice(0, 10);
}

export interface IngestOptions {
  site?: string;
  baseUrl?: string;
  branch?: string;
  /** What the input is, when sniffing must not decide (`--type`). */
  type?: 'export' | 'dir' | 'git';
}

function looksLikeGit(input: string): boolean {
  if (/^(https?|ssh|git|file):\/\//i.test(input) || /^[\w.-]+@[\w.-]+:/.test(input) || /\.git\/?$/.test(input)) return true;
  return existsSync(join(input, '.git'));
}

/**
 * Where the git source keeps its clones: beside an embedded store; in `.xunjian/` of the working
 * folder when the store is a PostgreSQL URL (a URL is no folder, and clones are per machine).
 */
export function gitWorkDir(config: Pick<Config, 'store'>): string {
  return isPostgresUrl(config.store) ? resolve('.xunjian', 'git') : join(dirname(resolve(config.store)), 'git');
}

export function ingestSource(ctx: JobContext, input: string, siteId: string, o: IngestOptions): Source {
  if (o.type === 'git' || (o.type === undefined && looksLikeGit(input))) {
    return new GitSource(input, siteId, ctx.clock, ctx.store, { branch: o.branch, baseUrl: o.baseUrl, workDir: gitWorkDir(ctx.config) });
  }
  if (!existsSync(input)) throw new UsageError(`${input}: no such file or directory`);
  const isDir = statSync(input).isDirectory();
  if (o.type === 'dir' && !isDir) throw new UsageError(`${input}: --type dir needs a folder`);
  if (o.type === 'export' && isDir) throw new UsageError(`${input}: --type export needs a JSON or JSONL file, not a folder`);
  if (isDir) return new DirSource(input, siteId, ctx.clock, o.baseUrl);
  return new ExportSource(input, siteId, ctx.clock);
}

export async function ingest(ctx: JobContext, input: string, checks: readonly Check[], o: IngestOptions = {}): Promise<RunResult> {
  const { site } = resolveSite(ctx.config, o.site);
  return runAndFile(ctx, ingestSource(ctx, input, site.id, o), { command: 'ingest', site, checks, ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}) });
}

export interface CheckInput {
  /** A path, or `-` for stdin. */
  path: string;
  /** Content already read (stdin, HTTP body). */
  content?: Buffer;
  type?: 'html' | 'text' | 'json';
}

export interface CheckOptions {
  url?: string;
  publishedAt?: string;
  site?: string;
}

/** Pre-publish check of local content: no network; history is read but nothing is written. */
export async function checkContent(ctx: Omit<JobContext, 'store'> & { store?: Store }, inputs: CheckInput[], checks: readonly Check[], o: CheckOptions = {}): Promise<RunResult> {
  const { site } = resolveSite(ctx.config, o.site);
  const fetchedAt = ctx.clock.now().toISOString();
  const sources: Source[] = inputs.map((input) => {
    const name = input.path === '-' ? '(stdin)' : input.path;
    const type = input.type ?? (/\.jsonl?$/i.test(input.path) ? 'json' : undefined);
    if (type === 'json') {
      if (input.content) return new ExportSource(name, site.id, ctx.clock, input.content.toString('utf8'));
      if (!existsSync(input.path)) return new ItemsSource(name, async () => [{ kind: 'error', error: { input: name, code: 'unreadable', message: 'no such file' } }]);
      return new ExportSource(input.path, site.id, ctx.clock);
    }
    return new ItemsSource(name, async () => {
      const url = o.url ?? (input.path === '-' ? 'stdin:' : pathToFileURL(resolve(input.path)).href);
      let items: SourceItem[];
      if (input.content) {
        const fakeName = type === 'text' ? 'stdin.txt' : type === 'html' ? 'stdin.html' : /^\s*</.test(input.content.subarray(0, 256).toString('latin1')) ? 'stdin.html' : 'stdin.txt';
        items = await fileToItems(input.content, url, fakeName, site.id, fetchedAt, 'stdin');
      } else {
        items = await readFileItems(input.path, url, site.id, ctx.clock, 'file');
      }
      for (const item of items) if (item.kind === 'page' && o.publishedAt) item.page.claims.publishedAt = o.publishedAt;
      return items;
    });
  });
  // Nothing is written, but the store's prints and observed marks tell a copy of a configured site.
  const history = ctx.store ?? Store.openReadOnly(ctx.config.store);
  try {
    return await runPipeline(new ChainSource(sources), {
      command: 'check', site, checks, clock: ctx.clock, log: ctx.log, store: ctx.store, inventory: withObserved(inventoryOf(ctx.config, site), history), ...wordingOptions(ctx.config, ctx.log),
      trustedHosts: ctx.config.tamper.trustedHosts,
      ...(history ? { originals: originalsIndex(history) } : {}),
    });
  } finally {
    if (!ctx.store) history?.close();
  }
}

/** One configured pipeline (daemon, `xunjian run`). */
/** What `xunjian probe` checks when no --checks is given. */
export const PROBE_CHECKS = ['headers', 'tls', 'health.availability', 'health.ipv6'];
const WEEK_MS = 7 * 86_400_000;

export type ProbeOverrides = Partial<Pick<SiteProbeOptions, 'lookup6' | 'addresses' | 'httpPort' | 'httpsPort' | 'timeoutMs'>> & { ca?: string[] };

/**
 * Probe a site's transport once, store the availability probe, and grade the capture together
 * with the last 7 days of stored probes. The homepage body is checked too (mixed content).
 */
export async function probe(ctx: JobContext, target: string, checks: readonly Check[], o: ProbeOverrides = {}): Promise<RunResult> {
  const { site } = resolveSite(ctx.config, target);
  const homepage = site.urls[0];
  if (!homepage) throw new UsageError(`site ${site.id} has no url to probe`);
  const baseDir = ctx.config.file === '(defaults)' ? process.cwd() : dirname(ctx.config.file);
  const { ca: extraCa, ...overrides } = o;
  const ca = [...(extraCa ?? []), ...ctx.config.probe.caFiles.map((f) => readFileSync(resolve(baseDir, f), 'utf8'))];
  const { probeSite } = await import('./probe/probe');
  const { transport, record } = await probeSite(homepage, {
    userAgent: `Mozilla/5.0 (compatible; ${ctx.config.userAgent.productToken}/${VERSION}; +${ctx.config.userAgent.contact})`,
    clock: ctx.clock,
    ...(ca.length ? { tls: { ca } } : {}),
    ...overrides,
  });
  ctx.store.recordProbe(site.id, record);
  const probes = ctx.store.probesSince(site.id, new Date(ctx.clock.now().getTime() - WEEK_MS).toISOString());
  const auto = transport.capture.auto;
  const source = new ItemsSource(`probe ${homepage}`, async () =>
    auto?.body !== undefined
      ? [{ kind: 'page' as const, page: createPage({ siteId: site.id, url: auto.finalUrl, finalUrl: auto.finalUrl, status: auto.status, headers: Object.fromEntries(Object.entries(auto.headers).map(([k, v]) => [k, v.join(', ')])), fetchedAt: transport.capture.capturedAt, contentType: 'html', source: auto.body, origin: 'crawl' }) }]
      : [],
  );
  const observations = probeObservations(transport, probes);
  ctx.store.saveObservations(site.id, transport.capture.capturedAt, observations);
  return runAndFile(ctx, source, { command: 'probe', site, checks, transport, probes, observations });
}

export async function runConfiguredPipeline(ctx: JobContext, p: PipelineConfig): Promise<RunResult> {
  const conf = ctx.config.sites.find((s) => s.id === p.site)!;
  const site = siteFromConfig(conf);
  const checks = selectChecks(p.checks);
  const src = p.source;
  let source: Source;
  if (src.crawl) {
    return scan(ctx, site.id, checks);
  } else if (src.probe) {
    return probe(ctx, site.id, p.checks ? checks : selectChecks(PROBE_CHECKS));
  } else if (src.lookalikes) {
    const baseDir = ctx.config.file.startsWith('(') ? process.cwd() : dirname(ctx.config.file);
    const { lookalikeSweep } = await import('./lookalikes/job');
    const swept = await lookalikeSweep(ctx, site.id, { ...(src.candidates ? { candidatesFile: resolve(baseDir, src.candidates) } : {}), ...(p.checks ? { checks } : {}) });
    return swept.result;
  } else if (src.account) {
    const { ingestFeed } = await import('./feeds');
    return ingestFeed(ctx, undefined, checks, { account: src.account });
  } else if (src.command) {
    const { CommandSource } = await import('./sources/command');
    source = new CommandSource(src.command, site.id, ctx.clock, src.timeoutSec);
  } else {
    source = ingestSource(ctx, (src.export ?? src.dir ?? src.git)!, site.id, { baseUrl: src.baseUrl, branch: src.branch });
  }
  return runAndFile(ctx, source, { command: `pipeline:${p.id}`, site, checks, ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}) });
}

export function openStore(config: Config): Store {
  return Store.open(config.store);
}
