/** Rebuild a run's result from the store, so `xunjian report` renders any past run. */
import { SCHEMA_VERSION, type PageSummary, type RunResult, type RunSummary } from './run';
import type { Store } from './store/store';

export function reportFromStore(store: Store, runId?: number): RunResult | undefined {
  const run = runId !== undefined ? store.getRun(runId) : store.latestRun();
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
  const errors = store.failuresOfRun(run.id).map((f) => ({ input: f.url, code: f.code, message: f.message, ...(f.status ? { status: f.status } : {}) }));
  return { schemaVersion: SCHEMA_VERSION, findings, pages, sites: [{ id: run.siteId, url: '', name: run.siteId }], summary, errors };
}
