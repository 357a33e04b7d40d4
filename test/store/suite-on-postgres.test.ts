/**
 * The store's tests again, on PostgreSQL: every test file below opens its stores through
 * test/helpers/test-store.ts, which gives each a fresh schema of the server started here when
 * XUNJIAN_TEST_STORE is set. Run as a child jest so the files are the very same ones that run on
 * SQLite in the main suite.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { postgresForFile } from '../helpers/postgres-for-file';

const FILES = [
  'test/pipelines/store.test.ts',
  'test/pipelines/issues/lifecycle.test.ts',
  'test/pipelines/issues/trackers.test.ts',
  'test/pipelines/issues/robots.test.ts',
  'test/pipelines/issues/evidence.test.ts',
  'test/pipelines/sources/crawl.test.ts',
  'test/pipelines/sources/git.test.ts',
  'test/pipelines/probe.test.ts',
  'test/pipelines/schedule.test.ts',
  'test/pipelines/date-history.test.ts',
  'test/pipelines/tamper.test.ts',
  'test/pipelines/lookalikes.test.ts',
  'test/checks/counterfeit/page-copy.test.ts',
];

const pg = postgresForFile();

test('the store test files pass on PostgreSQL as they do on SQLite', async () => {
  const url = await pg.createDatabase('suite');
  const root = join(__dirname, '..', '..');
  const r = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--runInBand', '--ci', ...FILES], {
    cwd: root,
    env: { ...process.env, XUNJIAN_TEST_STORE: url },
    encoding: 'utf8',
    timeout: 600_000,
  });
  const summary = /Tests:.*$/m.exec(r.stderr)?.[0] ?? '(no summary)';
  if (r.status !== 0) throw new Error(`jest on PostgreSQL exited ${r.status}: ${summary}\n${r.stderr.slice(-6000)}`);
  expect(summary).toMatch(/passed/);
  expect(summary).not.toMatch(/failed/);
}, 660_000);
