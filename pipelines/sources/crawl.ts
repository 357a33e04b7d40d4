/**
 * The crawl source: seeds and sitemaps -> robots -> politeness -> fetch (redirect hops and
 * retries each go back through robots and the limiter) -> decode -> pages, attachments and
 * link observations. The frontier lives in the store, so a killed crawl resumes where it
 * stopped; every URL ends as done, failed (with its reason) or skipped (with its reason).
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPrivateAddress } from '../../checks/private-address';
import { REFUSED_TO_PROGRAMS } from '../../checks/links/broken';
import type { Agent } from 'undici';
import type { DocumentFile, DocumentKind, LinkObservation, Logger } from '../../checks/types';
import { createPage, sha256Hex } from '../../checks/page';
import { canonicalUrl } from '../canonical-url';
import type { Store, FrontierEntry, FrontierMark, FrontierRow } from '../store/store';
import { Channel } from './channel';
import { challengeIn } from './bot-challenge';
import { clientRedirectIn } from './client-redirect';
import { footerMarkup } from './footer-includes';
import { decodeBody } from './charset';
import { documentItems } from './extract';
import { createAgent, fetchOnce, FetchError, REDIRECT_STATUSES, type FetchLimits, type HttpResponse } from './fetch';
import { attachmentKind, extractLinks, isImageUrl, type ExtractedLink, type LinkKind } from './links';
import { isDatastoreDocument, isJpageBatch } from './script-pagination';
import { datastoreRecords } from '../../checks/text/datastore';
import { AnchorIndex } from '../links/anchors';
import { HostLimiter, parseRetryAfter, type PolitenessOptions } from './politeness';
import { crawlDelayMs, decide, parseRobots, RobotsFiles, sitemapsOf, type RobotsFile } from './robots';
import { readSitemaps } from './sitemap';
import { OutboundChecker } from '../links/outbound';
import { ErrorPages, looksLikeErrorPage, titleOf } from '../links/soft-404';
import { binaryMessage, binaryShare } from './binary-body';
import type { Source, SourceItem } from './source';
import { RedirectCookies } from './redirect-cookies';

export interface CrawlConfig {
  siteId: string;
  seeds: string[];
  /**
   * Pages to fetch again whatever links to them: where open findings are. A page taken down
   * answers 404 and its findings are gone; a page still served but no longer linked is judged.
   */
  recheck?: string[];
  /**
   * Resuming, fetch again the pages the earlier attempt had done: a run's findings are stored when
   * it ends, so an attempt that was killed (a queue worker's, kill -9) stored none of its pages'.
   * The queue and its failures are still resumed.
   */
  refetchDone?: boolean;
  /** The run's rules (ruleSignature): an unfinished crawl is resumed only by a run with the same rules, whose pages it did. */
  rules?: string;
  /** Extra hosts in scope besides the seeds' hosts. */
  hosts: string[];
  include: string[];
  exclude: string[];
  maxPages: number;
  maxDepth: number;
  concurrency: number;
  politeness: PolitenessOptions;
  respectRobots: boolean;
  sitemaps: boolean;
  userAgent: string;
  /** The token robots.txt groups are matched against. */
  productToken: string;
  limits: FetchLimits;
  maxAttachmentBytes: number;
  /** Fetch images and read them by OCR (slow: about half a second each). */
  ocrImages?: boolean;
  /**
   * Download and read attachments (default). Off when no enabled check reads them (`--checks links`):
   * they are then only checked to open, like images.
   */
  readAttachments?: boolean;
  retries: number;
  maxRedirects: number;
  /** Check that images and other resources load (HEAD, GET where HEAD is refused). */
  checkResources: boolean;
  /** Allow private and loopback addresses although the seeds are public (SSRF guard). */
  allowPrivateNetworks: boolean;
  /** Consecutive network failures after which an origin is given up for this crawl. */
  circuitBreaker: number;
  /** Check the links that leave the crawl's scope (once per target per run), up to this many hosts; 0: not at all. */
  maxExternalHosts: number;
}

export interface CrawlProgress {
  done: number;
  queued: number;
  failed: number;
  pages: number;
}

export interface CrawlDeps {
  store: Store;
  log: Logger;
  agent?: Agent;
  /** The politeness every request to the site goes through (default: the crawl's own); scan shares it with the key pages' profile fetches. */
  limiter?: HostLimiter;
  /** Host name -> address (default: the system resolver); tests inject one. */
  resolve?: (host: string) => Promise<string>;
  onProgress?: (p: CrawlProgress) => void;
  /** Stop taking new URLs; what is not acknowledged stays queued for the next run to resume. */
  signal?: AbortSignal;
}

const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);
/** Failures of the host rather than of one URL: retried, and counted by the circuit breaker. */
const HOST_ERRORS = new Set(['timeout', 'connect-timeout', 'connection-reset', 'connection-refused', 'dns', 'tls', 'network', 'bad-response']);
const RETRY_ERRORS = new Set(['timeout', 'connect-timeout', 'connection-reset', 'connection-refused', 'network', 'bad-response']);
/** A URL not fetched because its host was given up: skipped, never counted as broken. */
const ORIGIN_DOWN = 'origin-down';
/** A footer file is a few kilobytes; a bundle that happens to be named footer.js is read only this far. */
const FOOTER_BYTES = 256 * 1024;
/**
 * Tags a page may have to be parsed: its DOM costs about a kilobyte and a half a tag, and a 19 MiB
 * page of 1.5 million paragraphs, inside the body cap, took a scan to 2.3 GB (a machine of 4 GB
 * would have failed the whole run). A 政府网站 page has a few thousand; the hostile bench's link
 * farm, 200,000.
 */
const MAX_PAGE_TAGS = 250_000;
const TOO_BIG_TO_READ = new Set(['too-large', 'too-many-elements']);
/** Stubs in a row a page may send the browser through (a root stub to a portal stub to the homepage). */
const CLIENT_HOPS = 3;
const GOV_HOST = /\.gov\.cn$|\.政务$|\.xn--zfr164b$/i;
/** A failed row's code: `reason` is the bare code in this crawl, `code: message` when resumed from the store. */
const failureCode = (row: FrontierRow | undefined): string => row?.reason?.split(':')[0] ?? '';
const HTML_TYPE = /^(text\/html|application\/xhtml\+xml)/i;
const DOC_TYPES: [RegExp, DocumentKind][] = [
  [/application\/pdf/i, 'pdf'],
  [/application\/msword/i, 'doc'],
  [/wordprocessingml/i, 'docx'],
  [/application\/vnd\.ms-excel/i, 'xls'],
  [/spreadsheetml/i, 'xlsx'],
  [/application\/(zip|x-zip-compressed)/i, 'zip'],
  [/^image\/(png|jpeg|gif|bmp|tiff)/i, 'image'],
];
/** Edges kept per broken target as evidence; more would only repeat themselves. */
const EDGES_PER_TARGET = 20;
/** Anchor texts this short are kept once per crawl (shortText); longer ones are titles, seldom repeated. */
const SHORT_ANCHOR = 12;

interface Fetched {
  res: HttpResponse;
  finalUrl: string;
  redirects: { url: string; status: number; location: string }[];
}

type FetchOutcome = Fetched | { blocked: string } | { offsite: Fetched };

export interface CrawlOutage {
  origin: string;
  /** The failure that gave the host up: `connection-refused`, `timeout`, `dns` … */
  code: string;
  message: string;
  at: string;
  /** Consecutive failures seen before giving up. */
  failures: number;
}

/** Whether a flat edge list ([from, anchor, …]) already has an edge from `page`. */
function linksFrom(edges: readonly string[], page: string): boolean {
  for (let k = 0; k < edges.length; k += 2) if (edges[k] === page) return true;
  return false;
}

/** A sitemap or a recheck of an open finding is how a URL was found, not a page that links it. */
function linkingPage(referrer: string | undefined): referrer is string {
  return referrer !== undefined && referrer !== '' && referrer !== 'sitemap' && referrer !== 'recheck';
}

export class CrawlSource implements Source {
  readonly description: string;
  private finished = false;
  private truncated = false;
  private readonly down = new Map<string, CrawlOutage>();
  /** Pages each origin answered with a firewall's bot challenge instead of content, and whose challenge it was. */
  private readonly challenged = new Map<string, { pages: number; product: string }>();

  constructor(
    private readonly cfg: CrawlConfig,
    private readonly deps: CrawlDeps,
  ) {
    this.description = `crawl ${cfg.seeds.join(' ')}`;
  }

  /** A crawl that lost a host, or was shown a challenge instead of a page, did not see those pages: it is never complete. */
  complete(): boolean {
    return this.finished && !this.truncated && this.down.size === 0 && this.challenged.size === 0;
  }

  private running: Promise<void> = Promise.resolve();

  items(): AsyncIterable<SourceItem> {
    const out = new Channel<SourceItem>(64);
    this.running = this.run(out).then(
      () => out.close(),
      (e) => out.close(e),
    );
    return out;
  }

  /** Resolves once the crawl has made its last store write (a consumer that stopped early waits for it). */
  settled(): Promise<void> {
    return this.running;
  }

  private async run(out: Channel<SourceItem>): Promise<void> {
    const { cfg, deps } = this;
    const { store, log } = deps;
    const ownAgent = !deps.agent;
    // Connections use the same, vetted resolution as the private-address test below (no DNS rebinding).
    const agent = deps.agent ?? createAgent({ connectionsPerOrigin: cfg.politeness.perOrigin, limits: cfg.limits, resolve: (h) => resolveIp(h) });
    const limiter = deps.limiter ?? new HostLimiter(cfg.politeness);
    const seeds = cfg.seeds.map((s) => canonicalUrl(s));
    const scopeHosts = new Set([...seeds.map((s) => new URL(s).host), ...cfg.hosts.map((h) => h.toLowerCase())]);
    const include = cfg.include.map((p) => new RegExp(p));
    const exclude = cfg.exclude.map((p) => new RegExp(p));
    const ipCache = new Map<string, Promise<string>>();
    const failStreak = new Map<string, number>();
    /**
     * The pages linking each target not yet known to work, as [from, anchor text, from, anchor text,
     * …]: flat, since a crawl holds hundreds of thousands of them and an object each was a third of them.
     */
    const edges = new Map<string, string[]>();
    /**
     * One string for each short anchor text the crawl keeps: "更多", "[详细]" and "下载" stand on every
     * list page, and each link's copy was its own string among a crawl's hundreds of thousands of edges.
     */
    const shortTexts = new Map<string, string>();
    const shortText = (anchor: string): string => {
      if (anchor.length > SHORT_ANCHOR) return anchor;
      const kept = shortTexts.get(anchor);
      if (kept !== undefined) return kept;
      shortTexts.set(anchor, anchor);
      return anchor;
    };
    /** Every page that links a target, counted (edges keep only the first few). */
    const carriers = new Map<string, number>();
    /** Links that leave the scope: checked after the crawl, once each. */
    const outbound = new Map<string, { kind: LinkKind; sources: { from: string; anchor: string }[] }>();
    /** Pages that answered 200 but are their host's error page, with the pages that link them. */
    const soft404 = new Map<string, string[]>();
    const anchors = new AnchorIndex();
    const now = (): string => new Date().toISOString();

    const resolveIp = (host: string): Promise<string> => {
      const h = host.replace(/^\[|\]$/g, '');
      if (isIP(h)) return Promise.resolve(h);
      let p = ipCache.get(h);
      if (!p) {
        p = (deps.resolve ?? ((x: string) => lookup(x).then((r) => r.address)))(h);
        ipCache.set(h, p);
      }
      return p;
    };
    const seedIps = await Promise.all(seeds.map((s) => resolveIp(new URL(s).hostname).catch(() => '')));
    const allowPrivate = cfg.allowPrivateNetworks || seedIps.some((ip) => ip !== '' && isPrivateAddress(ip));

    /** Whether the crawl reads the address: on its hosts and let through by include/exclude ("kept-out" when those keep it out). */
    const scopeOf = (url: string): 'in' | 'kept-out' | 'elsewhere' => {
      if (!scopeHosts.has(new URL(url).host)) return 'elsewhere';
      if (include.length && !include.some((r) => r.test(url))) return 'kept-out';
      return exclude.some((r) => r.test(url)) ? 'kept-out' : 'in';
    };
    const inScope = (url: string): boolean => scopeOf(url) === 'in';

    const refusalStreak = new Map<string, number>();
    /** Count a host failure; at `circuitBreaker` in a row the host is given up for this crawl. */
    const hostFailed = (origin: string, e: FetchError): void => {
      const n = (failStreak.get(origin) ?? 0) + 1;
      failStreak.set(origin, n);
      if (n >= cfg.circuitBreaker && !this.down.has(origin)) giveUp(origin, e.code, e.message, n);
    };
    const giveUp = (origin: string, code: string, message: string, failures: number): void => {
      this.down.set(origin, { origin, code, message, at: now(), failures });
      log.warn({ origin, code, failures }, 'host given up: the rest of its URLs are not fetched and the crawl is not complete');
    };
    /** Bot challenges in a row per origin: at `circuitBreaker` the firewall is taken to answer every request so. */
    const challengeStreak = new Map<string, number>();

    const cookies = new RedirectCookies();
    const fetchRetrying = async (url: string, method: 'GET' | 'HEAD', maxBody?: number): Promise<HttpResponse> => {
      const u = new URL(url);
      const origin = u.origin;
      for (let attempt = 0; ; attempt++) {
        const down = this.down.get(origin);
        if (down) throw new FetchError(ORIGIN_DOWN, `not fetched: ${origin} was given up after ${down.failures} consecutive failures (${down.code})`, url);
        let ip: string;
        try {
          ip = await resolveIp(u.hostname);
        } catch (e) {
          const fe = new FetchError('dns', `cannot resolve ${u.hostname}: ${(e as Error).message}`, url);
          hostFailed(origin, fe);
          throw fe;
        }
        if (!allowPrivate && isPrivateAddress(ip)) {
          throw new FetchError('network', `${u.hostname} resolves to private address ${ip}; refused (set crawl.allowPrivateNetworks)`, url);
        }
        const release = await limiter.acquire(origin, ip);
        let res: HttpResponse | undefined;
        let err: FetchError | undefined;
        try {
          res = await fetchOnce(agent, {
            url,
            method,
            onSent: () => limiter.sent(origin),
            headers: { 'user-agent': cfg.userAgent, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8', 'accept-encoding': 'gzip, deflate, br', ...cookies.headerFor(url) },
            limits: cfg.limits,
            maxBodyBytes: maxBody,
          });
        } catch (e) {
          err = e as FetchError;
        } finally {
          release();
        }
        if (res) {
          cookies.keep(url, res.status, res.headers['set-cookie']);
          failStreak.set(origin, 0);
          // A firewall's refusals (checks/links/broken.ts), `circuitBreaker` in a row from one host, are a
          // block, not that many broken links: the host is given up and the crawl is partial, saying why.
          if (REFUSED_TO_PROGRAMS.has(res.status)) {
            const n = (refusalStreak.get(origin) ?? 0) + 1;
            refusalStreak.set(origin, n);
            if (n >= cfg.circuitBreaker && !this.down.has(origin)) {
              giveUp(origin, 'blocked', `${n} requests in a row were answered HTTP ${res.status}: the site's firewall is turning the crawler away (allow its address or user agent)`, n);
            }
          } else refusalStreak.set(origin, 0);
          if (RETRY_STATUS.has(res.status) && attempt < cfg.retries) {
            const waited = limiter.backOff(origin, parseRetryAfter(res.headers['retry-after']));
            log.debug({ url, status: res.status, attempt, waited }, 'retrying after server push-back');
            continue;
          }
          if (res.status < 400) limiter.succeeded(origin);
          return res;
        }
        const e = err!;
        if (HOST_ERRORS.has(e.code)) hostFailed(origin, e);
        if (RETRY_ERRORS.has(e.code) && attempt < cfg.retries && !this.down.has(origin)) {
          limiter.backOff(origin);
          log.debug({ url, code: e.code, attempt }, 'retrying after network error');
          continue;
        }
        throw e;
      }
    };

    /**
     * Start pages that gave no page, though nothing failed: why, as the host is given up when
     * nothing else of its site was read either (a run reading no page must not pass as clean).
     */
    const startUnread = new Map<string, { code: string; message: string }>();
    /** Origins of which a page or attachment was handed on to be checked. */
    const readOrigins = new Set<string>();
    /** robots.txt that could not be fetched at all (no HTTP answer), by origin. */
    const robotsDown = new Map<string, FetchError>();
    const robotsFiles = new RobotsFiles(
      (url) => fetchRetrying(url, 'GET', 512 * 1024),
      (origin, e) => {
        if (e instanceof FetchError) robotsDown.set(origin, e);
        return parseRobots(origin, undefined, undefined, (e as FetchError).code ?? (e as Error).message);
      },
      (file) => {
        const delay = crawlDelayMs(file, cfg.productToken);
        if (delay !== undefined) limiter.setCrawlDelay(file.origin, delay);
        log.info({ origin: file.origin, state: file.state, status: file.status, ...(delay !== undefined ? { crawlDelayMs: delay } : {}) }, 'robots.txt');
      },
    );
    const robotsFor = (origin: string): Promise<RobotsFile> => (cfg.respectRobots ? robotsFiles.of(origin) : Promise.resolve({ origin, state: 'ignored' }));

    const fetchFollowing = async (url: string, method: 'GET' | 'HEAD', maxBody?: number): Promise<FetchOutcome> => {
      let current = url;
      const redirects: Fetched['redirects'] = [];
      const seen = new Set([cookies.request(current)]);
      for (let hop = 0; ; hop++) {
        const origin = new URL(current).origin;
        const verdict = decide(await robotsFor(origin), current, cfg.productToken);
        if (!verdict.allowed) {
          // RFC 9309 disallows everything when robots.txt is unreachable; that is the host failing, not a choice to skip.
          const netErr = robotsDown.get(origin);
          if (netErr) throw new FetchError(netErr.code, `robots.txt could not be fetched (${netErr.message}), so nothing on ${origin} was crawled`, url);
          return { blocked: `${current}: ${verdict.reason}` };
        }
        const res = await fetchRetrying(current, method, maxBody);
        const location = res.headers['location'];
        if (REDIRECT_STATUSES.has(res.status) && location) {
          let next: string;
          try {
            next = canonicalUrl(new URL(location, current).href);
          } catch {
            return { res, finalUrl: current, redirects } as Fetched;
          }
          redirects.push({ url: current, status: res.status, location: next });
          if (seen.has(cookies.request(next))) throw new FetchError('network', `redirect loop: ${[...redirects.map((r) => r.url), next].join(' -> ')}`, url);
          if (hop + 1 > cfg.maxRedirects) throw new FetchError('network', `more than ${cfg.maxRedirects} redirects`, url);
          seen.add(cookies.request(next));
          if (!scopeHosts.has(new URL(next).host)) return { offsite: { res, finalUrl: next, redirects } };
          current = next;
          continue;
        }
        return { res, finalUrl: current, redirects };
      }
    };

    // ---- frontier ----
    let active = 0;
    let sleepers: (() => void)[] = [];
    function wake(): void {
      const s = sleepers;
      sleepers = [];
      s.forEach((f) => f());
    }
    const { crawlId, resumed } = store.openCrawl(cfg.siteId, seeds, now(), cfg.rules);
    const visited = new Map<string, FrontierRow>();
    const queue: FrontierEntry[] = [];
    /** Addresses made from a list script's parameters (jpage proxy batches), not found as links. */
    const scripted = new Set<string>();
    let pagesDone = 0;
    let pagesReserved = 0;
    let failed = 0;
    for (const row of resumed ? store.frontierRows(crawlId) : []) {
      if (isJpageBatch(row.url)) scripted.add(row.url);
      if (cfg.refetchDone && row.kind === 'page' && row.state === 'done') {
        const again: FrontierRow = { ...row, state: 'queued' };
        visited.set(row.url, again);
        queue.push(again);
        continue;
      }
      visited.set(row.url, row);
      if (row.state === 'queued') queue.push(row);
      else if (row.kind === 'page' && row.state === 'done') pagesDone++;
      if (linkingPage(row.referrer) && row.state === 'failed' && !scripted.has(row.url)) edges.set(row.url, [row.referrer, row.anchor ?? '']);
    }
    if (resumed) log.info({ crawlId, queued: queue.length, done: visited.size - queue.length }, 'resuming crawl');

    // Frontier writes are batched: one transaction per few hundred changes instead of two per page.
    // A kill loses at most the last batch, whose pages are then fetched again (never skipped).
    const pendingAdds: FrontierEntry[] = [];
    const pendingMarks: FrontierMark[] = [];
    let flushTimer: NodeJS.Timeout | undefined;
    const flush = (): void => {
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = undefined;
      store.frontierWrite(crawlId, pendingAdds.splice(0), pendingMarks.splice(0));
    };
    // A store that fails under a timer's write (a database gone away) ends the crawl with that
    // error, for the run to fail on, rather than escaping as an uncaught exception.
    const flushOrFail = (): void => {
      try {
        flush();
      } catch (e) {
        log.error({ crawlId, err: (e as Error).message }, 'the store refused the frontier; the crawl stops');
        out.close(e as Error);
      }
    };
    // Set once the crawl is over: a consumer still acking queued pages then writes at once, since
    // a timer left behind would fire after the run has closed the store.
    let ended = false;
    const persistLater = (): void => {
      if (ended || pendingAdds.length + pendingMarks.length >= 512) flush();
      else flushTimer ??= setTimeout(flushOrFail, 200);
    };
    const mark = (url: string, state: FrontierRow['state'], status?: number, reason?: string): void => {
      pendingMarks.push({ url, state, status, reason });
      persistLater();
    };

    const enqueue = (entries: FrontierEntry[]): void => {
      let added = 0;
      for (const e of entries) {
        if (visited.has(e.url)) continue;
        // Every field named at once: a spread here gave each of a crawl's 50,000 rows a hidden class of
        // its own once rows began to change state (13 MB of V8 maps in a heap snapshot).
        const row: FrontierRow = { url: e.url, depth: e.depth, kind: e.kind, referrer: e.referrer, anchor: e.anchor, lastmod: e.lastmod, state: 'queued', status: undefined, reason: undefined };
        visited.set(e.url, row);
        pendingAdds.push(e);
        queue.push(e);
        added++;
      }
      if (added) {
        persistLater();
        wake();
      }
    };

    // Rechecked pages go in whether or not the crawl resumes: they are not reached by links.
    const recheck = (cfg.recheck ?? []).map((u) => canonicalUrl(u)).filter((u) => inScope(u));
    // A crawl killed before its first frontier write left nothing to resume: it starts afresh
    // (resuming an empty frontier would read no page and call the site clean).
    if (!resumed || visited.size === 0) {
      enqueue(seeds.map((url) => ({ url, depth: 0, kind: 'page' })));
      enqueue(recheck.map((url) => ({ url, depth: 1, kind: 'page', referrer: 'recheck', anchor: 'open finding' })));
      if (cfg.sitemaps) {
        const origins = [...new Set(seeds.map((s) => new URL(s).origin))];
        for (const origin of origins) {
          const robots = await robotsFor(origin);
          const declared = sitemapsOf(robots);
          const sitemapUrls = declared.length ? declared : [`${origin}/sitemap.xml`];
          const budget = cfg.maxPages * 2;
          const found = await readSitemaps(sitemapUrls, budget, async (u) => {
            const o = await fetchFollowing(u, 'GET');
            return 'res' in o ? o.res : undefined;
          }, log);
          const entries = found
            .map((f) => ({ ...f, loc: canonicalUrl(f.loc) }))
            .filter((f) => inScope(f.loc))
            .map((f): FrontierEntry => ({ url: f.loc, depth: 1, kind: 'page', referrer: 'sitemap', anchor: 'sitemap', lastmod: f.lastmod }));
          log.info({ origin, sitemaps: sitemapUrls.length, urls: found.length, inScope: entries.length }, 'sitemaps read');
          enqueue(entries);
        }
      }
    } else {
      enqueue(seeds.map((url) => ({ url, depth: 0, kind: 'page' })));
      enqueue(recheck.map((url) => ({ url, depth: 1, kind: 'page', referrer: 'recheck', anchor: 'open finding' })));
    }

    // ---- workers ----
    log.info({ crawlId, seeds, maxPages: cfg.maxPages, concurrency: cfg.concurrency, perOrigin: cfg.politeness.perOrigin, minIntervalMs: cfg.politeness.minIntervalMs }, 'crawling');
    let loggedAt = Date.now();
    const progress = (): void => {
      deps.onProgress?.({ done: visited.size - queue.length - active, queued: queue.length, failed, pages: pagesDone });
      // A line every 10 s at info: a cron log shows the crawl moving and at what rate.
      if (Date.now() - loggedAt >= 10_000) {
        loggedAt = Date.now();
        log.info({ crawlId, pages: pagesDone, queued: queue.length, failed }, 'pages done');
      }
    };

    const fail = async (e: FrontierEntry, code: string, message: string, status?: number): Promise<void> => {
      failed++;
      mark(e.url, 'failed', status, `${code}: ${message}`);
      const row = visited.get(e.url);
      if (row) Object.assign(row, { state: 'failed', status, reason: code });
      // An address a list script would request is no link on the page: its failure is the list's later records unread, not a broken link.
      if (scripted.has(e.url)) {
        await out.push({ kind: 'skipped', url: e.url, reason: `list records not read: ${code} ${message}` });
        return;
      }
      if (linkingPage(e.referrer) && !edges.has(e.url)) edges.set(e.url, [e.referrer, e.anchor ?? '']);
      await out.push({ kind: 'error', error: { input: e.url, code, message, status } });
    };

    const processEntry = async (e: FrontierEntry): Promise<void> => {
      const kind = e.kind as LinkKind;
      // Reserve the page's place under the cap before fetching: with concurrent workers, counting
      // only finished pages would let the cap be overshot by the number of workers.
      if (kind === 'page' && pagesDone + pagesReserved >= cfg.maxPages) {
        this.truncated = true;
        mark(e.url, 'skipped', undefined, 'page cap');
        await out.push({ kind: 'skipped', url: e.url, reason: `page cap ${cfg.maxPages} reached` });
        return;
      }
      if (kind === 'resource' && !cfg.checkResources) {
        mark(e.url, 'skipped', undefined, 'resources not checked');
        return;
      }
      const slot = { held: kind === 'page' };
      if (slot.held) pagesReserved++;
      try {
        await fetchAndEmit(e, kind, slot);
      } finally {
        if (slot.held) pagesReserved--;
      }
    };

    const noteOutbound = (url: string, kind: LinkKind, from: string, anchor: string): void => {
      if (!/^https?:/i.test(url)) return;
      const o = outbound.get(url);
      if (!o) outbound.set(url, { kind, sources: [{ from, anchor }] });
      else if (o.sources.length < EDGES_PER_TARGET && !o.sources.some((x) => x.from === from)) o.sources.push({ from, anchor });
    };

    /** The host's answer to an address that cannot exist, learnt once per origin. */
    const errorPages = new ErrorPages(async (u) => {
      const o = await fetchFollowing(u, 'GET');
      return 'res' in o ? { res: o.res, finalUrl: o.finalUrl } : undefined;
    });

    const isErrorPage = async (url: string, finalUrl: string, redirected: boolean, html: string, text: () => string): Promise<boolean> =>
      looksLikeErrorPage({ url, finalUrl, redirected, title: titleOf(html), html, text }, await errorPages.of(new URL(finalUrl).origin));

    /** Outbound links, each target once, at the crawl's concurrency; each becomes observations with what it answered. */
    const checkOutbound = async (): Promise<LinkObservation[]> => {
      if (!outbound.size) return [];
      const checker = new OutboundChecker({
        agent, limiter, resolveIp, allowPrivate, isPrivate: isPrivateAddress, userAgent: cfg.userAgent, productToken: cfg.productToken,
        respectRobots: cfg.respectRobots, limits: cfg.limits, retries: cfg.retries, maxRedirects: cfg.maxRedirects, maxHosts: cfg.maxExternalHosts, log,
      });
      const targets = [...outbound];
      const found: LinkObservation[] = [];
      let unchecked = 0;
      let next = 0;
      const work = async (): Promise<void> => {
        while (next < targets.length && !deps.signal?.aborted) {
          const [to, o] = targets[next++]!;
          const r = await checker.check(to, o.kind);
          if (r.notChecked) {
            unchecked++;
            continue;
          }
          // Working outbound links are kept too: links.hijacked reads their anchors (a 政府 name leading off gov.cn).
          for (const s of o.sources) {
            found.push({ from: s.from, to, status: r.status, ...(r.error ? { error: r.error } : {}), anchor: s.anchor, external: true, carriers: carriers.get(to) ?? o.sources.length, ...(r.soft404 ? { soft404: true } : {}), ...(r.hijack ? { hijack: r.hijack } : {}), ...(r.challenge ? { challenge: r.challenge } : {}) });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, cfg.concurrency) }, work));
      log.info({ crawlId, targets: targets.length, hosts: checker.hostCount, unchecked }, 'outbound links checked');
      if (checker.resolverDown) {
        // Our resolver failed, not their domains: those links are not judged, and the run says so.
        const names = [...checker.unresolved];
        await out.push({ kind: 'error', error: { input: 'outbound links', code: 'dns-unavailable', message: `no outbound host name resolved this run (${names.slice(0, 3).join(', ')}${names.length > 3 ? ' …' : ''}): the resolver or the network is down, so links to them were not judged` } });
        return found.filter((l) => l.error !== 'dns');
      }
      return found;
    };

    /** Where a small HTML answer that only sends the browser on sends it. */
    const stubTarget = (res: HttpResponse, url: string): string | undefined => {
      const target = clientRedirectIn(res, url);
      return target === undefined ? undefined : canonicalUrl(target);
    };

    /** `slot.held` turns false when the reserved page place becomes a counted page. */
    const fetchAndEmit = async (e: FrontierEntry, kind: LinkKind, slot: { held: boolean }): Promise<void> => {
      /** Only whether it opens matters: an image, a script, an attachment no check reads. */
      const opensOnly = kind === 'resource' || (kind === 'attachment' && cfg.readAttachments === false);
      let outcome: FetchOutcome;
      try {
        outcome = await fetchFollowing(e.url, opensOnly ? 'HEAD' : 'GET', kind === 'attachment' ? cfg.maxAttachmentBytes : undefined);
        // HEAD refused, or answered with an error a GET may not repeat (servers that lie to HEAD).
        if (opensOnly && 'res' in outcome && outcome.res.status >= 400) {
          outcome = await fetchFollowing(e.url, 'GET');
        }
      } catch (err) {
        const fe = err as FetchError;
        if (fe.code === ORIGIN_DOWN) {
          // Not tried, so neither broken nor an error of its own: the outage is reported once.
          mark(e.url, 'skipped', undefined, fe.message);
          await out.push({ kind: 'skipped', url: e.url, reason: fe.message });
          return;
        }
        await fail(e, fe.code ?? 'network', fe.message);
        return;
      }
      if ('blocked' in outcome) {
        // Many a 政府网站's robots.txt turns every crawler away; its own office must be told, not shown a clean run.
        if (e.depth === 0) startUnread.set(e.url, { code: 'start-page-disallowed', message: `robots.txt keeps ${cfg.productToken} from the start page (${outcome.blocked}): nothing of the site was read (allow ${cfg.productToken} in the site's robots.txt, or set crawl.respectRobots to false for a site your office runs)` });
        mark(e.url, 'skipped', undefined, outcome.blocked);
        await out.push({ kind: 'skipped', url: e.url, reason: outcome.blocked });
        return;
      }
      if ('offsite' in outcome) {
        mark(e.url, 'done', outcome.offsite.res.status, `redirects off-site to ${outcome.offsite.finalUrl}`);
        if (e.depth === 0) startUnread.set(e.url, movedAway(e.url, outcome.offsite.finalUrl));
        return;
      }
      // A stub that sends the browser on (client-redirect.ts) is followed as an HTTP redirect is, so
      // the page read — and dated, and checked — is the one a visitor lands on.
      for (let hop = 0; !opensOnly && hop < CLIENT_HOPS; hop++) {
        const target = stubTarget(outcome.res, outcome.finalUrl);
        if (!target || outcome.redirects.some((r) => r.url === target)) break;
        if (!inScope(target)) {
          // Another government host is where the site lives; anywhere else, the stub stays the page for the tamper rules to judge.
          if (!GOV_HOST.test(new URL(target).hostname)) break;
          mark(e.url, 'done', outcome.res.status, `redirects off-site (by its page) to ${target}`);
          if (e.depth === 0) startUnread.set(e.url, movedAway(e.url, target));
          return;
        }
        let next: FetchOutcome;
        try {
          next = await fetchFollowing(target, 'GET');
        } catch (err) {
          const fe = err as FetchError;
          await fail(e, fe.code ?? 'network', `${fe.message} (after ${outcome.finalUrl} sent the browser to ${target})`);
          return;
        }
        if (!('res' in next)) break;
        outcome = { res: next.res, finalUrl: next.finalUrl, redirects: [...outcome.redirects, { url: outcome.finalUrl, status: outcome.res.status, location: target }, ...next.redirects] };
      }
      const { res, finalUrl, redirects } = outcome;
      const challenge = opensOnly ? undefined : challengeIn(res);
      if (challenge) {
        // Neither a page nor a broken link: the firewall's answer says nothing about what is there.
        const origin = new URL(finalUrl).origin;
        const n = (challengeStreak.get(origin) ?? 0) + 1;
        challengeStreak.set(origin, n);
        const seen = this.challenged.get(origin);
        this.challenged.set(origin, { pages: (seen?.pages ?? 0) + 1, product: challenge });
        if (n >= cfg.circuitBreaker && !this.down.has(origin)) {
          giveUp(origin, 'blocked', `${n} requests in a row were answered with a bot challenge (${challenge}, HTTP ${res.status}) instead of the page: the site's firewall is turning the crawler away (allow its address or user agent)`, n);
        }
        const row = visited.get(e.url);
        if (row) Object.assign(row, { state: 'skipped', status: res.status, reason: 'challenge' });
        edges.delete(e.url);
        const reason = `challenge: answered with a bot challenge (${challenge}) instead of the page`;
        mark(e.url, 'skipped', res.status, reason);
        await out.push({ kind: 'skipped', url: e.url, reason });
        return;
      }
      if (res.status >= 400) {
        await fail(e, `http-${res.status}`, `HTTP ${res.status}`, res.status);
        return;
      }
      const row = visited.get(e.url);
      if (row) Object.assign(row, { state: 'done', status: res.status });
      const carriedBy = edges.get(e.url);
      edges.delete(e.url);
      const markDone = (): void => mark(e.url, 'done', res.status);
      // A jpage proxy's batch of list records: followed for its links, not a page of its own.
      if (!opensOnly && isDatastoreDocument(res.body)) {
        const decodedList = decodeBody(res.body, res.headers['content-type'] ?? '');
        follow(datastoreRecords(decodedList.text).flatMap((r) => extractLinks(r.html, finalUrl, decodedList.charset.encoding)), e, finalUrl);
        markDone();
        return;
      }
      const ctype = res.headers['content-type'] ?? '';
      const docKind = attachmentKind(finalUrl) ?? DOC_TYPES.find(([re]) => re.test(ctype))?.[1];
      if (opensOnly) {
        markDone();
        return;
      }
      if (kind === 'attachment' || (docKind && !HTML_TYPE.test(ctype))) {
        const doc: DocumentFile = {
          siteId: cfg.siteId, url: finalUrl, linkedFrom: linkingPage(e.referrer) ? e.referrer : undefined, kind: docKind ?? 'other', fetchedAt: res.fetchedAt,
          status: res.status, headers: res.headers, bytes: res.body, sha256: sha256Hex(res.body), parts: [],
        };
        const items = await documentItems(doc);
        // A file that could not be opened (a corrupt PDF) was not checked: it is no reading of the site.
        const unopened = items.find((item) => item.kind === 'error');
        if (!unopened) readOrigins.add(new URL(e.url).origin);
        else if (e.depth === 0) {
          startUnread.set(e.url, unreadable(e.url, ctype, ` that could not be opened (${unopened.error.message})`));
        }
        for (const item of items) await out.push(item.kind === 'document' ? { ...item, ack: markDone } : item);
        return;
      }
      const looksHtml = HTML_TYPE.test(ctype) || (!ctype && /^\s*</.test(res.body.subarray(0, 64).toString('latin1')));
      if (!looksHtml) {
        if (e.depth === 0) startUnread.set(e.url, unreadable(e.url, ctype, ', not a web page'));
        markDone();
        return;
      }
      const binary = binaryShare(res.body);
      if (binary !== undefined) {
        if (e.depth === 0) startUnread.set(e.url, unreadable(e.url, ctype, ` with ${binaryMessage(binary)}`));
        await fail(e, 'not-text', `answered ${ctype || 'no content type'} with ${binaryMessage(binary)}: nothing in it was checked`);
        return;
      }
      if (challengeStreak.size) challengeStreak.set(new URL(finalUrl).origin, 0);
      const decoded = decodeBody(res.body, ctype);
      const tags = tagsUpTo(decoded.text, MAX_PAGE_TAGS + 1);
      if (tags > MAX_PAGE_TAGS) {
        await fail(e, 'too-many-elements', `the page has more than ${MAX_PAGE_TAGS.toLocaleString('en')} tags: not parsed, since its DOM alone would take gigabytes`);
        return;
      }
      pagesDone++;
      if (slot.held) {
        slot.held = false;
        pagesReserved--;
      }
      // A start page's footer loaded by script or frame (footer-includes.ts), fetched like any URL of the site.
      const includes = e.depth === 0 ? await footerMarkup(decoded.text, finalUrl, async (url) => {
        const got = await fetchFollowing(url, 'GET', FOOTER_BYTES);
        return 'res' in got ? got.res : undefined;
      }) : undefined;
      const page = createPage({
        siteId: cfg.siteId, url: e.url, finalUrl, redirects, status: res.status, headers: res.headers, fetchedAt: res.fetchedAt,
        body: res.body, contentType: 'html', charset: decoded.charset, source: decoded.text, origin: 'crawl', depth: e.depth,
        ...(e.lastmod ? { sitemapLastmod: e.lastmod } : {}), ...(includes?.length ? { includes } : {}),
      });
      if (carriedBy && (await isErrorPage(e.url, finalUrl, redirects.length > 0, decoded.text, () => page.text.text))) soft404.set(e.url, carriedBy);
      anchors.recordPage(e.url === finalUrl ? [e.url] : [e.url, finalUrl], decoded.text);
      follow(extractLinks(decoded.text, finalUrl, decoded.charset.encoding), e, finalUrl);
      readOrigins.add(new URL(e.url).origin);
      await out.push({ kind: 'page', page, ack: markDone });
    };

    /** Queue what a fetched page links to, and note who carries each link (the evidence of a broken one). */
    const follow = (links: readonly ExtractedLink[], e: FrontierEntry, finalUrl: string): void => {
      const next: FrontierEntry[] = [];
      for (const link of links) {
        const url = link.url;
        if (link.fragment && link.kind === 'page') anchors.noteLink(e.url, url, link.fragment, link.anchor);
        // A link into the page itself adds nothing to crawl or count.
        if (url === e.url || url === finalUrl) continue;
        carriers.set(url, (carriers.get(url) ?? 0) + 1);
        // Most links point at pages already known (and so in scope); only new ones need the scope test.
        const known = visited.get(url);
        const scope = known ? 'in' : scopeOf(url);
        if (scope !== 'in') {
          // The site's own addresses its office keeps out (crawl.include/exclude) are not requested at all.
          if (scope === 'elsewhere' && cfg.maxExternalHosts > 0) noteOutbound(url, link.kind, e.url, link.anchor);
          continue;
        }
        if (link.kind === 'page' && e.depth + 1 > cfg.maxDepth) continue;
        // Edges are kept only for targets not yet known to work: they are the evidence of a broken link.
        if (link.scripted) scripted.add(url);
        else if (known?.state !== 'done') {
          // A new list is made at its size: pushed into an empty one, each took room for sixteen
          // (100,000 links on one page held 15 MB of empty slots).
          const list = edges.get(url);
          if (!list) edges.set(url, [e.url, shortText(link.anchor)]);
          else if (list.length < EDGES_PER_TARGET * 2 && !linksFrom(list, e.url)) list.push(e.url, shortText(link.anchor));
        }
        // With OCR on, pictures are fetched whole and read like attachments (scanned 公示 lists).
        const kind = cfg.ocrImages && link.kind === 'resource' && isImageUrl(url) ? 'attachment' : link.kind;
        if (!known) next.push({ url, depth: e.depth + 1, kind, referrer: e.url, anchor: shortText(link.anchor) });
      }
      enqueue(next);
    };

    const worker = async (): Promise<void> => {
      for (;;) {
        if (deps.signal?.aborted || out.isClosed) {
          wake();
          return;
        }
        const e = queue.shift();
        if (!e) {
          if (active === 0) {
            wake();
            return;
          }
          await new Promise<void>((r) => sleepers.push(r));
          continue;
        }
        active++;
        try {
          await processEntry(e);
        } catch (err) {
          // A bug in processing one URL must not lose it: record and go on.
          await fail(e, 'internal', (err as Error).stack ?? String(err));
        } finally {
          active--;
          progress();
          if (active === 0 && queue.length === 0) wake();
        }
      }
    };

    try {
      await Promise.all(Array.from({ length: Math.max(1, cfg.concurrency) }, worker));
      if (deps.signal?.aborted || out.isClosed) {
        log.warn({ crawlId, queued: queue.length }, 'crawl stopped; the next scan of this site resumes it');
        return;
      }
      // A seed that failed with no page of its host fetched: nothing of that site was read, however few
      // tries it took — down (a network error, 5xx, a missing start page) or turning the crawler away.
      for (const seed of seeds) {
        const origin = new URL(seed).origin;
        const row = visited.get(seed);
        // Nothing of the site was handed on to be checked, and no outage explains it.
        const unread = !this.down.has(origin) && !readOrigins.has(origin);
        const why = startUnread.get(seed);
        if (unread && why) {
          giveUp(origin, why.code, why.message, 1);
          continue;
        }
        if (!unread || !row || (row.state !== 'failed' && !(row.state === 'skipped' && failureCode(row) === 'challenge'))) continue;
        const code = failureCode(row);
        if (code === 'challenge') {
          giveUp(origin, 'blocked', `the start page ${seed} was answered with a bot challenge (${this.challenged.get(origin)?.product}) instead of the page: the site's firewall is turning the crawler away (allow its address or user agent)`, 1);
        } else if (row.status !== undefined && (REFUSED_TO_PROGRAMS.has(row.status) || row.status === 429)) {
          giveUp(origin, 'blocked', `the start page ${seed} was answered HTTP ${row.status}: the site's firewall is turning the crawler away (allow its address or user agent)`, 1);
        } else if (row.status !== undefined && row.status < 500) {
          // The site may be up at its root: the configured address is what is wrong, not the site's availability.
          giveUp(origin, 'start-page-missing', `the start page ${seed} answered HTTP ${row.status}: nothing of the site was read (check the configured address)`, 1);
        } else if (HOST_ERRORS.has(code) || row.status !== undefined) {
          giveUp(origin, code, row.status !== undefined ? `the start page ${seed} answered HTTP ${row.status}` : `the start page ${seed} failed (${code})`, Math.max(1, failStreak.get(origin) ?? 0));
        } else {
          // Answered, but past what is read (too large, too slow, a bomb): nothing of the site was
          // checked either, and a run reading no page must not pass as a clean one.
          giveUp(origin, 'start-page-unreadable', `the start page ${seed} could not be read (${code}): nothing of the site was read`, 1);
        }
      }
      for (const o of this.down.values()) await out.push({ kind: 'outage', outage: o });
      for (const [origin, c] of this.challenged) {
        if (this.down.has(origin)) continue;
        await out.push({ kind: 'error', error: { input: origin, code: 'bot-challenge', message: `${origin}: ${c.pages} page(s) were answered with a bot challenge (${c.product}) instead of content and were not checked; this run does not count as complete (allow the crawler's address or user agent)` } });
      }
      const links: LinkObservation[] = [];
      for (const [to, row] of visited) {
        if (row.state !== 'failed') continue;
        // A host that went down explains its own failures: they are one outage, not broken links;
        // a host that turned the crawler away explains its refusals.
        const down = this.down.get(new URL(to).origin);
        if (down && (HOST_ERRORS.has(failureCode(row)) || (down.code === 'blocked' && row.status !== undefined && REFUSED_TO_PROGRAMS.has(row.status)))) continue;
        // Answered whole but past what is read (a 60 MB 规划 PDF, a page of a million tags): it works
        // for its visitors, so it is the run's error (not checked), not a broken link.
        if (TOO_BIG_TO_READ.has(failureCode(row))) continue;
        const list = edges.get(to) ?? [];
        for (let k = 0; k < list.length; k += 2) {
          links.push({ from: list[k]!, to, status: row.status, error: row.status ? undefined : row.reason, anchor: list[k + 1]!, carriers: carriers.get(to) ?? 1 });
        }
      }
      for (const [to, list] of soft404) {
        for (let k = 0; k < list.length; k += 2) links.push({ from: list[k]!, to, status: 200, anchor: list[k + 1]!, soft404: true, carriers: carriers.get(to) ?? 1 });
      }
      for (const l of anchors.missing()) links.push(l);
      for (const l of await checkOutbound()) links.push(l);
      await out.push({ kind: 'links', links });
      store.finishCrawl(crawlId, now());
      this.finished = true;
      log.info({ crawlId, pages: pagesDone, failed, truncated: this.truncated }, 'crawl finished');
    } finally {
      ended = true;
      try {
        flush();
      } finally {
        // A shared limiter is its owner's to close: dropped here, the key-page profile fetches
        // still waiting on it never started, and a scan of a small site waited for them forever.
        if (!deps.limiter) limiter.close();
        if (ownAgent) await agent.close();
      }
    }
  }
}

/** How many tags (`<` and a letter) the markup has, counting no further than `limit`. */
function tagsUpTo(html: string, limit: number): number {
  let n = 0;
  for (let i = html.indexOf('<'); i >= 0 && n < limit; i = html.indexOf('<', i + 1)) {
    const c = html.charCodeAt(i + 1) | 0x20;
    if (c >= 0x61 && c <= 0x7a) n++;
  }
  return n;
}

/** The start page answered, but with nothing a page's checks read (`what` it was, after its content type). */
function unreadable(seed: string, ctype: string, what: string): { code: string; message: string } {
  return { code: 'start-page-unreadable', message: `the start page ${seed} answered ${ctype || 'no content type'}${what}: nothing of the site was read` };
}

/**
 * The configured address sends visitors elsewhere (a site moved to a new host, or a homepage made
 * to redirect away): nothing of the site is read there.
 */
function movedAway(seed: string, to: string): { code: string; message: string } {
  return { code: 'start-page-offsite', message: `the start page ${seed} redirects to ${to}, outside the site: nothing of the site was read (configure the address it now lives at, or list that host in the site's hosts if it is the same site)` };
}
