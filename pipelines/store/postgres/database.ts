/**
 * PostgreSQL behind the store's synchronous database shape (../sql.ts), for offices whose workers
 * run on several machines and share one store. Statements are written in SQLite's dialect and
 * translated once each (dialect.ts); transactions are real ones on the store's own connection.
 */
import { CommandError } from '../../command-error';
import { MIGRATIONS } from '../migrations';
import type { SqlDatabase, SqlRunResult, SqlStatement, SqlTransaction, TxBody } from '../sql';
import { maskedStoreName, SchemaTooNewError } from '../sql';
import { PostgresError, SyncBridge } from './bridge';
import { schemaToPostgres, toPostgres, type Catalog, type PgStatement } from './dialect';

/** Held for the length of an "immediate" transaction: the one writer at a time SQLite's lock gives. */
const WRITE_LOCK = 7_263_001;

export class PostgresDatabase implements SqlDatabase {
  readonly name: string;
  private readonly bridge: SyncBridge;
  private catalog: Catalog = { primaryKeys: new Map(), columns: new Map() };
  private readonly translated = new Map<string, PgStatement>();
  private depth = 0;

  constructor(url: string, timeoutMs = 60_000) {
    this.name = maskedStoreName(url);
    this.bridge = new SyncBridge(url, timeoutMs);
  }

  /** Connect, migrate under the write lock, learn the tables. Errors name the store, never its password. */
  static open(url: string): PostgresDatabase {
    const db = new PostgresDatabase(url);
    try {
      db.migrate();
      db.learnCatalog();
    } catch (e) {
      db.close();
      if (e instanceof SchemaTooNewError) throw e;
      throw new CommandError(`cannot open store ${db.name}: ${(e as Error).message.replace(/^PostgreSQL: /, '')}`);
    }
    return db;
  }

  private migrate(): void {
    this.transaction(() => {
      this.exec('CREATE TABLE IF NOT EXISTS xunjian_schema (version BIGINT NOT NULL)');
      let row = this.prepare('SELECT version FROM xunjian_schema').get() as { version: number } | undefined;
      if (!row) {
        this.prepare('INSERT INTO xunjian_schema (version) VALUES (0)').run();
        row = { version: 0 };
      }
      if (row.version > MIGRATIONS.length) throw new SchemaTooNewError(this.name, row.version, MIGRATIONS.length);
      for (let v = row.version; v < MIGRATIONS.length; v++) this.exec(schemaToPostgres(MIGRATIONS[v]!));
      if (row.version < MIGRATIONS.length) this.prepare('UPDATE xunjian_schema SET version = ?').run(MIGRATIONS.length);
    }).immediate();
  }

  private learnCatalog(): void {
    const columns = new Map<string, string[]>();
    for (const r of this.bridge.call({ text: 'SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position' }).rows) {
      const t = r['table_name'] as string;
      columns.set(t, [...(columns.get(t) ?? []), r['column_name'] as string]);
    }
    const primaryKeys = new Map<string, string[]>();
    for (const r of this.bridge.call({
      text: `SELECT tc.table_name, k.column_name FROM information_schema.table_constraints tc
             JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema
             WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema() ORDER BY tc.table_name, k.ordinal_position`,
    }).rows) {
      const t = r['table_name'] as string;
      primaryKeys.set(t, [...(primaryKeys.get(t) ?? []), r['column_name'] as string]);
    }
    this.catalog = { primaryKeys, columns };
    this.translated.clear();
  }

  prepare(sql: string): SqlStatement {
    let st = this.translated.get(sql);
    if (!st) {
      st = toPostgres(sql, this.catalog);
      this.translated.set(sql, st);
    }
    const stmt = st;
    const query = (args: unknown[]) => this.bridge.call({ text: stmt.text, values: bind(stmt, args) });
    return {
      run: (...args: unknown[]): SqlRunResult => {
        const r = query(args);
        return { changes: r.rowCount, lastInsertRowid: stmt.returnsId ? Number(r.rows[0]?.['id'] ?? 0) : 0 };
      },
      get: (...args: unknown[]) => query(args).rows[0],
      all: (...args: unknown[]) => query(args).rows,
    };
  }

  exec(sql: string): void {
    this.bridge.call({ text: sql, simple: true });
  }

  transaction<F extends TxBody>(fn: F): SqlTransaction<F> {
    const wrap = (immediate: boolean) => (...args: Parameters<F>): ReturnType<F> => {
      const outer = this.depth === 0;
      const savepoint = `xunjian_${this.depth}`;
      this.exec(outer ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
      this.depth++;
      let result: ReturnType<F>;
      try {
        if (outer && immediate) this.bridge.call({ text: 'SELECT pg_advisory_xact_lock($1)', values: [WRITE_LOCK] });
        result = fn(...args) as ReturnType<F>;
      } catch (e) {
        this.depth--;
        try {
          this.exec(outer ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}`);
        } catch {
          // the connection is gone, and the transaction with it
        }
        throw e;
      }
      this.depth--;
      this.exec(outer ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}`);
      return result;
    };
    return Object.assign(wrap(false), { immediate: wrap(true) }) as SqlTransaction<F>;
  }

  close(): void {
    this.bridge.close();
  }
}

function bind(st: PgStatement, args: unknown[]): unknown[] {
  const flat = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const named = flat.length === 1 && flat[0] !== null && typeof flat[0] === 'object' && !Buffer.isBuffer(flat[0]) ? (flat[0] as Record<string, unknown>) : undefined;
  return st.params.map((p) => {
    const v = typeof p === 'number' ? flat[p] : named?.[p];
    if (v === undefined) {
      if (typeof p === 'string' && !(named && p in named)) throw new PostgresError(`missing named parameter "${p}"`);
      return null;
    }
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'bigint') return v.toString();
    return v;
  });
}
