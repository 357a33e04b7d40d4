/**
 * What the tamper rules need from history: the domains a site's pages linked and the origins they
 * loaded scripts and frames from (novelty is a signal only once a complete run has been seen), and
 * the snapshots of its key pages. A snapshot that was reported as defaced never becomes part of
 * the baseline, so a defacement stays reported until it is undone or accepted.
 */
import type { KnownResources } from '../../checks/types';
import type { KeyPageSnapshot } from '../../checks/tamper/snapshot';
import type { Store } from './store';

/** Snapshots of a key page kept for its baseline. */
export const KEPT_SNAPSHOTS = 10;

/** The resources of the site's earlier runs, or undefined before its first complete run. */
export function knownResources(store: Store, siteId: string, beforeRunId: number): KnownResources | undefined {
  const complete = store.db.prepare("SELECT 1 FROM runs WHERE site_id = ? AND id < ? AND status = 'complete' LIMIT 1").get(siteId, beforeRunId);
  if (!complete) return undefined;
  const rows = store.db.prepare('SELECT kind, value FROM site_resources WHERE site_id = ? AND first_run < ?').all(siteId, beforeRunId) as { kind: string; value: string }[];
  return {
    linkDomains: new Set(rows.filter((r) => r.kind === 'link-domain').map((r) => r.value)),
    scriptOrigins: new Set(rows.filter((r) => r.kind === 'script-origin').map((r) => r.value)),
  };
}

export function recordResources(store: Store, siteId: string, runId: number, linkDomains: Iterable<string>, scriptOrigins: Iterable<string>): void {
  const up = store.db.prepare(
    `INSERT INTO site_resources (site_id, kind, value, first_run, last_run) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (site_id, kind, value) DO UPDATE SET last_run = excluded.last_run`,
  );
  store.db.transaction(() => {
    for (const d of linkDomains) up.run(siteId, 'link-domain', d, runId, runId);
    for (const o of scriptOrigins) up.run(siteId, 'script-origin', o, runId, runId);
  })();
}

/**
 * A key page's baseline: its last unreported snapshots, oldest first, and how many runs in a row
 * just before now reported a change on it.
 */
export function keyPageHistory(store: Store, siteId: string, url: string): { history: KeyPageSnapshot[]; unconfirmed: number } {
  const rows = store.db.prepare('SELECT alerted, json FROM key_page_snapshots WHERE site_id = ? AND url = ? ORDER BY id DESC LIMIT ?').all(siteId, url, KEPT_SNAPSHOTS * 3) as { alerted: number; json: string }[];
  let unconfirmed = 0;
  while (unconfirmed < rows.length && rows[unconfirmed]!.alerted) unconfirmed++;
  const history = rows.filter((r) => !r.alerted).slice(0, KEPT_SNAPSHOTS).reverse().map((r) => JSON.parse(r.json) as KeyPageSnapshot);
  return { history, unconfirmed };
}

export function recordSnapshot(store: Store, siteId: string, runId: number, snap: KeyPageSnapshot, alerted: boolean): void {
  const db = store.db;
  db.transaction(() => {
    db.prepare('INSERT INTO key_page_snapshots (site_id, url, run_id, at, alerted, json) VALUES (?, ?, ?, ?, ?, ?)').run(siteId, snap.url, runId, snap.at, alerted ? 1 : 0, JSON.stringify(snap));
    // Keep what a baseline can use: the newest unreported snapshots and the run of reported ones after them.
    db.prepare(
      `DELETE FROM key_page_snapshots WHERE site_id = ? AND url = ? AND id NOT IN (
         SELECT id FROM key_page_snapshots WHERE site_id = ? AND url = ? ORDER BY id DESC LIMIT ?)`,
    ).run(siteId, snap.url, siteId, snap.url, KEPT_SNAPSHOTS * 3);
  })();
}
