/**
 * The synchronous bridge to PostgreSQL under the faults that once crossed its answers: a call that
 * gives up while its query still runs must not hand that query's late answer to the next call.
 */
import { SyncBridge } from '../../pipelines/store/postgres/bridge';
import { postgresForFile } from '../helpers/postgres-for-file';

const pg = postgresForFile();

test('a late answer is dropped, and the next call gets its own', async () => {
  const bridge = new SyncBridge(await pg.createDatabase('bridge'), 1500);
  try {
    expect(bridge.call({ text: 'SELECT 1 AS x' }).rows).toEqual([{ x: 1 }]);
    // Gives up after 1.5 s while the sleep runs on; its answer arrives during the next call.
    expect(() => bridge.call({ text: 'SELECT pg_sleep(2) AS slept' })).toThrow(/did not answer within 1.5 s/);
    expect(bridge.call({ text: 'SELECT 2 AS x' }).rows).toEqual([{ x: 2 }]);
    expect(bridge.call({ text: 'SELECT $1::int AS x', values: [3] }).rows).toEqual([{ x: 3 }]);
  } finally {
    bridge.close();
  }
}, 30_000);

test('many quick calls in a row each get their own answer', async () => {
  const bridge = new SyncBridge(await pg.createDatabase('many'), 10_000);
  try {
    for (let i = 0; i < 500; i++) expect(bridge.call({ text: 'SELECT $1::int AS x', values: [i] }).rows[0]).toEqual({ x: i });
  } finally {
    bridge.close();
  }
}, 60_000);
