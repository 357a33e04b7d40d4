/**
 * The store a test uses: the embedded default, or, when XUNJIAN_TEST_STORE names a PostgreSQL
 * database (test/store/suite-on-postgres.test.ts sets it), a fresh schema of it, so the same
 * store tests run against both backends.
 */
import { Store } from '../../pipelines/store/store';
import { PostgresDatabase } from '../../pipelines/store/postgres/database';

let admin: PostgresDatabase | undefined;
let n = 0;

/** An address for a new, empty store: `file` on SQLite, a new schema on PostgreSQL. */
export function testStoreAddress(file = ':memory:'): string {
  const base = process.env['XUNJIAN_TEST_STORE'];
  if (!base) return file;
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${++n}`;
  admin ??= new PostgresDatabase(base);
  admin.exec(`CREATE SCHEMA ${schema}`);
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.href;
}

export function testStore(file = ':memory:'): Store {
  return Store.open(testStoreAddress(file));
}
