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

/** The kinds of resource the history keeps, as stored. */
const KINDS = { linkDomains: 'link-domain', scriptOrigins: 'script-origin' } as const;
export type ResourceKind = keyof typeof KINDS;

/**
 * The resources of the site's earlier runs: each kind once a complete run has recorded it, else
 * left out (novelty is no signal then). A store from before runs said what they recorded (resources
 * stored, no run's word) has every kind from its first complete run, as it had.
 */
export function knownResources(store: Store, siteId: string, beforeRunId: number): KnownResources | undefined {
  const rows = store.db.prepare('SELECT kind, value FROM site_resources WHERE site_id = ? AND first_run < ?').all(siteId, beforeRunId) as { kind: string; value: string }[];
  const said = store.db.prepare('SELECT 1 FROM resource_runs WHERE site_id = ? LIMIT 1').get(siteId) !== undefined;
  // Resources stored with no run saying it recorded them: a store from before runs said so.
  const legacy = !said && rows.length > 0;
  const recordedBy = store.db.prepare(
    "SELECT 1 FROM resource_runs rr JOIN runs r ON r.id = rr.run_id WHERE rr.site_id = ? AND rr.kind = ? AND rr.run_id < ? AND r.status = 'complete' LIMIT 1",
  );
  const anyComplete = (): boolean => store.db.prepare("SELECT 1 FROM runs WHERE site_id = ? AND id < ? AND status = 'complete' LIMIT 1").get(siteId, beforeRunId) !== undefined;
  const known: { -readonly [K in ResourceKind]?: Set<string> } = {};
  for (const [k, stored] of Object.entries(KINDS) as [ResourceKind, string][]) {
    const baseline = said ? recordedBy.get(siteId, stored, beforeRunId) !== undefined : legacy && anyComplete();
    if (baseline) known[k] = new Set(rows.filter((r) => r.kind === stored).map((r) => r.value));
  }
  return known.linkDomains || known.scriptOrigins ? known : undefined;
}

/** Stores what the run's own pages linked and loaded, for each kind the run recorded (the others are absent). */
export function recordResources(store: Store, siteId: string, runId: number, seen: { [K in ResourceKind]?: Iterable<string> }): void {
  const up = store.db.prepare(
    `INSERT INTO site_resources (site_id, kind, value, first_run, last_run) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (site_id, kind, value) DO UPDATE SET last_run = excluded.last_run`,
  );
  const mark = store.db.prepare('INSERT OR IGNORE INTO resource_runs (site_id, run_id, kind) VALUES (?, ?, ?)');
  store.db.transaction(() => {
    for (const [k, stored] of Object.entries(KINDS) as [ResourceKind, string][]) {
      const values = seen[k];
      if (!values) continue;
      mark.run(siteId, runId, stored);
      for (const v of values) up.run(siteId, stored, v, runId, runId);
    }
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
