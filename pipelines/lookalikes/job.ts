/**
 * A lookalike sweep as a run of the site: candidates retrieved by the sweep source, judged by the
 * counterfeit rules, stored, and filed as issues for the security duty like any other finding, so
 * a weekly pipeline and `xunjian lookalikes` share one path. A counterfeit filed earlier whose name
 * no longer resolves counts as gone; a sweep whose lookups got no answer is partial and closes nothing.
 */
import { readFileSync } from 'node:fs';
import type { Check } from '../../checks/types';
import { selectChecks } from '../../checks/registry';
import { asciiHost } from '../../checks/counterfeit/hosts';
import { inventoryOf, withObserved } from '../inventory';
import { resolveSite, runAndFile, UsageError, type JobContext } from '../jobs';
import type { RunResult } from '../run';
import type { InputError } from '../sources/source';
import { LookalikeSource, verdicts, type LookalikeEntry } from './sweep';

export interface LookalikeOptions {
  resolver?: string;
  /** More candidates, one domain per line (a certificate-transparency export, a report list). */
  candidatesFile?: string;
  port?: number;
  checks?: readonly Check[];
}

/** Listed candidates from a file; a line that is no domain name is an error naming file and line. */
export function readCandidates(file: string): { domains: string[]; errors: InputError[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { domains: [], errors: [{ input: file, code: 'unreadable', message: (e as Error).message }] };
  }
  const domains: string[] = [];
  const errors: InputError[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim().replace(/^\*\./, '');
    if (!line || line.startsWith('#')) return;
    if (/^[^\s/]+\.[^\s/]+$/.test(line)) domains.push(line.toLowerCase());
    else errors.push({ input: file, record: i + 1, code: 'candidate', message: `not a domain name: ${line.slice(0, 80)}` });
  });
  return { domains, errors };
}

export async function lookalikeSweep(ctx: JobContext, target: string, o: LookalikeOptions = {}): Promise<{ result: RunResult; lookalikes: LookalikeEntry[] }> {
  const { site } = resolveSite(ctx.config, /^[a-z0-9.-]+$/i.test(target) && target.includes('.') ? `http://${target}/` : target);
  const hosts = site.urls.map((u) => asciiHost(new URL(u).hostname));
  if (!hosts.length) throw new UsageError(`site ${site.id} has no urls whose lookalikes to sweep`);
  const listed = o.candidatesFile ? readCandidates(o.candidatesFile) : { domains: [], errors: [] };
  const resolver = o.resolver ?? ctx.config.counterfeit.resolver;
  const source = new LookalikeSource({
    siteId: site.id, hosts, name: site.name, inventory: withObserved(inventoryOf(ctx.config, site), ctx.store), clock: ctx.clock,
    maxCandidates: ctx.config.counterfeit.maxCandidates, extra: listed.domains,
    ...(resolver ? { resolver } : {}), ...(o.port ? { port: o.port } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const result = await runAndFile(ctx, source, { command: 'lookalikes', site, checks: o.checks ?? selectChecks(['counterfeit']) }, () => (source.complete() ? source.gone : []));
  for (const e of listed.errors) result.errors.push(e);
  result.summary.errors = result.errors.length;
  return { result, lookalikes: verdicts(source.entries, result.findings) };
}
