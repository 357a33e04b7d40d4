/**
 * Checking the links a crawl found that leave its scope: each target fetched once per run however
 * many pages carry it, through the crawl's own politeness (per host and per IP) and robots.txt,
 * HEAD first for images, scripts and files (GET where HEAD is refused or answers an error GET does
 * not), GET for pages, whose content is then judged: a parked domain, prohibited content (the
 * wording.prohibited lexicon), a soft 404. A failing external host never makes the crawl partial:
 * it is the link that is broken, not our view of the site.
 */
import type { Agent } from 'undici';
import { isIP } from 'node:net';
import type { Logger } from '../../checks/types';
import { createPage } from '../../checks/page';
import { lexiconFor } from '../../checks/wording/lexicon';
import { severityRank } from '../../checks/types';
import { challengeIn, challengeOf } from '../sources/bot-challenge';
import { decodeBody } from '../sources/charset';
import { fetchOnce, FetchError, REDIRECT_STATUSES, type FetchLimits, type HttpResponse } from '../sources/fetch';
import type { LinkKind } from '../sources/links';
import { parseRetryAfter, type HostLimiter } from '../sources/politeness';
import { decide, parseRobots, RobotsFiles, type RobotsFile } from '../sources/robots';
import { ErrorPages, looksLikeErrorPage, titleOf } from './soft-404';
import { RedirectCookies } from '../sources/redirect-cookies';

export interface OutboundDeps {
  agent: Agent;
  limiter: HostLimiter;
  resolveIp(host: string): Promise<string>;
  /** Loopback and private addresses may be fetched (the crawl's SSRF guard). */
  allowPrivate: boolean;
  isPrivate(ip: string): boolean;
  userAgent: string;
  productToken: string;
  respectRobots: boolean;
  limits: FetchLimits;
  retries: number;
  maxRedirects: number;
  /** External hosts checked per run; links to further hosts are left unchecked (and said so). */
  maxHosts: number;
  log: Logger;
}

export interface OutboundResult {
  url: string;
  status?: number;
  /** No usable answer: `dns`, `timeout`, `connection-refused`, `redirect-loop` … */
  error?: string;
  finalUrl?: string;
  /** What the target serves instead of what was linked: `parked`, `prohibited: 六合彩`, `unresolvable`. */
  hijack?: string;
  /** A 200 that is the host's error page, or a redirect of a missing page to the homepage. */
  soft404?: boolean;
  /** Not fetched, with why (robots.txt, the host cap): never reported as broken. */
  notChecked?: string;
  /** An error status whose body is a firewall's bot challenge (the product): the host refused a program, not the page. */
  challenge?: string;
}

/** Registries that sell to no one but government bodies and schools: their names cannot lapse to a stranger. */
const RESERVED_REGISTRY = /(?:^|\.)(?:gov\.cn|政务|公益|mil\.cn|edu\.cn)$/iu;
const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRY_ERRORS = new Set(['timeout', 'connect-timeout', 'connection-reset', 'connection-refused', 'network', 'bad-response']);
/** Words a parking or sale page says of the domain it is on; and the parking services it names. */
const THIS_DOMAIN_PARKED = /(?:该|此|本|这个)(?:网站)?域名(?:已|正在|现)?(?:可以|可)?(?:被)?(?:出售|转让|停放|待售|过期|到期)|(?:this|the) domain(?: name)? (?:is|may be) for sale|buy this domain|domain (?:is )?parked|parked (?:free|domain)|sedoparking|bodis\.com|hugedomains|afternic|dan\.com\/buy/i;
/** Words any registrar's storefront also uses (its menu: 域名转让, 域名出售): a sign only on a page with little else. */
const DOMAIN_FOR_SALE = /域名(?:出售|转让|停放|待售|正在出售|可出售|已(?:过期|到期))|domain for sale/i;
/** A parking page is a line or two and a contact form; a storefront is pages of offers. */
const PARKING_PAGE_TEXT = 1500;
/** A page is read for hijack and error-page signs only this far. */
const PAGE_BYTES = 512 * 1024;

export class OutboundChecker {
  private readonly results = new Map<string, Promise<OutboundResult>>();
  /** Cookies the targets' redirects set (a session filter's 302 to the same address), sent back as a browser does. */
  private readonly cookies = new RedirectCookies();
  private readonly hosts = new Set<string>();
  // An external host whose robots.txt cannot be fetched is checked as it is: the link test is one request.
  private readonly robots = new RobotsFiles(
    (url) => this.fetch(url, 'GET', 256 * 1024),
    (origin, e) => parseRobots(origin, 404, undefined, (e as Error).message),
  );
  private readonly errorPages = new ErrorPages(async (u) => {
    let current = u;
    for (let hop = 0; hop <= this.deps.maxRedirects; hop++) {
      const res = await this.fetch(current, 'GET');
      const location = res.headers['location'];
      if (!REDIRECT_STATUSES.has(res.status) || !location) return { res, finalUrl: current };
      current = new URL(location, current).href;
    }
    return undefined;
  });
  /** Host names (not addresses) that resolved, and that did not, this run. */
  readonly resolved = new Set<string>();
  readonly unresolved = new Set<string>();

  constructor(private readonly deps: OutboundDeps) {}

  /**
   * No outbound name resolved at all: the resolver failed us (no network, a broken DNS server),
   * and an "unresolvable" domain says nothing about the domain.
   */
  get resolverDown(): boolean {
    return this.resolved.size === 0 && this.unresolved.size > 0;
  }

  /** Hosts whose links were checked. */
  get hostCount(): number {
    return this.hosts.size;
  }

  check(url: string, kind: LinkKind): Promise<OutboundResult> {
    let p = this.results.get(url);
    if (!p) {
      p = this.run(url, kind).catch((e: unknown) => ({ url, error: e instanceof FetchError ? e.code : 'internal' }));
      this.results.set(url, p);
    }
    return p;
  }

  private async run(url: string, kind: LinkKind): Promise<OutboundResult> {
    const host = new URL(url).host;
    if (!this.hosts.has(host)) {
      if (this.hosts.size >= this.deps.maxHosts) return { url, notChecked: `more than ${this.deps.maxHosts} external hosts in this run` };
      this.hosts.add(host);
    }
    let current = url;
    const seen = new Set([this.cookies.request(url)]);
    let method: 'GET' | 'HEAD' = kind === 'page' ? 'GET' : 'HEAD';
    for (let hop = 0; ; hop++) {
      const origin = new URL(current).origin;
      if (!decide(await this.robotsFor(origin), current, this.deps.productToken).allowed) return { url, notChecked: `robots.txt of ${origin} disallows it` };
      let res: HttpResponse;
      try {
        res = await this.fetch(current, method);
      } catch (e) {
        const code = e instanceof FetchError ? e.code : 'internal';
        // A domain that no longer resolves is the first sign of an expired registration — unless it
        // is under a registry the public cannot buy from (gov.cn, .政务, edu.cn): then it is only broken.
        return code === 'dns' && !RESERVED_REGISTRY.test(new URL(current).hostname) ? { url, error: code, hijack: 'unresolvable' } : { url, error: code };
      }
      const location = res.headers['location'];
      if (REDIRECT_STATUSES.has(res.status) && location) {
        let next: string;
        try {
          next = new URL(location, current).href;
        } catch {
          return { url, status: res.status, error: 'bad-redirect' };
        }
        if (seen.has(this.cookies.request(next))) return { url, error: 'redirect-loop' };
        if (hop + 1 > this.deps.maxRedirects) return { url, error: 'too-many-redirects' };
        seen.add(this.cookies.request(next));
        current = next;
        continue;
      }
      // HEAD refused, or answered with an error a GET may not repeat (servers that lie to HEAD).
      if (method === 'HEAD' && res.status >= 400) {
        method = 'GET';
        hop--;
        continue;
      }
      if (res.status >= 400) {
        const challenge = challengeIn(res);
        return { url, status: res.status, finalUrl: current, ...(challenge ? { challenge } : {}) };
      }
      if (method === 'GET' && kind === 'page') return { url, status: res.status, finalUrl: current, ...(await this.judgePage(url, current, res, seen.size > 1)) };
      return { url, status: res.status, finalUrl: current };
    }
  }

  /** What a page that answered 200 serves: a parking page, prohibited content, an error page. */
  private async judgePage(url: string, finalUrl: string, res: HttpResponse, redirected: boolean): Promise<Pick<OutboundResult, 'hijack' | 'soft404'>> {
    const ctype = res.headers['content-type'] ?? '';
    if (ctype && !/html|text\/plain/i.test(ctype)) return {};
    const source = decodeBody(res.body, ctype).text;
    // A challenge says nothing of what the page serves, and every URL of its host gets the same one (no soft 404).
    if (challengeOf(source)) return {};
    const text = createPage({ siteId: 'outbound', url: finalUrl, fetchedAt: res.fetchedAt, contentType: 'html', source, origin: 'crawl' }).text.text;
    const title = titleOf(source);
    if (isParked(title, text)) return { hijack: 'parked' };
    const spans = lexiconFor(undefined).spans(text, 'wording.prohibited').filter((s) => severityRank(s.severity ?? 'high') <= severityRank('high'));
    if (spans.length) return { hijack: `prohibited: ${text.slice(spans[0]!.start, spans[0]!.end)}` };
    const errorPage = await this.errorPages.of(new URL(finalUrl).origin);
    if (looksLikeErrorPage({ url, finalUrl, redirected, title, text: () => text }, errorPage)) return { soft404: true };
    return {};
  }

  private robotsFor(origin: string): Promise<RobotsFile> {
    return this.deps.respectRobots ? this.robots.of(origin) : Promise.resolve({ origin, state: 'ignored' });
  }

  private async fetch(url: string, method: 'GET' | 'HEAD', readAtMost = PAGE_BYTES): Promise<HttpResponse> {
    const u = new URL(url);
    for (let attempt = 0; ; attempt++) {
      let ip: string;
      try {
        ip = await this.deps.resolveIp(u.hostname);
        if (!isIP(u.hostname.replace(/^\[|\]$/g, ''))) this.resolved.add(u.hostname);
      } catch (e) {
        this.unresolved.add(u.hostname);
        throw new FetchError('dns', `cannot resolve ${u.hostname}: ${(e as Error).message}`, url);
      }
      if (!this.deps.allowPrivate && this.deps.isPrivate(ip)) throw new FetchError('network', `${u.hostname} resolves to private address ${ip}; refused`, url);
      const release = await this.deps.limiter.acquire(u.origin, ip);
      let res: HttpResponse | undefined;
      let err: FetchError | undefined;
      try {
        res = await fetchOnce(this.deps.agent, {
          url,
          method,
          onSent: () => this.deps.limiter.sent(u.origin),
          // Uncompressed: a body read only in part cannot be inflated.
          headers: { 'user-agent': this.deps.userAgent, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8', 'accept-encoding': 'identity', ...this.cookies.headerFor(url) },
          limits: this.deps.limits,
          // Only the start of a body is read: a link test needs the status, a page judgement its first half megabyte.
          truncateAt: readAtMost,
        });
      } catch (e) {
        err = e instanceof FetchError ? e : new FetchError('network', (e as Error).message, url);
      } finally {
        release();
      }
      if (res) {
        this.cookies.keep(url, res.status, res.headers['set-cookie']);
        if (RETRY_STATUS.has(res.status) && attempt < this.deps.retries) {
          this.deps.limiter.backOff(u.origin, parseRetryAfter(res.headers['retry-after']));
          continue;
        }
        return res;
      }
      if (RETRY_ERRORS.has(err!.code) && attempt < this.deps.retries) {
        this.deps.limiter.backOff(u.origin);
        continue;
      }
      throw err!;
    }
  }
}

/**
 * A registrar's parking or domain-sale page: it says so of its own domain (该域名正在出售), names a
 * parking service, or is a short page offering a domain for sale. A registrar's or host's own site
 * (linked from many footers as 技术支持) lists 域名转让 in its menu and is no parked domain.
 */
export function isParked(title: string, text: string): boolean {
  const start = text.slice(0, 4000);
  if (THIS_DOMAIN_PARKED.test(title) || THIS_DOMAIN_PARKED.test(start)) return true;
  return text.length < PARKING_PAGE_TEXT && (DOMAIN_FOR_SALE.test(title) || DOMAIN_FOR_SALE.test(start));
}
