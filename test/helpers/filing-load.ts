/**
 * A load for the filing path: `sites` sites with `perSite` findings each, spread over five
 * families (so five issues per site), filed to one GitLab-compatible tracker. Used by the
 * exactly-once test (in a child process that gets killed) and by the filing benchmark.
 */
import { createHash } from 'node:crypto';
import type { Duty, Family, Finding } from '../../checks/types';
import { CHECKS } from '../../checks/registry';
import { parseConfig, type Config } from '../../pipelines/config';
import { fileIssues, LedgerHandle } from '../../pipelines/filing';
import { silentLogger } from '../../pipelines/log';
import type { RunResult } from '../../pipelines/run';
import type { Store } from '../../pipelines/store/store';

const KINDS: [Family, string, Duty][] = [
  ['privacy', 'privacy.id-card', 'privacy'],
  ['secrecy', 'secrecy.marking', 'secrecy'],
  ['wording', 'wording.typo', 'content'],
  ['dates', 'dates.future', 'content'],
  ['headers', 'headers.mixed-content', 'security'],
];

export function loadConfig(gitlabUrl: string, sites: number): Config {
  return parseConfig({
    sites: Array.from({ length: sites }, (_, i) => ({ id: `site${i}`, name: `第${i}号政府网站`, urls: [`https://s${i}.gov.cn/`] })),
    sinks: { gl: { type: 'gitlab', url: gitlabUrl, project: 'gov/issues', token: 'load-token', timeoutMs: 5000 } },
    issues: { routing: Object.fromEntries(['privacy', 'secrecy', 'content', 'security'].map((d) => [d, { sinks: ['gl'], labels: [d] }])) },
  }, '(load)', {});
}

export function siteFindings(site: number, perSite: number): Finding[] {
  return Array.from({ length: perSite }, (_, j) => {
    const [check, rule, duty] = KINDS[j % KINDS.length]!;
    return {
      id: createHash('sha256').update(`load|${site}|${j}`).digest('hex'),
      check, rule, duty, severity: 'high', title: rule, site: `site${site}`, url: `https://s${site}.gov.cn/p${j}.html`,
      location: { start: 0, end: 4 }, match: '11**39', excerpt: '', basis: 'load', evidence: {},
    };
  });
}

/** Scan (store the findings) and file each site in turn, as nightly runs would. */
export async function fileSites(store: Store, config: Config, sites: number, perSite: number): Promise<void> {
  const ledger = new LedgerHandle(config);
  for (let i = 0; i < sites; i++) {
    const at = new Date().toISOString();
    const findings = siteFindings(i, perSite);
    const runId = store.beginRun('scan', `site${i}`, `site${i}`, at);
    store.upsertFindings(runId, findings, at);
    store.finishRun(runId, 'complete', at, {});
    const result: RunResult = {
      schemaVersion: 1, findings,
      pages: findings.map((f) => ({ url: f.url, kind: 'page' as const, title: '', publishedAt: null, dateSources: [], findings: 1 })),
      sites: [{ id: `site${i}`, url: `https://s${i}.gov.cn/`, name: `第${i}号政府网站` }],
      summary: { runId, command: 'scan', target: `site${i}`, status: 'complete', startedAt: at, finishedAt: at, pages: perSite, documents: 0, findings: perSite, bySeverity: { critical: 0, high: perSite, medium: 0, low: 0, info: 0 }, byRule: {}, outcomes: { finding: 0, pass: 0, skipped: 0, error: 0 }, skippedUrls: 0, errors: 0, rulesRun: CHECKS.map((c) => c.meta.id) },
      errors: [],
    };
    await fileIssues({ config, store, clock: { now: () => new Date() }, log: silentLogger, ledger }, result, [`https://s${i}.gov.cn/`]);
  }
}
