/**
 * The issue lifecycle, decided in the store (the source of truth; trackers only mirror it).
 *
 * One issue per (site, rule family, duty) with a row per finding fingerprint. A new fingerprint
 * adds a row (or opens the issue); a fingerprint seen again changes nothing; a row is fixed only
 * after `closeAfter` consecutive complete runs that covered its URL without it, and the issue
 * closes when no open row is left. A fixed row or a closed issue that comes back is a regression.
 * A suppressed fingerprint (false positive, accepted risk) is still recorded, never filed.
 */
import { severityRank, type Duty, type Family, type Finding } from '../../checks/types';
import type { IssueSettings } from '../config';
import type { Store } from './store';

export interface RunCoverage {
  runId: number;
  siteId: string;
  /** Only a complete run may fix rows or close issues: a partial or failed crawl proves nothing. */
  complete: boolean;
  at: string;
  findings: readonly Finding[];
  /**
   * Did this run judge `rule` on `url` (the rule ran to a verdict there, not skipped)? Only then
   * does a missing finding count as gone: a probe does not re-examine a wording finding, and a
   * scan without transport facts does not re-examine a TLS one.
   */
  covers: (rule: string, url: string) => boolean;
}

export type IssueEventKind = 'opened' | 'reopened' | 'rows-added' | 'regression' | 'rows-fixed' | 'closed' | 'still-present';

export interface IssueEvent {
  issueId: number;
  kind: IssueEventKind;
  /** The rows the event is about. */
  fingerprints: string[];
}

export interface IssueRecord {
  id: number;
  key: string;
  siteId: string;
  family: Family;
  duty: Duty;
  state: 'open' | 'closed';
  openedAt: string;
  closedAt?: string;
  regressions: number;
  notifiedAt?: string;
}

export type SuppressReason = 'false-positive' | 'accepted';

/** One issue per site, family and duty; a drill's findings get issues of their own. */
export function issueKey(siteId: string, family: string, duty: string, drill?: string): string {
  return `${siteId}|${family}|${duty}${drill ? `|drill:${drill}` : ''}`;
}

/** The drill an issue belongs to, from its key. */
export function drillOfIssue(key: string): string | undefined {
  return /\|drill:([^|]+)$/.exec(key)?.[1];
}

interface FindingState {
  fingerprint: string;
  issue_id: number | null;
  status: string;
  suppressed: string | null;
}

const DAY_MS = 86_400_000;

export function reconcile(store: Store, run: RunCoverage, settings: Pick<IssueSettings, 'closeAfter' | 'digestDays'>): IssueEvent[] {
  const db = store.db;
  const events = new Map<string, IssueEvent>();
  const note = (issueId: number, kind: IssueEventKind, fp?: string): void => {
    const k = `${issueId}|${kind}`;
    let e = events.get(k);
    if (!e) events.set(k, (e = { issueId, kind, fingerprints: [] }));
    if (fp) e.fingerprints.push(fp);
  };
  const getIssue = db.prepare('SELECT * FROM issues WHERE key = ?');
  const insertIssue = db.prepare("INSERT INTO issues (key, site_id, family, duty, state, opened_at, notified_at) VALUES (?, ?, ?, ?, 'open', ?, ?)");
  const reopen = db.prepare("UPDATE issues SET state = 'open', closed_at = NULL, regressions = regressions + ?, notified_at = ? WHERE id = ?");
  const stateOf = db.prepare('SELECT fingerprint, issue_id, status, suppressed FROM findings WHERE fingerprint = ?');
  const attach = db.prepare("UPDATE findings SET issue_id = ?, status = 'open', missed = 0, fixed_at = NULL WHERE fingerprint = ?");
  const seenAgain = db.prepare('UPDATE findings SET missed = 0 WHERE fingerprint = ?');

  const tx = db.transaction(() => {
    const present = new Set<string>();
    const touched = new Set<number>();
    for (const f of run.findings) {
      present.add(f.id);
      const row = stateOf.get(f.id) as FindingState | undefined;
      if (!row) continue; // not persisted (no store run): nothing to file
      if (row.suppressed) {
        seenAgain.run(f.id);
        continue;
      }
      const key = issueKey(f.site, f.check, f.duty, f.drill);
      let issue = getIssue.get(key) as Record<string, unknown> | undefined;
      if (!issue) {
        const id = Number(insertIssue.run(key, f.site, f.check, f.duty, run.at, run.at).lastInsertRowid);
        issue = { id, state: 'open' };
        note(id, 'opened');
      }
      const issueId = issue['id'] as number;
      touched.add(issueId);
      if (issue['state'] === 'closed') {
        // A fixed row that is back is a regression; a new row in a closed issue only reopens it.
        const back = row.status === 'fixed';
        reopen.run(back ? 1 : 0, run.at, issueId);
        issue['state'] = 'open';
        note(issueId, back ? 'regression' : 'reopened', f.id);
      } else if (row.status === 'fixed') {
        note(issueId, 'regression', f.id);
      } else if (row.issue_id === null) {
        if (!events.has(`${issueId}|opened`)) note(issueId, 'rows-added', f.id);
      }
      if (row.issue_id === null || row.status === 'fixed' || row.issue_id !== issueId) attach.run(issueId, f.id);
      else seenAgain.run(f.id);
    }

    if (run.complete) {
      const open = db
        .prepare(
          `SELECT f.fingerprint, f.url, f.rule, f.missed, f.issue_id FROM findings f
           WHERE f.site_id = ? AND f.status = 'open' AND f.suppressed IS NULL AND f.issue_id IS NOT NULL`,
        )
        .all(run.siteId) as { fingerprint: string; url: string; rule: string; missed: number; issue_id: number }[];
      const miss = db.prepare('UPDATE findings SET missed = ? WHERE fingerprint = ?');
      const fix = db.prepare("UPDATE findings SET missed = ?, status = 'fixed', fixed_at = ? WHERE fingerprint = ?");
      for (const r of open) {
        if (present.has(r.fingerprint) || !run.covers(r.rule, r.url)) continue;
        const missed = r.missed + 1;
        if (missed >= settings.closeAfter) {
          fix.run(missed, run.at, r.fingerprint);
          note(r.issue_id, 'rows-fixed', r.fingerprint);
        } else {
          miss.run(missed, r.fingerprint);
        }
      }
      const closable = db
        .prepare(
          `SELECT i.id FROM issues i WHERE i.site_id = ? AND i.state = 'open'
           AND NOT EXISTS (SELECT 1 FROM findings f WHERE f.issue_id = i.id AND f.status = 'open' AND f.suppressed IS NULL)`,
        )
        .all(run.siteId) as { id: number }[];
      const close = db.prepare("UPDATE issues SET state = 'closed', closed_at = ? WHERE id = ?");
      for (const { id } of closable) {
        close.run(run.at, id);
        note(id, 'closed');
      }
    }

    // A weekly reminder at most, and only for an issue nothing else was said about in this run.
    const remind = db.prepare('UPDATE issues SET notified_at = ? WHERE id = ?');
    const notified = db.prepare("SELECT notified_at FROM issues WHERE id = ? AND state = 'open'");
    const since = new Date(Date.parse(run.at) - settings.digestDays * DAY_MS).toISOString();
    const spoken = new Set([...events.values()].map((e) => e.issueId));
    for (const id of touched) {
      const said = spoken.has(id);
      const row = notified.get(id) as { notified_at: string | null } | undefined;
      if (!row) continue;
      if (said) remind.run(run.at, id);
      else if (!row.notified_at || row.notified_at <= since) {
        remind.run(run.at, id);
        note(id, 'still-present');
      }
    }
  });
  tx.immediate();
  return [...events.values()];
}

/** Mark fingerprints as false positives or accepted: still recorded, never filed again. */
export function suppress(store: Store, fingerprints: readonly string[], reason: SuppressReason): { suppressed: number; unknown: string[] } {
  const upd = store.db.prepare('UPDATE findings SET suppressed = ? WHERE fingerprint = ? OR (length(?) >= 8 AND fingerprint LIKE ? || \'%\')');
  let suppressed = 0;
  const unknown: string[] = [];
  store.db.transaction(() => {
    for (const fp of fingerprints) {
      const n = upd.run(reason, fp, fp, fp).changes;
      if (n === 0) unknown.push(fp);
      suppressed += n;
    }
  })();
  return { suppressed, unknown };
}

export function getIssue(store: Store, id: number): IssueRecord | undefined {
  const r = store.db.prepare('SELECT * FROM issues WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  return r ? toIssue(r) : undefined;
}

export function listIssues(store: Store, siteId?: string): IssueRecord[] {
  const rows = (siteId ? store.db.prepare('SELECT * FROM issues WHERE site_id = ? ORDER BY id').all(siteId) : store.db.prepare('SELECT * FROM issues ORDER BY id').all()) as Record<string, unknown>[];
  return rows.map(toIssue);
}

export interface IssueRow {
  fingerprint: string;
  finding: Finding;
  status: 'open' | 'fixed';
  firstSeen: string;
  lastSeen: string;
  fixedAt?: string;
  suppressed?: SuppressReason;
}

/** The rows of an issue: open ones first (most severe first), then fixed ones. */
export function issueRows(store: Store, issueId: number): IssueRow[] {
  const rows = store.db
    .prepare('SELECT fingerprint, data, status, first_seen, last_seen, fixed_at, suppressed FROM findings WHERE issue_id = ? ORDER BY rowid')
    .all(issueId) as { fingerprint: string; data: string; status: string; first_seen: string; last_seen: string; fixed_at: string | null; suppressed: string | null }[];
  return rows
    .map((r) => ({
      fingerprint: r.fingerprint,
      finding: JSON.parse(r.data) as Finding,
      status: (r.status === 'fixed' ? 'fixed' : 'open') as IssueRow['status'],
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
      ...(r.fixed_at ? { fixedAt: r.fixed_at } : {}),
      ...(r.suppressed ? { suppressed: r.suppressed as SuppressReason } : {}),
    }))
    .sort((a, b) => Number(a.status === 'fixed') - Number(b.status === 'fixed') || severityRank(a.finding.severity) - severityRank(b.finding.severity));
}

function toIssue(r: Record<string, unknown>): IssueRecord {
  return {
    id: r['id'] as number,
    key: r['key'] as string,
    siteId: r['site_id'] as string,
    family: r['family'] as Family,
    duty: r['duty'] as Duty,
    state: r['state'] as IssueRecord['state'],
    openedAt: r['opened_at'] as string,
    ...(r['closed_at'] ? { closedAt: r['closed_at'] as string } : {}),
    regressions: r['regressions'] as number,
    ...(r['notified_at'] ? { notifiedAt: r['notified_at'] as string } : {}),
  };
}
