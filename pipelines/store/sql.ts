/**
 * What the store asks of a database: better-sqlite3's synchronous shape, which the embedded
 * default has natively and the PostgreSQL backend provides over a connection thread
 * (postgres/database.ts). Keeping the store synchronous keeps a transaction's body free of awaits,
 * so nothing else can interleave with it on either backend.
 */
import { CommandError } from '../command-error';
import { maskedUrl } from '../masked-url';

export type Dialect = 'sqlite' | 'postgres';

export interface SqlRunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface SqlStatement {
  run(...params: unknown[]): SqlRunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TxBody = (...args: any[]) => any;

export interface SqlTransaction<F extends TxBody> {
  (...args: Parameters<F>): ReturnType<F>;
  /** Takes the database's write lock first (SQLite's BEGIN IMMEDIATE; a PostgreSQL advisory lock). */
  immediate(...args: Parameters<F>): ReturnType<F>;
}

export interface SqlDatabase {
  /** Where the data lives, with any password masked (it is printed in manifests and errors). */
  readonly name: string;
  prepare(sql: string): SqlStatement;
  transaction<F extends TxBody>(fn: F): SqlTransaction<F>;
  exec(sql: string): void;
  close(): void;
}

export function isPostgresUrl(store: string): boolean {
  return /^postgres(ql)?:\/\//i.test(store);
}

/** A store address fit to print: the password of a postgres:// URL masked. */
export function maskedStoreName(store: string): string {
  return isPostgresUrl(store) ? maskedUrl(store, 'postgres://(unparsable address)') : store;
}

/** A store written by a newer xunjian: using it could corrupt what that version wrote. */
export class SchemaTooNewError extends CommandError {
  constructor(readonly store: string, readonly found: number, readonly known: number) {
    super(`the store ${store} has schema version ${found}, newer than this xunjian knows (${known}): upgrade xunjian on this machine before it uses that store`);
    this.name = 'SchemaTooNewError';
  }
}
