/**
 * A load for the filing path: `sites` sites with `perSite` findings each, spread over five
 * families (so five issues per site), filed to one GitLab-compatible tracker. Used by the
 * exactly-once test (in a child process that gets killed) and by the filing benchmark.
 */
import { createHash } from 'node:crypto';
import type { Duty, Family, Finding } from '../../checks/types';
import { parseConfig, type Config } from '../../pipelines/config';
import { fileIssues, LedgerHandle } from '../../pipelines/filing';
import { silentLogger } from '../../pipelines/log';
import { storedRun } from './filing';
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
    const findings = siteFindings(i, perSite);
    const result = storedRun(store, { id: `site${i}`, name: `第${i}号政府网站`, url: `https://s${i}.gov.cn/` }, findings, findings.map((f) => f.url), new Date().toISOString());
    await fileIssues({ config, store, clock: { now: () => new Date() }, log: silentLogger, ledger }, result, [`https://s${i}.gov.cn/`]);
  }
}
