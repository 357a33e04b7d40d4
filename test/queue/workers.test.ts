/**
 * Workers on a real Redis (BullMQ) and a real PostgreSQL, as separate processes of the CLI: the same
 * findings and issues as one process, a worker killed with SIGKILL mid-run losing nothing, the same
 * run enqueued twice running once, and clear refusals when a service is down or the store is newer.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { MIGRATIONS } from '../../pipelines/store/migrations';
import { startFakeGitlab, type FakeServer } from '../helpers/fake-trackers';
import { freePort, pgRows, startPostgres, startRedis, startWorkerProcess, type PostgresServer, type RedisServer, type WorkerProcess } from '../helpers/services';
import { farmConfig, startSiteFarm, type SiteFarm } from '../helpers/site-farm';

const root = join(__dirname, '..', '..');
const node = [process.execPath, '-r', join(root, 'test/helpers/ts-register.js'), join(root, 'pipelines/cli.ts')];

let pg: PostgresServer;
let redis: RedisServer;
let farm: SiteFarm;

beforeAll(async () => {
  [pg, redis, farm] = await Promise.all([startPostgres(), startRedis(), startSiteFarm(6, 30, 30)]);
}, 90_000);
afterAll(async () => {
  await farm?.close();
  await redis?.stop();
  await pg?.stop();
});

function office(config: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'xj-workers-'));
  writeFileSync(join(dir, 'xunjian.config.json'), JSON.stringify(config));
  return dir;
}

function cli(dir: string, args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(node[0]!, [...node.slice(1), ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function startWorker(dir: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): WorkerProcess {
  return startWorkerProcess(node, dir, args, env);
}

/** Every farm site has exactly one complete run in the store. */
async function eachSiteCompleteOnce(store: string): Promise<void> {
  const runs = await pgRows<{ site_id: string; status: string }>(store, "SELECT site_id, status FROM runs WHERE status = 'complete'");
  for (const s of farm.sites) expect(runs.filter((r) => r.site_id === s.id)).toHaveLength(1);
}

function withGitlab(gl: FakeServer, store: string, queueName: string): Record<string, unknown> {
  return farmConfig(farm, store, {
    queue: { redis: redis.url, name: queueName, lockMs: 2_000, backoffMs: 200 },
    sinks: { gl: { type: 'gitlab', url: gl.url, project: 'gov/issues', token: 'tok', timeoutMs: 5000 } },
    issues: { routing: Object.fromEntries(['privacy', 'secrecy', 'content', 'security'].map((d) => [d, { sinks: ['gl'], labels: [d] }])) },
  });
}

describe('xunjian worker on BullMQ and PostgreSQL', () => {
  it('finds and files the same with two workers, one killed -9 mid-run, as one process alone', async () => {
    // One process on the embedded store: the baseline.
    const glOne = await startFakeGitlab('tok');
    const one = office(withGitlab(glOne, 'one.db', 'baseline'));
    expect(cli(one, ['enqueue', 'all']).code).toBe(0);
    const single = startWorker(one, ['--concurrency', '2']);
    expect(await single.exited).toBe(0);
    const db = new Database(join(one, 'one.db'), { readonly: true });
    const baseline = (db.prepare("SELECT fingerprint FROM findings WHERE status = 'open' ORDER BY fingerprint").all() as { fingerprint: string }[]).map((r) => r.fingerprint);
    const baselineIssues = (db.prepare('SELECT key FROM issues ORDER BY key').all() as { key: string }[]).map((r) => r.key);
    db.close();
    expect(baseline.length).toBeGreaterThanOrEqual(6 * 5);
    // Issues of the duties routed to the tracker (privacy here; broken links go to no sink).
    expect(glOne.issues.length).toBeGreaterThanOrEqual(6);

    // Two workers on a shared PostgreSQL store; the first is killed while it crawls.
    const gl = await startFakeGitlab('tok');
    const store = await pg.createDatabase('killed');
    const two = office(withGitlab(gl, store, 'shared'));
    expect(cli(two, ['enqueue', 'all']).code).toBe(0);
    const a = startWorker(two);
    const b = startWorker(two);
    await a.crawling();
    await new Promise((r) => setTimeout(r, 100));
    a.child.kill('SIGKILL');
    expect(await a.exited).toBeNull();
    const bCode = await b.exited;
    expect({ code: bCode, log: bCode === 0 ? '' : b.log().slice(-3000) }).toEqual({ code: 0, log: '' });

    await eachSiteCompleteOnce(store);
    // The killed worker's run was cut off (never taken as complete) and its site was run by the other.
    const cut = await pgRows<{ site_id: string }>(store, "SELECT site_id FROM runs WHERE status = 'running'");
    expect(cut).toHaveLength(1);
    expect(b.log()).toContain(`"pipeline":"crawl-${cut[0]!.site_id}"`);
    const open = (await pgRows<{ fingerprint: string }>(store, "SELECT fingerprint FROM findings WHERE status = 'open' ORDER BY fingerprint")).map((r) => r.fingerprint);
    expect(open).toEqual(baseline);
    const issues = (await pgRows<{ key: string }>(store, 'SELECT key FROM issues ORDER BY key')).map((r) => r.key);
    expect(issues).toEqual(baselineIssues);
    // Filed once each at the tracker: the killed worker's half-done filing was not repeated.
    const titles = gl.issues.map((i) => i.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.sort()).toEqual(glOne.issues.map((i) => i.title).sort());
    await gl.close();
    await glOne.close();
  }, 240_000);

  it('keeps evidence verifiable with a ledger per worker machine: each verifies, and every snapshot is in one of them', async () => {
    const store = await pg.createDatabase('ledgers');
    const dir = office(farmConfig(farm, store, { queue: { redis: redis.url, name: 'ledgers' }, evidence: { dir: 'evidence-${XJ_MACHINE}' } }));
    expect(cli(dir, ['enqueue', 'all'], { XJ_MACHINE: 'a' }).code).toBe(0);
    const machines = ['a', 'b'].map((name) => startWorker(dir, [], { XJ_MACHINE: name }));
    expect(await Promise.all(machines.map((m) => m.exited))).toEqual([0, 0]);
    for (const name of ['a', 'b']) {
      const v = spawnSync(node[0]!, [...node.slice(1), 'evidence', 'verify'], { cwd: dir, env: { ...process.env, XJ_MACHINE: name }, encoding: 'utf8', timeout: 120_000 });
      expect({ name, code: v.status, err: v.status ? v.stderr + v.stdout : '' }).toEqual({ name, code: 0, err: '' });
    }
    const snaps = (await pgRows<{ snap: string | null }>(store, "SELECT (data::jsonb #>> '{evidence,snapshot}') AS snap FROM findings")).map((r) => r.snap);
    expect(snaps.length).toBeGreaterThan(0);
    for (const snap of snaps) {
      expect(snap).toBeTruthy();
      const file = snap!.split('#')[0]!;
      expect(['a', 'b'].filter((m) => existsSync(join(dir, `evidence-${m}`, file)))).toHaveLength(1);
    }
  }, 180_000);

  it('retries the runs a PostgreSQL restart cut off, once it is back, and reports every site from the shared store', async () => {
    const store = await pg.createDatabase('outage');
    const dir = office(farmConfig(farm, store, { queue: { redis: redis.url, name: 'outage', backoffMs: 500, attempts: 10 } }));
    expect(cli(dir, ['enqueue', 'all']).code).toBe(0);
    const w = startWorker(dir);
    await w.crawling();
    await pg.halt(); // the store goes away mid-run: the run's next statement fails, so does its job
    await new Promise((r) => setTimeout(r, 2_500));
    await pg.start();
    const code = await w.exited;
    expect({ code, log: code === 0 ? '' : w.log().slice(-3000) }).toEqual({ code: 0, log: '' });
    expect(w.log()).toMatch(/run failed; it will be retried/);
    await eachSiteCompleteOnce(store);
    const report = cli(dir, ['report', '--format', 'json']);
    const r = JSON.parse(report.stdout) as { summary: { target: string; findings: number } };
    expect(r.summary.target).toBe(`${farm.sites.length} sites (latest run of each)`);
    expect(r.summary.findings).toBe(26 * farm.sites.length);
  }, 180_000);

  it('carries on when Redis goes away mid-run and comes back: every site still completes once', async () => {
    const persistent = await startRedis({ persistent: true });
    try {
      const store = await pg.createDatabase('redisgone');
      const dir = office(farmConfig(farm, store, { queue: { redis: persistent.url, name: 'redisgone', backoffMs: 200, lockMs: 3_000 } }));
      expect(cli(dir, ['enqueue', 'all']).code).toBe(0);
      const w = startWorker(dir);
      await w.crawling();
      await persistent.halt(); // killed: the queue survives in its append-only file
      await new Promise((r) => setTimeout(r, 2_000));
      await persistent.start();
      const code = await w.exited;
      expect({ code, log: code === 0 ? '' : w.log().slice(-3000) }).toEqual({ code: 0, log: '' });
      await eachSiteCompleteOnce(store);
      const runs = await pgRows<{ status: string }>(store, 'SELECT status FROM runs');
      expect(runs.every((r) => r.status === 'complete' || r.status === 'running')).toBe(true);
    } finally {
      await persistent.stop();
    }
  }, 180_000);

  it('makes the daemon queue a due run instead of running it', async () => {
    const store = await pg.createDatabase('daemonq');
    const cfg = farmConfig(farm, store, { queue: { redis: redis.url, name: 'daemonq' } });
    cfg['pipelines'] = (cfg['pipelines'] as Record<string, unknown>[]).slice(0, 1).map((p) => ({ ...p, cron: '0 3 * * *' }));
    const dir = office(cfg);
    // A run that fell due while no daemon ran: the daemon catches it up at start, by queueing it.
    const c = new Client({ connectionString: store });
    expect(cli(dir, ['status']).code).not.toBe(2);
    await c.connect();
    await c.query("INSERT INTO schedules (pipeline_id, next_due) VALUES ('crawl-site001', '2026-12-01T19:00:00.000Z')");
    await c.end();
    const d = spawn(node[0]!, [...node.slice(1), 'daemon'], { cwd: dir, env: { ...process.env, XUNJIAN_LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    d.stderr!.on('data', (x) => (log += x));
    const until = Date.now() + 30_000;
    while (!/run queued for the workers/.test(log) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    d.kill('SIGTERM');
    await new Promise((r) => d.on('exit', r));
    expect(log).toContain('"job":"crawl-site001@20261201T190000Z"');
    expect(await pgRows(store, 'SELECT id FROM runs')).toHaveLength(0); // queued, not run
    const w = startWorker(dir);
    expect(await w.exited).toBe(0);
    expect(await pgRows(store, "SELECT id FROM runs WHERE status = 'complete'")).toHaveLength(1);
  }, 120_000);

  it('stops on SIGTERM with exit 143, and the interrupted run is run again by the next worker, never taken as done', async () => {
    const store = await pg.createDatabase('sigterm');
    const dir = office(farmConfig(farm, store, { queue: { redis: redis.url, name: 'sigterm', backoffMs: 100 } }));
    expect(cli(dir, ['enqueue', 'crawl-site003']).code).toBe(0);
    const first = startWorker(dir);
    await first.crawling();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(143);
    const cut = await pgRows<{ status: string; summary: string }>(store, 'SELECT status, summary FROM runs');
    expect(cut.map((r) => r.status)).toEqual(['partial']);
    expect(await pgRows(store, 'SELECT job_id FROM queue_jobs')).toHaveLength(0);
    const second = startWorker(dir);
    expect(await second.exited).toBe(0);
    const runs = await pgRows<{ status: string }>(store, 'SELECT status FROM runs ORDER BY id');
    expect(runs.map((r) => r.status)).toEqual(['partial', 'complete']);
    expect(second.log()).toContain('"msg":"resuming crawl"');
  }, 120_000);

  it('runs a run enqueued twice once, and names what enqueue cannot find', async () => {
    const store = await pg.createDatabase('twice');
    const dir = office(farmConfig(farm, store, { queue: { redis: redis.url, name: 'twice' } }));
    const first = cli(dir, ['enqueue', 'crawl-site001', '--at', '2026-12-06T01:00:00Z', '--format', 'json']);
    expect(JSON.parse(first.stdout)).toEqual({ added: ['crawl-site001@20261206T010000Z'], already: [] });
    const again = cli(dir, ['enqueue', 'site001', '--at', '2026-12-06T01:00:30Z', '--format', 'json']);
    expect(JSON.parse(again.stdout)).toEqual({ added: [], already: ['crawl-site001@20261206T010000Z'] });
    const w = startWorker(dir);
    expect(await w.exited).toBe(0);
    expect(await pgRows(store, "SELECT id FROM runs WHERE status = 'complete'")).toHaveLength(1);
    const bad = cli(dir, ['enqueue', 'no-such-site']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"no-such-site" is neither a pipeline nor a site');
  }, 120_000);

  it('drops a job whose pipeline left the config, without retrying it', async () => {
    const store = await pg.createDatabase('removed');
    const dir = office(farmConfig(farm, store, { queue: { redis: redis.url, name: 'removed', backoffMs: 100 } }));
    expect(cli(dir, ['enqueue', 'crawl-site002']).code).toBe(0);
    const cfg = farmConfig(farm, store, { queue: { redis: redis.url, name: 'removed', backoffMs: 100 } });
    writeFileSync(join(dir, 'xunjian.config.json'), JSON.stringify({ ...cfg, pipelines: (cfg['pipelines'] as { id: string }[]).filter((p) => p.id !== 'crawl-site002') }));
    const w = startWorker(dir);
    expect(await w.exited).toBe(1);
    expect(w.log()).toContain('pipeline \\"crawl-site002\\" is not in');
    expect(w.log()).toContain('0 run(s) finished, 1 failed (1 for good)');
  }, 60_000);

  it('stops a run that makes no progress for daemon.stallMinutes, and fails its job once its attempts are spent', async () => {
    const store = await pg.createDatabase('stalled');
    const cfg = farmConfig(farm, store, { queue: { redis: redis.url, name: 'stalled', backoffMs: 100 }, daemon: { stallMinutes: 0.02 } });
    const dir = office(cfg);
    // An export FIFO its CMS job never wrote into: the run waits on it for ever.
    const fifo = join(dir, 'export');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    writeFileSync(join(dir, 'xunjian.config.json'), JSON.stringify({ ...cfg, pipelines: [...(cfg['pipelines'] as unknown[]), { id: 'cms-site001', site: farm.sites[0]!.id, source: { export: fifo } }] }));
    expect(cli(dir, ['enqueue', 'cms-site001']).code).toBe(0);
    const w = startWorker(dir, ['--drain']);
    expect(await w.exited).toBe(1);
    expect(w.log()).toContain('"msg":"run made no progress; stopping it"');
    // Each attempt stopped and failed, the last for good.
    expect(w.log()).toMatch(/0 run\(s\) finished, [1-9]\d* failed \(1 for good\)/);
    const runs = await pgRows<{ status: string }>(store, 'SELECT status FROM runs');
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((r) => r.status === 'partial')).toBe(true);
  }, 90_000);

  it('refuses to start when Redis or PostgreSQL does not answer, naming which, password masked', async () => {
    const noRedis = office(farmConfig(farm, 'x.db', { queue: { redis: `redis://:hunter2@127.0.0.1:${await freePort()}` } }));
    const r1 = cli(noRedis, ['worker', '--drain']);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/cannot reach the queue's Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+/);
    expect(r1.stderr).not.toContain('hunter2');
    const noPg = office(farmConfig(farm, `postgres://xunjian:hunter2@127.0.0.1:${await freePort()}/x`, { queue: { redis: redis.url, name: 'nopg' } }));
    const r2 = cli(noPg, ['worker', '--drain']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/cannot open store postgres:\/\/xunjian:\*\*\*@127\.0\.0\.1:\d+\/x: .*ECONNREFUSED/);
    expect(r2.stderr).not.toContain('hunter2');
    expect(r2.stderr).not.toMatch(/\n\s+at /); // a message, not a stack
  }, 60_000);

  it('refuses a store written by a newer xunjian, naming both schema versions', async () => {
    const store = await pg.createDatabase('newer');
    const dir = office(farmConfig(farm, store, { queue: { redis: redis.url, name: 'newer' } }));
    expect(cli(dir, ['status']).code).not.toBe(2); // creates and migrates
    const c = new Client({ connectionString: store });
    await c.connect();
    await c.query('UPDATE xunjian_schema SET version = $1', [MIGRATIONS.length + 2]);
    await c.end();
    const r = cli(dir, ['worker', '--drain']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`schema version ${MIGRATIONS.length + 2}, newer than this xunjian knows (${MIGRATIONS.length})`);
    // The embedded store refuses the same way.
    const file = join(dir, 'newer.db');
    const d = new Database(file);
    d.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    d.close();
    writeFileSync(join(dir, 'xunjian.config.json'), JSON.stringify(farmConfig(farm, 'newer.db')));
    const s = cli(dir, ['status']);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain(`schema version ${MIGRATIONS.length + 1}, newer than this xunjian knows (${MIGRATIONS.length})`);
  }, 60_000);
});
