/** Drive the filing path (lifecycle -> outbox -> sinks) as a run would, with a clock the test moves. */
import type { Finding } from '../../checks/types';
import { CHECKS } from '../../checks/registry';
import { parseConfig, type Config } from '../../pipelines/config';
import { fileIssues, LedgerHandle } from '../../pipelines/filing';
import { silentLogger } from '../../pipelines/log';
import type { RunResult } from '../../pipelines/run';
import type { Store } from '../../pipelines/store/store';

export const ID_NUMBER = '11010519491231002X';

export function finding(id: string, o: Partial<Finding> = {}): Finding {
  return {
    id, check: 'privacy', rule: 'privacy.id-card', severity: 'high', duty: 'privacy', title: '身份证号码泄露 (ID number exposed)', site: 's',
    url: 'https://a.gov.cn/a.html', location: { start: 3, end: 21 }, match: '11**************2X', excerpt: '身份证11**************2X', basis: '个人信息保护法', evidence: {}, ...o,
  };
}

export class TestClock {
  t: number;
  constructor(iso = '2026-11-27T01:00:00.000Z') {
    this.t = Date.parse(iso);
  }
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

export function filingConfig(raw: Record<string, unknown>): Config {
  return parseConfig({ sites: [{ id: 's', name: '测试市人民政府', urls: ['https://a.gov.cn/'] }], ...raw }, '(test)', {});
}

/**
 * What runPipeline leaves behind for filing, without crawling: the run and its findings stored,
 * and the result (every rule judged, `pageUrls` looked at) as filing reads it.
 */
export function storedRun(store: Store, site: { id: string; name: string; url: string }, findings: Finding[], pageUrls: string[], at: string, status: 'complete' | 'partial' = 'complete'): RunResult {
  const runId = store.beginRun('scan', site.id, site.id, at);
  store.upsertFindings(runId, findings, at);
  store.finishRun(runId, status, at, {});
  return {
    schemaVersion: 1,
    findings,
    pages: pageUrls.map((url) => ({ url, kind: 'page' as const, title: '', publishedAt: null, dateSources: [], findings: findings.filter((f) => f.url === url).length })),
    sites: [site],
    summary: { runId, command: 'scan', target: site.id, status, startedAt: at, finishedAt: at, pages: pageUrls.length, documents: 0, findings: findings.length, bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, byRule: {}, outcomes: { finding: 0, pass: 0, skipped: 0, error: 0 }, skippedUrls: 0, errors: 0, rulesRun: CHECKS.map((c) => c.meta.id) },
    errors: [],
  };
}

/** A complete (or partial) run of site `s` with these findings, then filing. */
export async function fileRun(store: Store, config: Config, clock: TestClock, findings: Finding[], o: { complete?: boolean; ledger?: LedgerHandle } = {}): Promise<RunResult> {
  const result = storedRun(store, { id: 's', name: '测试市人民政府', url: 'https://a.gov.cn/' }, findings, ['https://a.gov.cn/a.html'], clock.now().toISOString(), o.complete === false ? 'partial' : 'complete');
  await fileIssues({ config, store, clock, log: silentLogger, ledger: o.ledger ?? new LedgerHandle(config) }, result, ['https://a.gov.cn/']);
  clock.advance(86_400_000);
  return result;
}
