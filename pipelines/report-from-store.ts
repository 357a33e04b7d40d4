/**
 * Rebuild run results from the store, so `xunjian report` renders any past run — and by default
 * every site's latest finished run together (a shared store holds what every worker found).
 */
import { SCHEMA_VERSION, type PageSummary, type RunResult, type RunSummary } from './run';
import { SEVERITIES, severityRank, type Severity } from '../checks/types';
import type { Store, StoredRun } from './store/store';
import { KEPT_RUNS, pageListPruned } from './store/retention';

export function reportFromStore(store: Store, runId?: number, siteId?: string): RunResult | undefined {
  if (runId !== undefined) return oneRun(store, store.getRun(runId));
  const sites = siteId ? [siteId] : (store.db.prepare("SELECT DISTINCT site_id FROM runs WHERE status != 'running'").all() as { site_id: string }[]).map((r) => r.site_id);
  const complete = store.db.prepare("SELECT id FROM runs WHERE site_id = ? AND status = 'complete' ORDER BY id DESC LIMIT 1");
  const latest = (s: string) => {
    const c = complete.get(s) as { id: number } | undefined;
    return c ? store.getRun(c.id) : store.latestRun(s);
  };
  const results = sites.map((s) => oneRun(store, latest(s))).filter((r): r is RunResult => r !== undefined);
  if (results.length <= 1) return results[0];
  return merge(results);
}

/** Several sites' runs as one result: findings, pages, sites and errors together, the summary summed. */
function merge(rs: RunResult[]): RunResult {
  const findings = rs.flatMap((r) => r.findings).sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.url.localeCompare(b.url));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byRule: Record<string, number> = {};
  for (const f of findings) {
    bySeverity[f.severity]++;
    byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  }
  const s = rs.map((r) => r.summary);
  const worst = s.some((x) => x.status === 'failed') ? 'failed' : s.some((x) => x.status !== 'complete') ? 'partial' : 'complete';
  const summary: RunSummary = {
    command: 'report', target: `${rs.length} sites (latest run of each)`, status: worst,
    startedAt: s.map((x) => x.startedAt).sort()[0]!, finishedAt: s.map((x) => x.finishedAt).sort().at(-1)!,
    pages: s.reduce((n, x) => n + x.pages, 0), documents: s.reduce((n, x) => n + x.documents, 0), findings: findings.length,
    bySeverity, byRule,
    outcomes: { finding: 0, pass: 0, skipped: 0, error: 0 },
    skippedUrls: s.reduce((n, x) => n + (x.skippedUrls ?? 0), 0), errors: rs.reduce((n, r) => n + r.errors.length, 0),
  };
  for (const x of s) for (const k of Object.keys(summary.outcomes) as (keyof RunSummary['outcomes'])[]) summary.outcomes[k] += x.outcomes?.[k] ?? 0;
  return { schemaVersion: SCHEMA_VERSION, findings, pages: rs.flatMap((r) => r.pages), sites: rs.flatMap((r) => r.sites), summary, errors: rs.flatMap((r) => r.errors) };
}

function oneRun(store: Store, run: StoredRun | undefined): RunResult | undefined {
  if (!run || !run.summary) return undefined;
  const summary = JSON.parse(run.summary) as RunSummary;
  const pages = (
    store.db
      .prepare(
        `SELECT v.url, v.claimed_published_at AS publishedAt, p.title, p.first_seen AS firstSeen
         FROM page_versions v LEFT JOIN pages p ON p.site_id = v.site_id AND p.url = v.url WHERE v.run_id = ? ORDER BY v.rowid`,
      )
      .all(run.id) as { url: string; publishedAt: string | null; title: string | null; firstSeen: string | null }[]
  ).map((p): PageSummary => ({
    url: p.url,
    kind: 'page',
    title: p.title ?? '',
    publishedAt: p.publishedAt,
    dateSources: [
      // The stored value is the run's best claim (export, meta, byline or URL), not one source.
      ...(p.publishedAt ? [{ source: 'claimed', value: p.publishedAt }] : []),
      ...(p.firstSeen ? [{ source: 'first-seen', value: p.firstSeen }] : []),
    ],
    findings: 0,
  }));
  const findings = store.findingsOfRun(run.id);
  const perUrl = new Map<string, number>();
  for (const f of findings) perUrl.set(f.url, (perUrl.get(f.url) ?? 0) + 1);
  for (const p of pages) p.findings = perUrl.get(p.url) ?? 0;
  const errors: RunResult['errors'] = store.failuresOfRun(run.id).map((f) => ({ input: f.url, code: f.code, message: f.message, ...(f.status ? { status: f.status } : {}) }));
  if (pageListPruned(store, run)) {
    errors.push({
      input: `run ${run.id}`,
      code: 'pages-pruned',
      message: `run ${run.id} is older than its site's last ${KEPT_RUNS} ${run.command} runs, whose page lists and fetch failures are all the store keeps: its pages here are only those whose latest date it holds; its summary is as the run wrote it`,
    });
  }
  return { schemaVersion: SCHEMA_VERSION, findings, pages, sites: [{ id: run.siteId, url: '', name: run.siteId }], summary, errors };
}
