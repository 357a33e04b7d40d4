/**
 * A run's page writes committed together: a commit per page cost SQLite as much as the page's own
 * statements, on the thread every page passes through. Only writes made inside `held()` join the
 * open transaction; any other write (the crawl's frontier, a run's row, the issue lifecycle)
 * commits it first and then runs on its own, so a failing batch — a full disk makes SQLite roll
 * the whole transaction back — can lose only page writes, never a row another write relies on.
 * The batch is committed after HOLD_MS or HOLD_WRITES held calls, whichever comes first, so a
 * polite crawl never keeps the write lock from another process for long.
 */
import type Database from 'better-sqlite3';
import type { SqlDatabase, SqlStatement, SqlTransaction, TxBody } from './sql';

const HOLD_MS = 250;
const HOLD_WRITES = 200;

export class HeldWrites implements SqlDatabase {
  /** A held transaction is open. */
  private open = false;
  /** Inside a held() body: writes join the batch. */
  private depth = 0;
  private writes = 0;
  private timer?: NodeJS.Timeout;
  /** A commit that failed on the timer, thrown at the next write or commit. */
  private failure?: Error;

  constructor(private readonly db: Database.Database) {}

  get name(): string {
    return this.db.name;
  }

  /** Runs fn's writes in the held transaction, opening it if need be. */
  held<T>(fn: () => T): T {
    this.rethrow();
    if (!this.open) {
      this.db.exec('BEGIN');
      this.open = true;
      this.writes = 0;
      this.timer = setTimeout(() => this.commitLater(), HOLD_MS);
      this.timer.unref();
    }
    this.depth++;
    try {
      return fn();
    } catch (e) {
      // SQLite may have rolled the batch back itself (SQLITE_FULL, SQLITE_IOERR): then nothing is open.
      if (!this.db.inTransaction) this.closed();
      throw e;
    } finally {
      this.depth--;
      if (this.open && this.depth === 0 && ++this.writes >= HOLD_WRITES) this.commit();
    }
  }

  /** Commits the held writes now (before the run reads its own results back, or ends). */
  commit(): void {
    this.rethrow();
    if (!this.open || this.depth > 0) return;
    this.closed();
    if (!this.db.inTransaction) return;
    try {
      this.db.exec('COMMIT');
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    }
  }

  private commitLater(): void {
    try {
      this.commit();
    } catch (e) {
      this.failure = e as Error;
    }
  }

  private closed(): void {
    this.open = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private rethrow(): void {
    const e = this.failure;
    if (!e) return;
    this.failure = undefined;
    throw e;
  }

  /** A write from outside held(): the batch goes first, so this write never shares its fate. */
  private beforeWrite(): void {
    if (this.depth === 0) this.commit();
  }

  prepare(sql: string): SqlStatement {
    const st = this.db.prepare(sql);
    if (st.reader) return st;
    const run = st.run.bind(st);
    return Object.assign(st, {
      run: (...params: unknown[]) => {
        this.beforeWrite();
        return run(...params);
      },
    });
  }

  transaction<F extends TxBody>(fn: F): SqlTransaction<F> {
    const tx = this.db.transaction(fn) as unknown as SqlTransaction<F>;
    const wrapped = ((...args: Parameters<F>) => {
      this.beforeWrite();
      return tx(...args);
    }) as SqlTransaction<F>;
    wrapped.immediate = (...args: Parameters<F>) => {
      this.beforeWrite();
      return tx.immediate(...args);
    };
    return wrapped;
  }

  exec(sql: string): void {
    this.beforeWrite();
    this.db.exec(sql);
  }

  close(): void {
    // Written pages are kept: a run stopped early resumes from what was stored.
    try {
      this.commit();
    } finally {
      this.db.close();
    }
  }
}
