/**
 * A PostgreSQL server for the calling test file: started before its tests, stopped after them.
 * (Apart from services.ts, which the benchmarks import and build without the test runner's globals.)
 */
import { startPostgres, type PostgresServer } from './services';

export function postgresForFile(): Pick<PostgresServer, 'createDatabase'> {
  let pg: PostgresServer | undefined;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await pg?.stop();
  });
  return { createDatabase: (name) => pg!.createDatabase(name) };
}
