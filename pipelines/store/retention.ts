/**
 * What a store keeps of a site's past runs. A nightly scan writes a row per page per run (the
 * run's page list), and a crawl a row per URL it queued: 300 sites of 5,000 pages grew a store by
 * ~0.7 GB a night, for ever, and every run read history back through those rows. The findings,
 * their issues, the runs' summaries and the probes are kept whole; what only a recent run needs is
 * kept for the site's last KEPT_RUNS runs.
 */
import type { Store } from './store';

/** A month of nightly scans: `report --run` of anything older names the page list as pruned. */
export const KEPT_RUNS = 30;

/**
 * Drops what the site's runs of `command` before its last KEPT_RUNS such runs wrote: their page
 * lists, fetch failures and identity records. Counted per command, so a day of pre-publish checks
 * or availability probes does not prune last night's crawl. A page-list row that still holds the
 * latest publication date, body hash or column the store knows for its page stays (the date rules
 * compare a page with its last claim, however old), as does the site's latest identity record.
 */
export function pruneRunHistory(store: Store, siteId: string, command: string): void {
  const cutoff = store.stmt('SELECT id FROM runs WHERE site_id = ? AND command = ? ORDER BY id DESC LIMIT 1 OFFSET ?').get(siteId, command, KEPT_RUNS - 1) as { id: number } | undefined;
  if (!cutoff) return;
  const older = 'SELECT id FROM runs WHERE site_id = ? AND command = ? AND id < ?';
  const versions = store.stmt(
    `DELETE FROM page_versions WHERE site_id = ? AND run_id IN (${older}) AND EXISTS (
       SELECT 1 FROM page_versions n WHERE n.site_id = page_versions.site_id AND n.url = page_versions.url AND n.run_id > page_versions.run_id
         AND (page_versions.claimed_published_at IS NULL OR n.claimed_published_at IS NOT NULL)
         AND (page_versions.body_hash IS NULL OR n.body_hash IS NOT NULL)
         AND (page_versions.column_name IS NULL OR n.column_name IS NOT NULL))`,
  );
  const failures = store.stmt(`DELETE FROM fetch_failures WHERE run_id IN (${older})`);
  const identity = store.stmt(`DELETE FROM site_identity WHERE site_id = ? AND run_id IN (${older}) AND id < (SELECT MAX(id) FROM site_identity WHERE site_id = ?)`);
  store.db.transaction(() => {
    versions.run(siteId, siteId, command, cutoff.id);
    failures.run(siteId, command, cutoff.id);
    identity.run(siteId, siteId, command, cutoff.id, siteId);
  })();
}

/** A run whose page list this store no longer holds (older than its site's last KEPT_RUNS runs of its command). */
export function pageListPruned(store: Store, run: { id: number; siteId: string; command: string }): boolean {
  const newer = store.stmt('SELECT COUNT(*) AS n FROM runs WHERE site_id = ? AND command = ? AND id > ?').get(run.siteId, run.command, run.id) as { n: number };
  return Number(newer.n) >= KEPT_RUNS;
}
