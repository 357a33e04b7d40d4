/**
 * The embedded store: history is part of the checks (first-seen dates expose backdating,
 * findings' lifecycle stops duplicate issues, the frontier lets a killed crawl resume).
 *
 * WAL mode and a busy timeout let two runs (a nightly crawl and a pre-publish check) share one
 * file; every write is a short transaction so neither starves the other (a run's page writes are
 * committed together, but within a quarter of a second: held-writes.ts).
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations';
import { HeldWrites } from './held-writes';
import { isPostgresUrl, SchemaTooNewError, type Dialect, type SqlDatabase, type SqlStatement, type SqlTransaction } from './sql';
import type { Finding, ProbeRecord, SiteHistory } from '../../checks/types';

export type RunStatus = 'running' | 'complete' | 'partial' | 'failed';

export interface FrontierEntry {
  url: string;
  depth: number;
  kind: string;
  referrer?: string;
  anchor?: string;
  lastmod?: string;
}

export interface FrontierRow extends FrontierEntry {
  state: 'queued' | 'done' | 'failed' | 'skipped';
  status?: number;
  reason?: string;
}

export interface PageRecord {
  siteId: string;
  url: string;
  sha256: string;
  title?: string;
  status?: number;
  claims?: { publishedAt?: string; createdAt?: string; updatedAt?: string; column?: string };
  /** Hash of the main text without dates (PageDates.bodyHash), for re-post detection across runs. */
  bodyHash?: string;
}

export interface StoredRun {
  id: number;
  command: string;
  target: string;
  siteId: string;
  startedAt: string;
  finishedAt?: string;
  status: RunStatus;
  summary?: string;
}

export interface FrontierMark {
  url: string;
  state: FrontierRow['state'];
  status?: number;
  reason?: string;
}

export class Store {
  readonly db: SqlDatabase;
  private readonly statements = new Map<string, SqlStatement>();
  private recordPageTx?: SqlTransaction<(runId: number, p: PageRecord, at: string) => string>;

  /**
   * @param address what it was opened with, secrets included (a check thread opens the same store
   *   by it); print `db.name`, which masks them.
   */
  private constructor(db: SqlDatabase, readonly dialect: Dialect, readonly address: string) {
    this.db = db;
  }

  /** Prepared once per store: preparing is far dearer than running on the crawl's hot path. */
  stmt(sql: string): SqlStatement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  /**
   * Open (creating if needed) and migrate. `:memory:` gives a throwaway store; a `postgres://` URL
   * the shared store of workers on several machines.
   */
  static open(path: string): Store {
    if (isPostgresUrl(path)) {
      // Loaded only here: the embedded default never starts the connection thread.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { PostgresDatabase } = require('./postgres/database') as typeof import('./postgres/database');
      return new Store(PostgresDatabase.open(path), 'postgres', path);
    }
    let db: Database.Database;
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      db = new Database(path, { timeout: 15_000 });
    } catch (e) {
      throw new Error(`cannot open store ${path}: ${(e as Error).message}`);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    try {
      migrate(db);
    } catch (e) {
      db.close();
      throw e;
    }
    return new Store(new HeldWrites(db), 'sqlite', path);
  }

  /**
   * The history of an existing store, read only (`xunjian check` writes nothing); undefined when
   * there is none yet or it predates the tables a reader needs (it is migrated by the next scan).
   */
  static openReadOnly(path: string): Store | undefined {
    if (isPostgresUrl(path)) {
      try {
        return Store.open(path);
      } catch {
        return undefined;
      }
    }
    if (path === ':memory:' || !existsSync(path)) return undefined;
    try {
      const db = new Database(path, { readonly: true, fileMustExist: true, timeout: 15_000 });
      if ((db.pragma('user_version', { simple: true }) as number) < MIGRATIONS.length) {
        db.close();
        return undefined;
      }
      return new Store(db as unknown as SqlDatabase, 'sqlite', path);
    } catch {
      return undefined;
    }
  }

  close(): void {
    this.db.close();
  }

  /**
   * A page's writes, committed with those of the pages around it (held-writes.ts) on SQLite; on
   * PostgreSQL each still commits alone.
   */
  held<T>(fn: () => T): T {
    return this.db instanceof HeldWrites ? this.db.held(fn) : fn();
  }

  /** Commits held page writes now. */
  commitHeld(): void {
    if (this.db instanceof HeldWrites) this.db.commit();
  }

  beginRun(command: string, target: string, siteId: string, at: string): number {
    const r = this.db
      .prepare('INSERT INTO runs (command, target, site_id, started_at) VALUES (?, ?, ?, ?)')
      .run(command, target, siteId, at);
    return Number(r.lastInsertRowid);
  }

  finishRun(runId: number, status: RunStatus, at: string, summary: unknown): void {
    this.db
      .prepare('UPDATE runs SET status = ?, finished_at = ?, summary = ? WHERE id = ?')
      .run(status, at, JSON.stringify(summary), runId);
  }

  getRun(runId: number): StoredRun | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as Record<string, unknown> | undefined;
    return row ? toRun(row) : undefined;
  }

  latestRun(siteId?: string): StoredRun | undefined {
    const row = (
      siteId
        ? this.db.prepare("SELECT * FROM runs WHERE site_id = ? AND status != 'running' ORDER BY id DESC LIMIT 1").get(siteId)
        : this.db.prepare("SELECT * FROM runs WHERE status != 'running' ORDER BY id DESC LIMIT 1").get()
    ) as Record<string, unknown> | undefined;
    return row ? toRun(row) : undefined;
  }

  /** Record that a page was seen in this run; returns when the store first saw it. */
  recordPage(runId: number, p: PageRecord, at: string): string {
    // Made once: better-sqlite3 builds a transaction's wrappers anew at each db.transaction(), a
    // cost paid per page on the thread every page passes through.
    this.recordPageTx ??= this.db.transaction((runId: number, p: PageRecord, at: string): string => {
      // The row as written says when the page was first seen: no second lookup of it.
      const row = this.stmt(
        `INSERT INTO pages (site_id, url, first_seen, last_seen, first_run, last_run, sha256, title)
         VALUES (@siteId, @url, @at, @at, @runId, @runId, @sha256, @title)
         ON CONFLICT (site_id, url) DO UPDATE SET last_seen = @at, last_run = @runId, sha256 = @sha256, title = @title
         RETURNING first_seen`,
      ).get({ siteId: p.siteId, url: p.url, at, runId, sha256: p.sha256, title: p.title ?? null }) as { first_seen: string } | undefined;
      this.stmt(
        `INSERT OR REPLACE INTO page_versions
         (run_id, site_id, url, sha256, status, claimed_published_at, claimed_created_at, claimed_updated_at, column_name, body_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(runId, p.siteId, p.url, p.sha256, p.status ?? null, p.claims?.publishedAt ?? null, p.claims?.createdAt ?? null,
        p.claims?.updatedAt ?? null, p.claims?.column ?? null, p.bodyHash ?? null);
      return row?.first_seen ?? at;
    });
    return this.recordPageTx(runId, p, at);
  }


  /**
   * What the store knew before run `runId`: the previous complete run of the site and the pages
   * first seen up to then, with their latest claimed publication date. Undefined on a first scan.
   */
  siteHistory(siteId: string, runId: number): SiteHistory | undefined {
    const prev = this.stmt(
      "SELECT started_at, finished_at FROM runs WHERE site_id = ? AND id < ? AND status = 'complete' ORDER BY id DESC LIMIT 1",
    ).get(siteId, runId) as { started_at: string; finished_at: string | null } | undefined;
    if (!prev) return undefined;
    const rows = this.stmt(
      `SELECT p.url, p.first_seen AS firstSeen,
         (SELECT v.claimed_published_at FROM page_versions v
           WHERE v.site_id = p.site_id AND v.url = p.url AND v.claimed_published_at IS NOT NULL
           ORDER BY v.run_id DESC LIMIT 1) AS claimed,
         (SELECT v.body_hash FROM page_versions v
           WHERE v.site_id = p.site_id AND v.url = p.url AND v.body_hash IS NOT NULL
           ORDER BY v.run_id DESC LIMIT 1) AS bodyHash
       FROM pages p WHERE p.site_id = ? AND p.first_seen <= ?`,
    ).all(siteId, prev.finished_at ?? prev.started_at) as { url: string; firstSeen: string; claimed: string | null; bodyHash: string | null }[];
    return {
      previousRunAt: prev.started_at,
      pages: rows.map((r) => ({ url: r.url, firstSeen: r.firstSeen, ...(r.claimed ? { claimed: r.claimed } : {}), ...(r.bodyHash ? { bodyHash: r.bodyHash } : {}) })),
    };
  }

  recordProbe(siteId: string, r: ProbeRecord): void {
    this.stmt('INSERT INTO probes (site_id, at, ok, outcome, status, ms) VALUES (?, ?, ?, ?, ?, ?)').run(siteId, r.at, r.ok ? 1 : 0, r.outcome, r.status ?? null, r.ms ?? null);
  }

  /** What the latest probe observed of a site (sites[] of a scan). */
  saveObservations(siteId: string, observedAt: string, observations: object): void {
    this.stmt('INSERT INTO site_observations (site_id, observed_at, json) VALUES (?, ?, ?) ON CONFLICT (site_id) DO UPDATE SET observed_at = excluded.observed_at, json = excluded.json WHERE excluded.observed_at >= site_observations.observed_at')
      .run(siteId, observedAt, JSON.stringify(observations));
  }

  latestObservations<T>(siteId: string): T | undefined {
    const row = this.stmt('SELECT json FROM site_observations WHERE site_id = ?').get(siteId) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as T) : undefined;
  }

  /** Probes of a site at or after `since` (ISO 8601), oldest first. */
  probesSince(siteId: string, since: string): ProbeRecord[] {
    const rows = this.stmt('SELECT at, ok, outcome, status, ms FROM probes WHERE site_id = ? AND at >= ? ORDER BY at').all(siteId, since) as {
      at: string; ok: number; outcome: string; status: number | null; ms: number | null;
    }[];
    return rows.map((r) => ({ at: r.at, ok: r.ok === 1, outcome: r.outcome, ...(r.status !== null ? { status: r.status } : {}), ...(r.ms !== null ? { ms: r.ms } : {}) }));
  }

  firstSeen(siteId: string, url: string): string | undefined {
    const row = this.stmt('SELECT first_seen FROM pages WHERE site_id = ? AND url = ?').get(siteId, url) as
      | { first_seen: string }
      | undefined;
    return row?.first_seen;
  }

  /** Insert new findings, refresh seen ones; returns how many were new. */
  upsertFindings(runId: number, findings: readonly Finding[], at: string): { added: number; seen: number } {
    let added = 0;
    const insert = this.stmt(
      `INSERT INTO findings (fingerprint, site_id, rule, severity, url, first_seen, last_seen, first_run, last_run, data)
       VALUES (@id, @site, @rule, @severity, @url, @at, @at, @runId, @runId, @data)
       ON CONFLICT (fingerprint) DO UPDATE SET last_seen = @at, last_run = @runId, severity = @severity, data = @data`,
    );
    const exists = this.stmt('SELECT 1 FROM findings WHERE fingerprint = ?');
    const tx = this.db.transaction(() => {
      for (const f of findings) {
        if (!exists.get(f.id)) added++;
        insert.run({ id: f.id, site: f.site, rule: f.rule, severity: f.severity, url: f.url, at, runId, data: JSON.stringify(f) });
      }
    });
    tx();
    return { added, seen: findings.length - added };
  }

  /** Snapshot references of these findings captured at or after `since` (fingerprint -> snapshot). */
  recentSnapshots(fingerprints: readonly string[], since: string): Map<string, string> {
    const get = this.stmt("SELECT json_extract(data, '$.evidence.snapshot') AS snap FROM findings WHERE fingerprint = ? AND captured_at >= ?");
    const out = new Map<string, string>();
    for (const fp of fingerprints) {
      const r = get.get(fp, since) as { snap: string | null } | undefined;
      if (r?.snap) out.set(fp, r.snap);
    }
    return out;
  }

  markCaptured(fingerprints: readonly string[], at: string): void {
    const upd = this.stmt('UPDATE findings SET captured_at = ? WHERE fingerprint = ?');
    this.db.transaction(() => {
      for (const fp of fingerprints) upd.run(at, fp);
    })();
  }

  findingsOfRun(runId: number): Finding[] {
    return (this.db.prepare('SELECT data FROM findings WHERE last_run = ? ORDER BY rowid').all(runId) as { data: string }[]).map(
      (r) => JSON.parse(r.data) as Finding,
    );
  }

  recordFailure(runId: number, url: string, code: string, message: string, status: number | undefined, at: string): void {
    this.db
      .prepare('INSERT INTO fetch_failures (run_id, url, code, message, status, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(runId, url, code, message, status ?? null, at);
  }

  failuresOfRun(runId: number): { url: string; code: string; message: string; status: number | null }[] {
    return this.db.prepare('SELECT url, code, message, status FROM fetch_failures WHERE run_id = ? ORDER BY rowid').all(runId) as {
      url: string;
      code: string;
      message: string;
      status: number | null;
    }[];
  }

  // ---- crawl frontier -------------------------------------------------------------------

  /** Resume the site's unfinished crawl with the same seeds (and rules, when given), or start a new one. */
  openCrawl(siteId: string, seeds: readonly string[], at: string, rules?: string): { crawlId: number; resumed: boolean } {
    const key = JSON.stringify(rules ? { seeds: [...seeds].sort(), rules } : [...seeds].sort());
    const row = this.db
      .prepare("SELECT id FROM crawls WHERE site_id = ? AND seeds = ? AND state = 'running' ORDER BY id DESC LIMIT 1")
      .get(siteId, key) as { id: number } | undefined;
    if (row) {
      this.db.prepare('UPDATE crawls SET updated_at = ? WHERE id = ?').run(at, row.id);
      return { crawlId: row.id, resumed: true };
    }
    // A finished crawl's frontier was kept only to resume it: a new one makes it history nobody reads.
    this.db.prepare("DELETE FROM frontier WHERE crawl_id IN (SELECT id FROM crawls WHERE site_id = ? AND state = 'finished')").run(siteId);
    const r = this.db
      .prepare('INSERT INTO crawls (site_id, seeds, started_at, updated_at) VALUES (?, ?, ?, ?)')
      .run(siteId, key, at, at);
    return { crawlId: Number(r.lastInsertRowid), resumed: false };
  }

  finishCrawl(crawlId: number, at: string): void {
    this.db.prepare("UPDATE crawls SET state = 'finished', updated_at = ? WHERE id = ?").run(at, crawlId);
  }

  frontierRows(crawlId: number): FrontierRow[] {
    return (this.db.prepare('SELECT * FROM frontier WHERE crawl_id = ? ORDER BY rowid').all(crawlId) as Record<string, unknown>[]).map(
      (r) => ({
        url: r['url'] as string,
        depth: r['depth'] as number,
        kind: r['kind'] as string,
        referrer: (r['referrer'] as string | null) ?? undefined,
        anchor: (r['anchor'] as string | null) ?? undefined,
        lastmod: (r['lastmod'] as string | null) ?? undefined,
        state: r['state'] as FrontierRow['state'],
        status: (r['status'] as number | null) ?? undefined,
        reason: (r['reason'] as string | null) ?? undefined,
      }),
    );
  }

  /** New URLs and changed states in one transaction (the crawler batches them). */
  frontierWrite(crawlId: number, entries: readonly FrontierEntry[], marks: readonly FrontierMark[]): void {
    if (entries.length === 0 && marks.length === 0) return;
    const ins = this.stmt(
      `INSERT OR IGNORE INTO frontier (crawl_id, url, depth, kind, referrer, anchor, lastmod) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const upd = this.stmt('UPDATE frontier SET state = ?, status = ?, reason = ? WHERE crawl_id = ? AND url = ?');
    this.db.transaction(() => {
      for (const e of entries) ins.run(crawlId, e.url, e.depth, e.kind, e.referrer ?? null, e.anchor ?? null, e.lastmod ?? null);
      for (const m of marks) upd.run(m.state, m.status ?? null, m.reason ?? null, crawlId, m.url);
    })();
  }

  // ---- git cursors -----------------------------------------------------------------------

  gitCursor(repo: string): string | undefined {
    const row = this.db.prepare('SELECT commit_id FROM git_cursors WHERE repo = ?').get(repo) as { commit_id: string } | undefined;
    return row?.commit_id;
  }

  setGitCursor(repo: string, commitId: string, at: string): void {
    this.db
      .prepare('INSERT INTO git_cursors (repo, commit_id, scanned_at) VALUES (?, ?, ?) ON CONFLICT (repo) DO UPDATE SET commit_id = excluded.commit_id, scanned_at = excluded.scanned_at')
      .run(repo, commitId, at);
  }

  // ---- daemon schedules ------------------------------------------------------------------

  scheduleDue(pipelineId: string): string | undefined {
    const row = this.db.prepare('SELECT next_due FROM schedules WHERE pipeline_id = ?').get(pipelineId) as { next_due: string | null } | undefined;
    return row?.next_due ?? undefined;
  }

  setScheduleDue(pipelineId: string, nextDue: string | undefined): void {
    this.db
      .prepare('INSERT INTO schedules (pipeline_id, next_due) VALUES (?, ?) ON CONFLICT (pipeline_id) DO UPDATE SET next_due = excluded.next_due')
      .run(pipelineId, nextDue ?? null);
  }

  scheduleRan(pipelineId: string, started: string, finished: string, status: string, pages?: number): void {
    this.db
      .prepare(
        `INSERT INTO schedules (pipeline_id, last_started, last_finished, last_status, last_success, last_pages, last_ms)
         VALUES (@id, @started, @finished, @status, CASE WHEN @status = 'complete' THEN @finished END, @pages, @ms)
         ON CONFLICT (pipeline_id) DO UPDATE SET last_started = excluded.last_started, last_finished = excluded.last_finished,
           last_status = excluded.last_status, last_success = coalesce(excluded.last_success, schedules.last_success),
           last_pages = excluded.last_pages, last_ms = excluded.last_ms`,
      )
      .run({ id: pipelineId, started, finished, status, pages: pages ?? null, ms: Math.max(0, Date.parse(finished) - Date.parse(started)) });
  }

  /** What the daemon recorded of each pipeline. */
  schedules(): ScheduleRow[] {
    return (this.db.prepare('SELECT * FROM schedules ORDER BY pipeline_id').all() as Record<string, unknown>[]).map((r) => ({
      pipelineId: r['pipeline_id'] as string,
      ...(r['next_due'] ? { nextDue: r['next_due'] as string } : {}),
      ...(r['last_started'] ? { lastStarted: r['last_started'] as string } : {}),
      ...(r['last_finished'] ? { lastFinished: r['last_finished'] as string } : {}),
      ...(r['last_status'] ? { lastStatus: r['last_status'] as string } : {}),
      ...(r['last_success'] ? { lastSuccess: r['last_success'] as string } : {}),
      ...(r['last_pages'] !== null && r['last_pages'] !== undefined ? { lastPages: r['last_pages'] as number } : {}),
      ...(r['last_ms'] !== null && r['last_ms'] !== undefined ? { lastMs: r['last_ms'] as number } : {}),
    }));
  }
}

function migrate(db: Database.Database): void {
  // IMMEDIATE takes the write lock first, so two processes opening a new store do not both migrate.
  const run = db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) throw new SchemaTooNewError(db.name, version, MIGRATIONS.length);
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    if (version < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  });
  run.immediate();
}

export interface ScheduleRow {
  pipelineId: string;
  nextDue?: string;
  lastStarted?: string;
  lastFinished?: string;
  lastStatus?: string;
  lastSuccess?: string;
  lastPages?: number;
  lastMs?: number;
}

function toRun(row: Record<string, unknown>): StoredRun {
  return {
    id: row['id'] as number,
    command: row['command'] as string,
    target: row['target'] as string,
    siteId: row['site_id'] as string,
    startedAt: row['started_at'] as string,
    finishedAt: (row['finished_at'] as string | null) ?? undefined,
    status: row['status'] as RunStatus,
    summary: (row['summary'] as string | null) ?? undefined,
  };
}
