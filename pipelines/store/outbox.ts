/**
 * The outbox: what must still reach which sink, kept in the store so a sink that is down, or a
 * process that is killed, loses nothing. A `sync` entry says "make the tracker's copy of this
 * issue equal to the store's" and is rendered at delivery time, so one pending sync per (sink,
 * issue) is enough however often the issue changed. Comments and chat digests are fixed texts.
 *
 * Claiming is a lease: an entry being sent is `sending` until its lease ends or its claimer's
 * process is gone; an entry found `sending` is "in doubt" and is checked against the sink
 * before it is sent again.
 */
import { hostname } from 'node:os';
import type { Store } from './store';
import type { Receipt } from '../sinks/sink';

export type OutboxKind = 'sync' | 'comment' | 'digest';

export interface OutboxEntry {
  id: number;
  sink: string;
  issueId?: number;
  kind: OutboxKind;
  body?: string;
  state: 'pending' | 'sending' | 'sent' | 'dead';
  attempts: number;
  notBefore: string;
  createdAt: string;
  sentAt?: string;
  lastError?: string;
  /** Claimed before by a process that did not finish it: the sink may have it already. */
  inDoubt: boolean;
}

export const LEASE_MS = 5 * 60_000;
const ME = `${hostname()}:${process.pid}`;

function alive(claimer: string | null): boolean {
  if (!claimer) return false;
  const [host, pid] = claimer.split(':');
  if (host !== hostname()) return true; // cannot tell: trust the lease
  if (Number(pid) === process.pid) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function enqueueSync(store: Store, sink: string, issueId: number, at: string): void {
  store.db.prepare("INSERT OR IGNORE INTO outbox (sink, issue_id, kind, not_before, created_at) VALUES (?, ?, 'sync', ?, ?)").run(sink, issueId, at, at);
}

export function enqueueText(store: Store, sink: string, kind: 'comment' | 'digest', issueId: number | undefined, body: string, at: string): void {
  store.db.prepare('INSERT INTO outbox (sink, issue_id, kind, body, not_before, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(sink, issueId ?? null, kind, body, at, at);
}

function toEntry(r: Record<string, unknown>): OutboxEntry {
  return {
    id: r['id'] as number,
    sink: r['sink'] as string,
    ...(r['issue_id'] !== null ? { issueId: r['issue_id'] as number } : {}),
    kind: r['kind'] as OutboxKind,
    ...(r['body'] !== null ? { body: r['body'] as string } : {}),
    state: r['state'] as OutboxEntry['state'],
    attempts: r['attempts'] as number,
    notBefore: r['not_before'] as string,
    createdAt: r['created_at'] as string,
    ...(r['sent_at'] ? { sentAt: r['sent_at'] as string } : {}),
    ...(r['last_error'] ? { lastError: r['last_error'] as string } : {}),
    inDoubt: r['state'] === 'sending',
  };
}

/** Sinks with entries due now. */
export function dueSinks(store: Store, now: string): string[] {
  return (store.db.prepare("SELECT DISTINCT sink FROM outbox WHERE state IN ('pending', 'sending') AND not_before <= ? ORDER BY sink").all(now) as { sink: string }[]).map((r) => r.sink);
}

/**
 * Claim the sink's oldest due entry. Entries go out in order: a comment never overtakes the sync
 * that files its issue. A `sending` entry whose claimer is alive (and lease not over) is skipped.
 */
export function claimNext(store: Store, sink: string, now: Date): OutboxEntry | undefined {
  const db = store.db;
  return db.transaction(() => {
    const rows = db
      .prepare("SELECT * FROM outbox WHERE sink = ? AND state IN ('pending', 'sending') ORDER BY id LIMIT 50")
      .all(sink) as Record<string, unknown>[];
    for (const r of rows) {
      const nb = r['not_before'] as string;
      if (r['state'] === 'sending' && nb > now.toISOString() && alive(r['claimed_by'] as string | null)) return undefined;
      if (r['state'] === 'pending' && nb > now.toISOString()) return undefined; // keep order behind a backed-off entry
      const lease = new Date(now.getTime() + LEASE_MS).toISOString();
      db.prepare("UPDATE outbox SET state = 'sending', attempts = attempts + 1, not_before = ?, claimed_by = ? WHERE id = ?").run(lease, ME, r['id']);
      return { ...toEntry(r), attempts: (r['attempts'] as number) + 1 };
    }
    return undefined;
  }).immediate();
}

export function markSent(store: Store, id: number, at: string): void {
  store.db.prepare("UPDATE outbox SET state = 'sent', sent_at = ?, last_error = NULL, claimed_by = NULL WHERE id = ?").run(at, id);
}

export function markRetry(store: Store, id: number, notBefore: string, error: string): void {
  store.db.transaction(() => {
    // A sync queued while this one was being sent says the same thing (the latest state): keep one.
    store.db
      .prepare(
        `DELETE FROM outbox WHERE kind = 'sync' AND state = 'pending' AND attempts = 0
         AND (sink, issue_id) = (SELECT sink, issue_id FROM outbox WHERE id = ? AND kind = 'sync')`,
      )
      .run(id);
    store.db.prepare("UPDATE outbox SET state = 'pending', not_before = ?, last_error = ?, claimed_by = NULL WHERE id = ?").run(notBefore, error, id);
  })();
}

/** Given up: a wrong URL, a refused token. Kept, listed by `xunjian outbox`, retried on request. */
export function markDead(store: Store, id: number, error: string): void {
  store.db.prepare("UPDATE outbox SET state = 'dead', last_error = ?, claimed_by = NULL WHERE id = ?").run(error, id);
}

export function retryDead(store: Store, at: string, sink?: string): number {
  const sql = "UPDATE outbox SET state = 'pending', attempts = 0, not_before = ? WHERE state = 'dead'" + (sink ? ' AND sink = ?' : '');
  return store.db.prepare(sql).run(...(sink ? [at, sink] : [at])).changes;
}

export function outboxEntries(store: Store, states: OutboxEntry['state'][] = ['pending', 'sending', 'dead']): OutboxEntry[] {
  const rows = store.db.prepare(`SELECT * FROM outbox WHERE state IN (${states.map(() => '?').join(',')}) ORDER BY id`).all(...states) as Record<string, unknown>[];
  return rows.map(toEntry);
}

export function addReceipt(store: Store, outboxId: number, sink: string, r: Receipt): void {
  store.db
    .prepare('INSERT INTO receipts (outbox_id, sink, at, method, url, request, status, response, ms, ok) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(outboxId, sink, r.at, r.method, r.url, r.request ?? null, r.status ?? null, r.response ?? null, r.ms, r.ok ? 1 : 0);
}

export function latestReceiptId(store: Store): number {
  return (store.db.prepare('SELECT coalesce(max(id), 0) AS id FROM receipts').get() as { id: number }).id;
}

/** Receipts written after receipt `id`, in order. */
export function receiptsAfter(store: Store, id: number): StoredReceipt[] {
  return (store.db.prepare('SELECT * FROM receipts WHERE id > ? ORDER BY id').all(id) as Record<string, unknown>[]).map(toReceipt);
}

export interface StoredReceipt extends Receipt {
  outboxId: number;
  sink: string;
}

export function receipts(store: Store, since?: string): StoredReceipt[] {
  const rows = store.db.prepare('SELECT * FROM receipts WHERE at >= ? ORDER BY id').all(since ?? '') as Record<string, unknown>[];
  return rows.map(toReceipt);
}

function toReceipt(r: Record<string, unknown>): StoredReceipt {
  return {
    outboxId: r['outbox_id'] as number,
    sink: r['sink'] as string,
    at: r['at'] as string,
    method: r['method'] as string,
    url: r['url'] as string,
    ...(r['request'] !== null ? { request: r['request'] as string } : {}),
    ...(r['status'] !== null ? { status: r['status'] as number } : {}),
    ...(r['response'] !== null ? { response: r['response'] as string } : {}),
    ms: r['ms'] as number,
    ok: r['ok'] === 1,
  };
}

export interface RemoteRecord {
  ref: string;
  url?: string;
  state: string;
  bodySha256?: string;
}

export function remoteOf(store: Store, issueId: number, sink: string): RemoteRecord | undefined {
  const r = store.db.prepare('SELECT ref, url, state, body_sha256 FROM remote_issues WHERE issue_id = ? AND sink = ?').get(issueId, sink) as
    | { ref: string; url: string | null; state: string; body_sha256: string | null }
    | undefined;
  return r ? { ref: r.ref, ...(r.url ? { url: r.url } : {}), state: r.state, ...(r.body_sha256 ? { bodySha256: r.body_sha256 } : {}) } : undefined;
}

/** The tracker's copy and the entry's completion, in one transaction: a crash leaves neither or both. */
export function recordSynced(store: Store, entryId: number, issueId: number, sink: string, remote: RemoteRecord, at: string): void {
  store.db.transaction(() => {
    store.db
      .prepare(
        `INSERT INTO remote_issues (issue_id, sink, ref, url, state, body_sha256) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (issue_id, sink) DO UPDATE SET ref = excluded.ref, url = excluded.url, state = excluded.state, body_sha256 = excluded.body_sha256`,
      )
      .run(issueId, sink, remote.ref, remote.url ?? null, remote.state, remote.bodySha256 ?? null);
    markSent(store, entryId, at);
  })();
}
