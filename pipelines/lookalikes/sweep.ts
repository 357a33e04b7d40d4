/**
 * The lookalike sweep: generate candidates for a site's gov.cn host (or take them from a file),
 * resolve each through the configured resolver, fetch what resolves, and judge the page with the
 * counterfeit rules. Every entry carries the reasons for its verdict; a candidate that fails in
 * any way gets the failure as its reason and the sweep goes on.
 */
import { Resolver } from 'node:dns/promises';
import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import { createPage } from '../../checks/page';
import { identityCopy } from '../../checks/counterfeit/identity-copy';
import { govClaim } from '../../checks/counterfeit/gov-claim';
import { lookalikeCandidates, type Candidate } from '../../checks/counterfeit/candidates';
import { asciiHost, isOfficialHost, ownerOf } from '../../checks/counterfeit/hosts';
import type { Context, Finding, PageCheck, Span } from '../../checks/types';
import { pageFindings } from '../findings';

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
  /** `host:port` of the DNS server; the system resolver when absent. */
  resolver?: string;
  timeoutMs?: number;
  concurrency?: number;
  /** Port the candidates' web servers are fetched on (80; tests and proxies set another). */
  port?: number;
  maxBodyBytes?: number;
  maxCandidates?: number;
  /** Candidates from a file (CT export, report list) instead of, or beside, the generated ones. */
  extra?: string[];
  ctx: Context;
}

const PARKED = /域名(?:出售|转让|停放)|this domain (?:is|may be) for sale|domain (?:is )?parked|buy this domain|sedo|parkingcrew|afternic/i;

async function resolveAll(r: Resolver, name: string): Promise<{ addresses: string[]; error?: string }> {
  try {
    return { addresses: (await r.resolve4(name)).sort() };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return { addresses: [], error: code };
  }
}

async function fetchPage(domain: string, address: string, o: SweepOptions): Promise<{ status: number; location?: string; body: string; truncated: boolean }> {
  const res = await request(`http://${address}:${o.port ?? 80}/`, {
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
  const loc = res.headers['location'];
  return { status: res.statusCode, ...(typeof loc === 'string' ? { location: loc } : {}), body: Buffer.concat(chunks).toString('utf8'), truncated };
}

function judge(domain: string, html: string, o: SweepOptions): { verdict: Verdict; score: number; reasons: string[]; findings: Finding[] } {
  const page = createPage({ siteId: 'lookalikes', url: `http://${domain}/`, fetchedAt: o.ctx.clock.now().toISOString(), contentType: 'html', source: html, origin: 'crawl' });
  const findings: Finding[] = [];
  const reasons: string[] = [];
  let verdict: Verdict = 'unrelated';
  let score = 0.1;
  for (const rule of [identityCopy, govClaim] as PageCheck[]) {
    const r = rule.run(page, o.ctx);
    if (!Array.isArray(r) || !r.length) continue;
    findings.push(...pageFindings(rule, r, page));
    for (const s of r as Span[]) {
      reasons.push(s.message ?? rule.meta.title);
      const sev = s.severity ?? rule.meta.severity;
      if (rule === identityCopy || sev === 'critical') {
        verdict = 'counterfeit';
        score = Math.max(score, rule === identityCopy ? 0.95 : 0.9);
      } else if (verdict !== 'counterfeit') {
        verdict = 'suspicious';
        score = Math.max(score, 0.6);
      }
    }
  }
  if (verdict === 'unrelated' && PARKED.test(html)) {
    verdict = 'parked';
    score = 0.3;
    reasons.push('a parking or for-sale page: watch it, it may be armed later');
  }
  if (verdict === 'unrelated') reasons.push('resolves and serves a page with no government identity');
  return { verdict, score, reasons, findings };
}

async function one(c: Candidate | { domain: string; pattern: 'listed' }, r: Resolver, wildcard: Map<string, string[] | undefined>, o: SweepOptions, findings: Finding[]): Promise<LookalikeEntry> {
  const domain = asciiHost(c.domain);
  const base = { domain, pattern: c.pattern, resolved: false, addresses: [] as string[] };
  if (!/^[a-z0-9.-]+$/.test(domain) || !domain.includes('.')) return { ...base, verdict: 'unresolved', score: 0, reasons: [`not a domain name: ${c.domain}`] };
  if (isOfficialHost(domain, o.ctx.inventory)) return { ...base, verdict: 'unrelated', score: 0, reasons: ['an official host (gov.cn, .政务 or configured)'] };
  const { addresses, error } = await resolveAll(r, domain);
  if (!addresses.length) return { ...base, verdict: 'unresolved', score: 0, reasons: [error === 'ENOTFOUND' || error === 'ENODATA' ? 'does not resolve (not registered, or no address)' : `DNS lookup failed: ${error}`] };
  const suffix = domain.split('.').slice(1).join('.');
  if (!wildcard.has(suffix)) wildcard.set(suffix, (await resolveAll(r, `xj-${randomBytes(6).toString('hex')}.${suffix}`)).addresses);
  const wild = wildcard.get(suffix);
  if (wild?.length && wild.join() === addresses.join()) {
    return { ...base, resolved: true, addresses, verdict: 'unrelated', score: 0, reasons: [`the resolver answers every name under .${suffix} with ${addresses.join(', ')} (wildcard): not evidence of a registration`] };
  }
  let got: Awaited<ReturnType<typeof fetchPage>>;
  try {
    got = await fetchPage(domain, addresses[0]!, o);
    if (got.status >= 300 && got.status < 400 && got.location) {
      const to = new URL(got.location, `http://${domain}/`);
      if (ownerOf(to.hostname, o.ctx.inventory) || isOfficialHost(to.hostname, o.ctx.inventory)) {
        return { ...base, resolved: true, addresses, status: got.status, verdict: 'unrelated', score: 0, reasons: [`redirects to the official ${to.hostname} (a defensive registration)`] };
      }
      return { ...base, resolved: true, addresses, status: got.status, verdict: 'suspicious', score: 0.4, reasons: [`redirects to ${to.hostname}`] };
    }
  } catch (e) {
    return { ...base, resolved: true, addresses, verdict: 'suspicious', score: 0.3, reasons: [`resolves but its web server did not answer: ${(e as Error).message}`] };
  }
  const j = judge(domain, got.body, o);
  findings.push(...j.findings);
  return { ...base, resolved: true, addresses, status: got.status, verdict: j.verdict, score: j.score, reasons: got.truncated ? [...j.reasons, `page cut at ${(o.maxBodyBytes ?? 5 * 2 ** 20) / 2 ** 20} MiB`] : j.reasons };
}

export async function sweep(hosts: string[], o: SweepOptions): Promise<{ lookalikes: LookalikeEntry[]; findings: Finding[] }> {
  const r = new Resolver({ timeout: o.timeoutMs ?? 3000, tries: 1 });
  if (o.resolver) r.setServers([o.resolver]);
  const seen = new Set<string>();
  const list: (Candidate | { domain: string; pattern: 'listed' })[] = [];
  const add = (c: Candidate | { domain: string; pattern: 'listed' }): void => {
    if (seen.has(c.domain)) return;
    seen.add(c.domain);
    list.push(c);
  };
  for (const h of hosts) lookalikeCandidates(h, o.maxCandidates).forEach(add);
  for (const d of o.extra ?? []) add({ domain: d, pattern: 'listed' });
  const out: LookalikeEntry[] = new Array(list.length);
  const findings: Finding[] = [];
  const wildcard = new Map<string, string[] | undefined>();
  let next = 0;
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 32) }, async () => {
    while (next < list.length) {
      const i = next++;
      out[i] = await one(list[i]!, r, wildcard, o, findings);
    }
  }));
  const rank: Record<Verdict, number> = { counterfeit: 0, suspicious: 1, parked: 2, unrelated: 3, unresolved: 4 };
  return { lookalikes: out.sort((a, b) => rank[a.verdict] - rank[b.verdict] || b.score - a.score || a.domain.localeCompare(b.domain)), findings };
}

