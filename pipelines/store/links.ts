/**
 * What the store keeps of link checks: the failed targets of each run that checked links, with the
 * number of such runs in a row each has failed. A run that did not check links (a `check` of local
 * files, a crawl stopped before its link pass) leaves no row and does not break a streak.
 */
import type { LinkObservation } from '../../checks/types';
import { isBroken } from '../../checks/links/broken';
import type { Store } from './store';

/** A target counts as failed when links.broken or links.hijacked would report it. */
function failed(l: LinkObservation): boolean {
  return Boolean(l.hijack) || isBroken(l);
}

/** The failures of the site's last earlier run that checked links; undefined if there is none. */
export function linkFailuresBefore(store: Store, siteId: string, runId: number): Map<string, number> | undefined {
  const prev = store.db.prepare('SELECT MAX(run_id) AS id FROM link_runs WHERE site_id = ? AND run_id < ?').get(siteId, runId) as { id: number | null };
  if (prev.id === null) return undefined;
  const rows = store.db.prepare('SELECT target, streak FROM link_failures WHERE site_id = ? AND run_id = ?').all(siteId, prev.id) as { target: string; streak: number }[];
  return new Map(rows.map((r) => [r.target, r.streak]));
}

export function recordLinkResults(store: Store, siteId: string, runId: number, links: readonly LinkObservation[], before: ReadonlyMap<string, number> | undefined): void {
  const targets = new Set(links.filter(failed).map((l) => l.to));
  const run = store.stmt('INSERT OR IGNORE INTO link_runs (site_id, run_id) VALUES (?, ?)');
  const row = store.stmt('INSERT OR REPLACE INTO link_failures (site_id, run_id, target, streak) VALUES (?, ?, ?, ?)');
  // Only the latest run's failures are ever read: older rows go, so a nightly scan's table stays the size of one run.
  const pruneRuns = store.stmt('DELETE FROM link_runs WHERE site_id = ? AND run_id < ?');
  const pruneFailures = store.stmt('DELETE FROM link_failures WHERE site_id = ? AND run_id < ?');
  store.db.transaction(() => {
    run.run(siteId, runId);
    for (const t of targets) row.run(siteId, runId, t, (before?.get(t) ?? 0) + 1);
    pruneRuns.run(siteId, runId);
    pruneFailures.run(siteId, runId);
  })();
}
