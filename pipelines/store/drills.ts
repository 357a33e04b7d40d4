/**
 * Emergency drills (应急演练) in the store: the plan (scenario, site, who runs it, the detection
 * path expected), the steps people record, and everything the pipelines recorded on their own —
 * findings tagged with the drill, the issues they were filed in, each delivery receipt — read back
 * when the report is written.
 */
import { randomBytes } from 'node:crypto';
import type { Finding } from '../../checks/types';
import type { Store } from './store';

export const SCENARIOS = ['网页篡改', '暗链', '隐私泄露', '泄密', '证书过期', '站点宕机', '假冒网站'] as const;
export type Scenario = (typeof SCENARIOS)[number];
/** What people record; `started`, `payload` and `finished` are recorded by the commands themselves. */
export const EVENT_TYPES = ['injected', 'reported', 'contained', 'restored', 'note'] as const;
export type EventType = (typeof EVENT_TYPES)[number] | 'started' | 'payload' | 'finished';

export interface DrillEvent {
  type: EventType;
  at: string;
  note?: string;
  recordedAt: string;
}

export interface Drill {
  id: string;
  scenario: Scenario;
  site: string;
  status: 'running' | 'finished';
  plannedBy?: string;
  expected?: string;
  startedAt: string;
  finishedAt?: string;
  events: DrillEvent[];
}

/** The token a payload carries, by which the findings it causes are told apart from real ones. */
export function drillMarker(id: string): string {
  return `XJDRILL-${id}`;
}

export const MARKER = /XJDRILL-(DR-\d{8}-[0-9a-f]{4})/g;

function eventsOf(store: Store, id: string): DrillEvent[] {
  return (store.db.prepare('SELECT type, at, note, recorded_at FROM drill_events WHERE drill_id = ? ORDER BY at, id').all(id) as { type: EventType; at: string; note: string | null; recorded_at: string }[])
    .map((e) => ({ type: e.type, at: e.at, ...(e.note ? { note: e.note } : {}), recordedAt: e.recorded_at }));
}

function toDrill(store: Store, r: Record<string, unknown>): Drill {
  return {
    id: r['id'] as string, scenario: r['scenario'] as Scenario, site: r['site_id'] as string, status: r['status'] as Drill['status'],
    ...(r['planned_by'] ? { plannedBy: r['planned_by'] as string } : {}), ...(r['expected'] ? { expected: r['expected'] as string } : {}),
    startedAt: r['started_at'] as string, ...(r['finished_at'] ? { finishedAt: r['finished_at'] as string } : {}),
    events: eventsOf(store, r['id'] as string),
  };
}

export function startDrill(store: Store, o: { scenario: Scenario; site: string; plannedBy?: string; expected?: string; at: string }): Drill {
  const day = o.at.slice(0, 10).replace(/-/g, '');
  const id = `DR-${day}-${randomBytes(2).toString('hex')}`;
  store.db.transaction(() => {
    store.db.prepare("INSERT INTO drills (id, scenario, site_id, status, planned_by, expected, started_at) VALUES (?, ?, ?, 'running', ?, ?, ?)").run(id, o.scenario, o.site, o.plannedBy ?? null, o.expected ?? null, o.at);
    addEvent(store, id, 'started', o.at, undefined, o.at);
  })();
  return getDrill(store, id)!;
}

export function getDrill(store: Store, id: string): Drill | undefined {
  const r = store.db.prepare('SELECT * FROM drills WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  return r ? toDrill(store, r) : undefined;
}

export function listDrills(store: Store): Drill[] {
  return (store.db.prepare('SELECT * FROM drills ORDER BY started_at DESC').all() as Record<string, unknown>[]).map((r) => toDrill(store, r));
}

export function runningDrills(store: Store, site?: string): Drill[] {
  return listDrills(store).filter((d) => d.status === 'running' && (!site || d.site === site));
}

export function addEvent(store: Store, id: string, type: EventType, at: string, note: string | undefined, recordedAt: string): void {
  store.db.prepare('INSERT INTO drill_events (drill_id, type, at, note, recorded_at) VALUES (?, ?, ?, ?, ?)').run(id, type, at, note ?? null, recordedAt);
}

export function finishDrill(store: Store, id: string, at: string): void {
  store.db.transaction(() => {
    store.db.prepare("UPDATE drills SET status = 'finished', finished_at = ? WHERE id = ?").run(at, id);
    addEvent(store, id, 'finished', at, undefined, at);
  })();
}

/** The findings a drill's payload caused, with when the store first saw each. */
export function drillFindings(store: Store, id: string): { finding: Finding; firstSeen: string; fixedAt?: string; issueId?: number }[] {
  return (store.db.prepare("SELECT data, first_seen, fixed_at, issue_id FROM findings WHERE json_extract(data, '$.drill') = ? ORDER BY first_seen").all(id) as { data: string; first_seen: string; fixed_at: string | null; issue_id: number | null }[])
    .map((r) => ({ finding: JSON.parse(r.data) as Finding, firstSeen: r.first_seen, ...(r.fixed_at ? { fixedAt: r.fixed_at } : {}), ...(r.issue_id !== null ? { issueId: r.issue_id } : {}) }));
}

export interface Notification {
  issueId: number;
  sink: string;
  at: string;
  method: string;
  status?: number;
  ok: boolean;
  kind: string;
}

/** Every delivery attempt for the drill's issues, from the outbox receipts. */
export function drillNotifications(store: Store, issueIds: readonly number[]): Notification[] {
  if (!issueIds.length) return [];
  const rows = store.db.prepare(
    `SELECT o.issue_id, r.sink, r.at, r.method, r.status, r.ok, o.kind FROM receipts r JOIN outbox o ON o.id = r.outbox_id
     WHERE o.issue_id IN (${issueIds.map(() => '?').join(',')}) ORDER BY r.at, r.id`,
  ).all(...issueIds) as { issue_id: number; sink: string; at: string; method: string; status: number | null; ok: number; kind: string }[];
  return rows.map((r) => ({ issueId: r.issue_id, sink: r.sink, at: r.at, method: r.method, ...(r.status !== null ? { status: r.status } : {}), ok: r.ok === 1, kind: r.kind }));
}

export function issueTimes(store: Store, issueIds: readonly number[]): { id: number; openedAt: string; closedAt?: string }[] {
  if (!issueIds.length) return [];
  return (store.db.prepare(`SELECT id, opened_at, closed_at FROM issues WHERE id IN (${issueIds.map(() => '?').join(',')})`).all(...issueIds) as { id: number; opened_at: string; closed_at: string | null }[])
    .map((r) => ({ id: r.id, openedAt: r.opened_at, ...(r.closed_at ? { closedAt: r.closed_at } : {}) }));
}
