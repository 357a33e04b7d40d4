/**
 * `scan` of a loopback site as the crawl tests run it: a fresh store on disk, no politeness delays,
 * no sitemaps, no retries (a test causes its faults once), and a fixed clock.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectChecks } from '../../checks/registry';
import { parseConfig } from '../../pipelines/config';
import { scan, type JobContext } from '../../pipelines/jobs';
import { silentLogger } from '../../pipelines/log';
import { testStore } from './test-store';

export async function scanSite(origin: string, checks: string[], o: { now: string; crawl?: Record<string, unknown> }): Promise<Awaited<ReturnType<typeof scan>>> {
  const store = testStore(join(mkdtempSync(join(tmpdir(), 'xj-scan-')), 'x.db'));
  try {
    const config = parseConfig({ crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false, retries: 0, ...o.crawl } }, '(test)');
    const ctx: JobContext = { config, clock: { now: () => new Date(o.now) }, log: silentLogger, store };
    return await scan(ctx, `${origin}/`, selectChecks(checks));
  } finally {
    store.close();
  }
}
