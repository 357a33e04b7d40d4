/**
 * Scale-out, side by side in one run (issue 22): 200 generated loopback sites, crawled and checked
 * (privacy and links) by one process on the embedded store, then by 1, 2 and 4 `xunjian worker`
 * processes on a shared PostgreSQL store fed by BullMQ on Redis; then 2 workers again with one
 * killed by SIGKILL mid-run. Every run must end with the same open findings and issues (compared
 * by fingerprint and issue key) and every site complete once. Real Debian redis-server and
 * PostgreSQL on loopback, started here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pgRows, startPostgres, startRedis, startWorkerProcess, type WorkerProcess } from '../helpers/services';
import { farmConfig, startSiteFarm } from '../helpers/site-farm';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'pipelines', 'cli.js');
const SITES = Number(process.env['XJ_SCALE_SITES'] ?? 200);

interface Outcome {
  label: string;
  seconds: number;
  findings: string[];
  issues: string[];
  complete: number;
  killed?: boolean;
}

function worker(dir: string): WorkerProcess {
  return startWorkerProcess([process.execPath, CLI], dir, ['--concurrency', '4']);
}

async function main(): Promise<void> {
  const [pg, redis, farm] = await Promise.all([startPostgres(), startRedis(), startSiteFarm(SITES, 20, 5)]);
  const outcomes: Outcome[] = [];
  try {
    const office = (store: string, queue: string): string => {
      const dir = mkdtempSync(join(tmpdir(), 'xj-scale-'));
      writeFileSync(join(dir, 'xunjian.config.json'), JSON.stringify(farmConfig(farm, store, { queue: { redis: redis.url, name: queue, lockMs: 5_000, backoffMs: 500 } })));
      const r = spawnSync(process.execPath, [CLI, 'enqueue', 'all'], { cwd: dir, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`enqueue failed: ${r.stderr}`);
      return dir;
    };

    // One process, embedded store.
    {
      const dir = office('one.db', 'one');
      const t = performance.now();
      const w = worker(dir);
      if ((await w.exited) !== 0) throw new Error(`single process failed: ${w.log().slice(-2000)}`);
      const seconds = (performance.now() - t) / 1000;
      const db = new Database(join(dir, 'one.db'), { readonly: true });
      outcomes.push({
        label: '1 process, SQLite', seconds,
        findings: (db.prepare("SELECT fingerprint FROM findings WHERE status = 'open' ORDER BY 1").all() as { fingerprint: string }[]).map((r) => r.fingerprint),
        issues: (db.prepare('SELECT key FROM issues ORDER BY 1').all() as { key: string }[]).map((r) => r.key),
        complete: (db.prepare("SELECT count(DISTINCT site_id) AS n FROM runs WHERE status = 'complete'").get() as { n: number }).n,
      });
      db.close();
    }

    for (const [n, kill] of [[1, false], [2, false], [4, false], [2, true]] as [number, boolean][]) {
      const store = await pg.createDatabase(`w${n}${kill ? 'k' : ''}`);
      const dir = office(store, `w${n}${kill ? 'k' : ''}`);
      const t = performance.now();
      const ws = Array.from({ length: n }, () => worker(dir));
      if (kill) {
        await ws[0]!.crawling();
        await new Promise((r) => setTimeout(r, 2_000));
        ws[0]!.child.kill('SIGKILL');
      }
      const codes = await Promise.all(ws.map((w) => w.exited));
      const seconds = (performance.now() - t) / 1000;
      const bad = codes.map((c, i) => ({ c, i })).filter(({ c, i }) => !(kill && i === 0) && c !== 0);
      if (bad.length) throw new Error(`worker(s) failed: ${bad.map(({ c, i }) => `#${i} exit ${c}: ${ws[i]!.log().slice(-1500)}`).join('\n')}`);
      // The killed worker's run left behind as `running` (cut off mid-run, never taken as complete).
      const cut = kill ? (await pgRows<{ id: string }>(store, "SELECT id FROM runs WHERE status = 'running'")).length : 0;
      outcomes.push({
        label: `${n} worker${n > 1 ? 's' : ''}, PostgreSQL${kill ? `, one killed -9 (${cut} run${cut === 1 ? '' : 's'} cut off)` : ''}`, seconds, killed: kill,
        findings: (await pgRows<{ fingerprint: string }>(store, "SELECT fingerprint FROM findings WHERE status = 'open' ORDER BY 1")).map((r) => r.fingerprint),
        issues: (await pgRows<{ key: string }>(store, 'SELECT key FROM issues ORDER BY 1')).map((r) => r.key),
        complete: Number((await pgRows<{ n: string }>(store, "SELECT count(DISTINCT site_id) AS n FROM runs WHERE status = 'complete'"))[0]!.n),
      });
      const twice = await pgRows<{ site_id: string }>(store, "SELECT site_id FROM runs WHERE status = 'complete' GROUP BY site_id HAVING count(*) > 1");
      if (twice.length) throw new Error(`sites completed more than once: ${twice.map((r) => r.site_id).join(', ')}`);
    }
  } finally {
    await farm.close();
    await redis.stop();
    await pg.stop();
  }

  const base = outcomes[0]!;
  const pagesPerSite = 21;
  console.log(`\nscale-out: ${SITES} loopback sites × ${pagesPerSite} pages (privacy + links), each worker --concurrency 4, 2 cores`);
  console.log('| run | wall s | sites/s | pages/s | sites complete | open findings | issues | same as 1 process |');
  console.log('|---|---|---|---|---|---|---|---|');
  let allSame = true;
  for (const o of outcomes) {
    const same = o.findings.join() === base.findings.join() && o.issues.join() === base.issues.join() && o.complete === SITES;
    allSame &&= same;
    console.log(`| ${o.label} | ${o.seconds.toFixed(1)} | ${(SITES / o.seconds).toFixed(1)} | ${((SITES * pagesPerSite) / o.seconds).toFixed(0)} | ${o.complete}/${SITES} | ${o.findings.length} | ${o.issues.length} | ${same ? 'yes' : 'NO'} |`);
  }
  if (!allSame) {
    console.log('FAIL: a run differs from the single process');
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
