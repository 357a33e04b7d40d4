/**
 * The lookalike sweep as a source: generate candidates for a site's gov.cn host (and take listed
 * ones), resolve each through the configured resolver, fetch what resolves, and hand the pages to
 * the run, where the counterfeit rules judge them like any page (retrieval apart from analysis).
 * Every candidate keeps an entry with what retrieval learnt; `verdicts` turns the run's findings
 * into the entry's verdict and reasons. A candidate that fails in any way gets the failure as its
 * reason and the sweep goes on; a lookup that got no answer leaves the sweep partial, since it
 * judged less than it meant to.
 */
import { Resolver } from 'node:dns/promises';
import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import { createPage } from '../../checks/page';
import { deceptiveShape, lookalikeCandidates, type Candidate } from '../../checks/counterfeit/candidates';
import { asciiHost, hostOf, isOfficialHost, ownerOf } from '../../checks/counterfeit/hosts';
import type { Clock, Finding, Inventory } from '../../checks/types';
import { checkById } from '../../checks/registry';
import type { Source, SourceItem } from '../sources/source';
import { challengeOf } from '../sources/bot-challenge';
import { footerMarkup } from '../sources/footer-includes';
import { decodeBody } from '../sources/charset';
import { groupBy } from '../../checks/group-by';

export type Verdict = 'counterfeit' | 'suspicious' | 'parked' | 'unrelated' | 'unresolved';

export interface LookalikeEntry {
  domain: string;
  pattern: Candidate['pattern'] | 'listed';
  resolved: boolean;
  addresses: string[];
  status?: number;
  verdict: Verdict;
  score: number;
  reasons: string[];
}

export interface SweepOptions {
  siteId: string;
  /** The site's own hosts, whose lookalikes are generated. */
  hosts: string[];
  /** The office's name, whose pinyin and Chinese forms are candidates too. */
  name?: string;
  inventory: Inventory;
  clock: Clock;
  /** `host:port` of the DNS server; the system resolver when absent. */
  resolver?: string;
  timeoutMs?: number;
  concurrency?: number;
  /** Port the candidates' web servers are fetched on (80; tests and proxies set another). */
  port?: number;
  maxBodyBytes?: number;
  maxCandidates?: number;
  /** Candidates from a file (CT export, report list) beside the generated ones. */
  extra?: string[];
  signal?: AbortSignal;
}

const PARKED = /域名(?:出售|转让|停放)|this domain (?:is|may be) for sale|domain (?:is )?parked|buy this domain|sedo|parkingcrew|afternic/i;
/** Answers that mean "no such name" rather than "no answer". */
const NOT_REGISTERED = new Set(['ENOTFOUND', 'ENODATA']);

async function resolveAll(r: Resolver, name: string): Promise<{ addresses: string[]; error?: string }> {
  try {
    return { addresses: (await r.resolve4(name)).sort() };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return { addresses: [], error: code };
  }
}

async function fetchPage(domain: string, address: string, o: SweepOptions, path = '/'): Promise<{ status: number; headers: Record<string, string>; location?: string; body: Buffer; truncated: boolean }> {
  const res = await request(`http://${address}:${o.port ?? 80}${path}`, {
    method: 'GET', headers: { host: domain, 'user-agent': 'Mozilla/5.0 (compatible; XunjianBot lookalikes)' },
    headersTimeout: o.timeoutMs ?? 10_000, bodyTimeout: o.timeoutMs ?? 10_000,
  });
  const cap = o.maxBodyBytes ?? 5 * 2 ** 20;
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const c of res.body) {
    const b = c as Buffer;
    size += b.length;
    if (size > cap) {
      chunks.push(b.subarray(0, b.length - (size - cap)));
      truncated = true;
      res.body.destroy();
      break;
    }
    chunks.push(b);
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return { status: res.statusCode, headers, ...(typeof res.headers['location'] === 'string' ? { location: res.headers['location'] } : {}), body: Buffer.concat(chunks), truncated };
}

/** The URL a candidate's page is judged and filed under. */
export function candidateUrl(domain: string): string {
  return `http://${domain}/`;
}

type Planned = Candidate | { domain: string; pattern: 'listed' };

/** The candidates of a sweep: generated for every host, then listed ones, each once. */
export function plannedCandidates(o: Pick<SweepOptions, 'hosts' | 'extra' | 'maxCandidates' | 'name'>): Planned[] {
  const seen = new Set<string>();
  const list: Planned[] = [];
  const add = (c: Planned): void => {
    if (seen.has(c.domain)) return;
    seen.add(c.domain);
    list.push(c);
  };
  for (const h of o.hosts) lookalikeCandidates(h, o.maxCandidates, o.name).forEach(add);
  for (const d of o.extra ?? []) add({ domain: d, pattern: 'listed' });
  return list;
}

export class LookalikeSource implements Source {
  readonly description: string;
  readonly entries: LookalikeEntry[] = [];
  /** URLs of candidates found unregistered: a counterfeit filed there earlier is gone (once the sweep is complete). */
  readonly gone: string[] = [];
  private unanswered = 0;
  private finished = false;
  private readonly resolver: Resolver;
  private readonly wildcard = new Map<string, Promise<string[]>>();

  constructor(private readonly o: SweepOptions) {
    this.description = `lookalikes of ${o.hosts.join(', ')}`;
    this.resolver = new Resolver({ timeout: o.timeoutMs ?? 3000, tries: 1 });
    if (o.resolver) this.resolver.setServers([o.resolver]);
  }

  complete(): boolean {
    return this.finished && this.unanswered === 0 && !this.o.signal?.aborted;
  }

  async *items(): AsyncGenerator<SourceItem> {
    const list = plannedCandidates(this.o);
    const ready: SourceItem[] = [];
    let wake: (() => void) | undefined;
    let next = 0;
    let running = 0;
    const worker = async (): Promise<void> => {
      running++;
      while (next < list.length && !this.o.signal?.aborted) {
        const item = await this.one(list[next++]!);
        if (item) ready.push(item);
        wake?.();
      }
      running--;
      wake?.();
    };
    const workers = Array.from({ length: Math.max(1, this.o.concurrency ?? 32) }, () => worker());
    while (running > 0 || ready.length) {
      if (!ready.length) await new Promise<void>((r) => (wake = r));
      wake = undefined;
      while (ready.length) yield ready.shift()!;
    }
    await Promise.all(workers);
    this.finished = true;
  }

  private suffixWildcard(suffix: string): Promise<string[]> {
    let w = this.wildcard.get(suffix);
    if (!w) {
      w = resolveAll(this.resolver, `xj-${randomBytes(6).toString('hex')}.${suffix}`).then((r) => r.addresses);
      this.wildcard.set(suffix, w);
    }
    return w;
  }

  private entry(e: LookalikeEntry): void {
    this.entries.push(e);
  }

  /** Retrieve one candidate; a page to judge, an error item for a lookup with no answer, or nothing. */
  private async one(c: Planned): Promise<SourceItem | undefined> {
    const o = this.o;
    const domain = asciiHost(c.domain);
    const base = { domain, pattern: c.pattern, resolved: false, addresses: [] as string[] };
    if (!/^[a-z0-9.-]+$/.test(domain) || !domain.includes('.')) return void this.entry({ ...base, verdict: 'unresolved', score: 0, reasons: [`not a domain name: ${c.domain}`] });
    if (isOfficialHost(domain, o.inventory)) return void this.entry({ ...base, verdict: 'unrelated', score: 0, reasons: ['an official host (gov.cn, .政务 or configured)'] });
    const { addresses, error } = await resolveAll(this.resolver, domain);
    if (!addresses.length) {
      if (error && NOT_REGISTERED.has(error)) {
        this.gone.push(candidateUrl(domain));
        return void this.entry({ ...base, verdict: 'unresolved', score: 0, reasons: ['does not resolve (not registered, or no address)'] });
      }
      this.unanswered++;
      this.entry({ ...base, verdict: 'unresolved', score: 0, reasons: [`DNS lookup failed: ${error}`] });
      return { kind: 'error', error: { input: domain, code: 'dns', message: `lookalike candidate not judged: DNS lookup failed (${error})` } };
    }
    const suffix = domain.split('.').slice(1).join('.');
    const wild = await this.suffixWildcard(suffix);
    if (wild.length && wild.join() === addresses.join()) {
      return void this.entry({ ...base, resolved: true, addresses, verdict: 'unrelated', score: 0, reasons: [`the resolver answers every name under .${suffix} with ${addresses.join(', ')} (wildcard): not evidence of a registration`] });
    }
    let got: Awaited<ReturnType<typeof fetchPage>>;
    try {
      got = await fetchPage(domain, addresses[0]!, o);
    } catch (e) {
      return void this.entry({ ...base, resolved: true, addresses, verdict: 'suspicious', score: 0.3, reasons: [`resolves but its web server did not answer: ${(e as Error).message}`] });
    }
    if (got.status >= 300 && got.status < 400 && got.location) {
      const to = new URL(got.location, candidateUrl(domain));
      if (ownerOf(to.hostname, o.inventory) || isOfficialHost(to.hostname, o.inventory)) {
        return void this.entry({ ...base, resolved: true, addresses, status: got.status, verdict: 'unrelated', score: 0, reasons: [`redirects to the official ${to.hostname} (a defensive registration)`] });
      }
      return void this.entry({ ...base, resolved: true, addresses, status: got.status, verdict: 'suspicious', score: 0.4, reasons: [`redirects to ${to.hostname}`] });
    }
    // As the crawler decodes: a copy of a GBK site is GBK too, and read as UTF-8 it matched nothing.
    const { text: html, charset } = decodeBody(got.body, got.headers['content-type']);
    const reasons = got.truncated ? [`page cut at ${(o.maxBodyBytes ?? 5 * 2 ** 20) / 2 ** 20} MiB`] : [];
    // Counterfeits often sit behind Cloudflare: its challenge is not the candidate's content, and
    // judging it "unrelated" would close the counterfeit issue filed on an earlier night.
    const challenge = challengeOf(html);
    if (challenge) {
      this.entry({ ...base, resolved: true, addresses, status: got.status, verdict: 'suspicious', score: 0.3, reasons: [`answers with a bot challenge (${challenge}): its content was not seen`] });
      return { kind: 'error', error: { input: domain, code: 'bot-challenge', message: `lookalike candidate not judged: it answers with a bot challenge (${challenge}) instead of its page` } };
    }
    const parked = PARKED.test(html);
    this.entry({ ...base, resolved: true, addresses, status: got.status, verdict: parked ? 'parked' : 'unrelated', score: parked ? 0.3 : 0.1, reasons });
    // A wholesale copy of a template that loads its footer keeps the marks there: read from the candidate's own host only.
    const includes = await footerMarkup(html, candidateUrl(domain), async (url) => {
      const u = new URL(url);
      return u.hostname === domain ? fetchPage(domain, addresses[0]!, o, u.pathname + u.search) : undefined;
    });
    const page = createPage({
      siteId: o.siteId, url: candidateUrl(domain), status: got.status, headers: got.headers, fetchedAt: o.clock.now().toISOString(),
      body: got.body, contentType: 'html', charset, source: html, origin: 'crawl', ...(includes.length ? { includes } : {}),
    });
    return { kind: 'page', page };
  }
}

/** A finding's own message (its title without the rule's title), masked as the title is. */
function reasonOf(f: Finding): string {
  const rule = checkById(f.rule)?.meta.title;
  return rule && f.title.startsWith(`${rule}: `) ? f.title.slice(rule.length + 2) : f.title;
}

const RANK: Record<Verdict, number> = { counterfeit: 0, suspicious: 1, parked: 2, unrelated: 3, unresolved: 4 };

/**
 * Each entry's verdict from the findings on its page: copied identity or a copied page, or any
 * critical claim, is a counterfeit; a government claim without them is suspicious; a parking page
 * is watched; the rest is unrelated. Every fired rule's message is a reason.
 */
export function verdicts(entries: readonly LookalikeEntry[], findings: readonly Finding[]): LookalikeEntry[] {
  const byHost = groupBy(findings, (f) => hostOf(f.url));
  return entries
    .map((e) => {
      const fs = byHost.get(e.domain) ?? [];
      if (!fs.length) {
        // A name that deceives by itself (x.gov.cn.abc.top) is watched whatever it serves today.
        const shape = deceptiveShape(e.domain);
        if (shape && e.resolved && (e.verdict === 'unrelated' || e.verdict === 'parked') && !e.reasons.some((r) => r.includes('wildcard') || r.includes('the official'))) {
          return { ...e, verdict: 'suspicious' as const, score: Math.max(e.score, 0.5), reasons: [shape, ...e.reasons] };
        }
        return e.resolved && e.verdict === 'unrelated' && e.status !== undefined && !e.reasons.some((r) => r.includes('redirects') || r.includes('wildcard'))
          ? { ...e, reasons: [...e.reasons, 'resolves and serves a page with no government identity'] }
          : e;
      }
      let verdict: Verdict = 'suspicious';
      let score = 0.6;
      for (const f of fs) {
        if (f.rule === 'counterfeit.identity-copy') score = Math.max(score, 0.95);
        else if (f.rule === 'counterfeit.page-copy') score = Math.max(score, f.severity === 'critical' ? 0.95 : 0.85);
        else if (f.severity === 'critical') score = Math.max(score, 0.9);
      }
      if (score >= 0.85) verdict = 'counterfeit';
      const shape = deceptiveShape(e.domain);
      return { ...e, verdict, score, reasons: [...fs.map(reasonOf), ...(shape ? [shape] : []), ...e.reasons] };
    })
    .sort((a, b) => RANK[a.verdict] - RANK[b.verdict] || b.score - a.score || a.domain.localeCompare(b.domain));
}
