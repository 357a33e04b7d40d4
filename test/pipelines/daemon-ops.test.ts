/**
 * Running the daemon as an office does: its status port (healthz turns 503 when a pipeline has not
 * succeeded for twice its period, metrics for Prometheus), `xunjian status`, a second daemon on the
 * same store refused with the first's pid (real processes), and a run on a disk that fills up
 * (a real file-size limit on the process) failing cleanly, never taken as complete.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { parseConfig } from '../../pipelines/config';
import { startDaemon } from '../../pipelines/daemon/schedule';
import { Store } from '../../pipelines/store/store';
import { silentLogger } from '../../pipelines/log';
import { runCli } from '../helpers/cli';
import { startLoopback } from '../helpers/loopback';

const root = join(__dirname, '..', '..');
const node = [process.execPath, '-r', join(root, 'test/helpers/ts-register.js'), join(root, 'pipelines/cli.ts')];

function configFile(dir: string, extra: object = {}): void {
  writeFileSync(join(dir, 'xunjian.config.json'), JSON.stringify({
    store: join(dir, 'x.db'),
    sites: [{ id: 's', name: 'S', urls: ['http://127.0.0.1:9/'] }],
    pipelines: [{ id: 'nightly', site: 's', source: { crawl: true }, cron: '0 2 * * *' }, { id: 'cms', site: 's', source: { export: join(dir, 'e.jsonl') }, cron: '*/30 * * * *' }],
    ...extra,
  }));
}

describe('daemon operations', () => {
  it('reports health and metrics on its status port, and xunjian status says the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-daemon-'));
    configFile(dir, { daemon: { statusPort: 0 } });
    const config = parseConfig(JSON.parse(readFileSync(join(dir, 'xunjian.config.json'), 'utf8')), join(dir, 'xunjian.config.json'));
    // History: the nightly crawl last succeeded three days ago, the CMS export half an hour ago.
    const store = Store.open(config.store);
    const now = Date.now();
    store.scheduleRan('nightly', new Date(now - 3 * 86_400_000).toISOString(), new Date(now - 3 * 86_400_000 + 60_000).toISOString(), 'complete', 600);
    store.scheduleRan('cms', new Date(now - 1_800_000).toISOString(), new Date(now - 1_790_000).toISOString(), 'complete', 50);
    store.close();
    const d = await startDaemon({ config, log: silentLogger, clock: { now: () => new Date() } });
    try {
      const h = await request(`${d.statusUrl}/healthz`);
      expect(h.statusCode).toBe(503);
      expect(await h.body.json()).toMatchObject({ status: 'unhealthy', unhealthy: [{ id: 'nightly', problem: expect.stringMatching(/twice its period/) }] });
      const m = await (await request(`${d.statusUrl}/metrics`)).body.text();
      expect(m).toMatch(/xunjian_pipeline_healthy\{pipeline="nightly"\} 0/);
      expect(m).toMatch(/xunjian_pipeline_healthy\{pipeline="cms"\} 1/);
      expect(m).toMatch(/xunjian_pipeline_last_success_timestamp_seconds\{pipeline="cms"\} \d+/);
      expect(m).toMatch(/xunjian_pipeline_pages_per_second\{pipeline="cms"\} 5/);
      expect(m).toMatch(/xunjian_outbox_dead 0/);
      expect(m).toMatch(/xunjian_check_threads 0/);
      expect(m).toMatch(/xunjian_runs_waiting 0/);
    } finally {
      await d.stop();
    }
    const st = await runCli(['status', '--format', 'text'], dir);
    expect(st.code).toBe(1);
    expect(st.stdout).toMatch(/nightly .*UNHEALTHY/);
    expect(st.stdout).toMatch(/cms .*complete.* ok/);
    const json = JSON.parse((await runCli(['status', '--format', 'json'], dir)).stdout);
    expect(json.pipelines.find((p: { id: string }) => p.id === 'cms')).toMatchObject({ healthy: true, periodMs: 1_800_000 });
  }, 60_000);

  it('refuses a second daemon on the same store, naming the first one\'s pid, and takes over a dead one\'s lock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-daemon2-'));
    configFile(dir);
    const first = spawn(node[0]!, [...node.slice(1), 'daemon'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        let err = '';
        first.stderr!.on('data', (b: Buffer) => {
          err += b.toString();
          if (/scheduled/.test(err)) resolve();
        });
        first.on('exit', () => reject(new Error(err)));
      });
      const second = spawnSync(node[0]!, [...node.slice(1), 'daemon'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      expect(second.status).toBe(2);
      expect(second.stderr).toContain(`another daemon already runs on ${join(dir, 'x.db')}: pid ${first.pid}`);
    } finally {
      first.kill('SIGKILL');
      await new Promise((r) => first.on('exit', r));
    }
    // Killed without releasing its lock: the next daemon takes the lock over.
    const third = spawn(node[0]!, [...node.slice(1), 'daemon'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    const started = await new Promise<boolean>((resolve) => {
      let err = '';
      third.stderr!.on('data', (b: Buffer) => {
        err += b.toString();
        if (/scheduled/.test(err)) resolve(true);
      });
      third.on('exit', () => resolve(false));
    });
    third.kill('SIGTERM');
    expect(started).toBe(true);
  }, 90_000);

  it('fails a run cleanly when the disk fills up, and the next run completes', async () => {
    const srv = await startLoopback((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url === '/robots.txt') return res.end('');
      const n = Number(/p(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
      const links = n < 100 ? Array.from({ length: 10 }, (_, i) => `<a href="/p${n * 10 + i + 1}.html">第${n * 10 + i + 1}页</a>`).join('') : '';
      res.end(`<html><head><title>页${n}</title></head><body>${`<p>示范市召开第${n}次会议，研究部署重点工作，要求各部门压实责任、细化措施。</p>`.repeat(30)}${links}</body></html>`);
    });
    const dir = mkdtempSync(join(tmpdir(), 'xj-full-'));
    writeFileSync(join(dir, 'xunjian.config.json'), JSON.stringify({ store: 'x.db', crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false, perOrigin: 8, concurrency: 8 } }));
    try {
      // A file-size limit stands in for a full disk: writes past it fail with EFBIG (SIGXFSZ ignored, as a shell does it).
      const quoted = node.map((a) => `'${a}'`).join(' ');
      // Spawned, not spawnSync: the site is served by this process's own event loop.
      const full = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const c = spawn('sh', ['-c', `trap '' XFSZ; ulimit -f 1000; exec ${quoted} scan ${srv.origin}/ --max-pages 2000 --format json`], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        c.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
        c.on('exit', (status) => resolve({ status, stderr }));
      });
      expect(full.status).toBe(2);
      expect(full.stderr).toMatch(/the store could not be written|disk/);
      const store = Store.open(join(dir, 'x.db'));
      const first = store.db.prepare('SELECT status FROM runs ORDER BY id LIMIT 1').get() as { status: string } | undefined;
      store.close();
      expect(first?.status).not.toBe('complete');
      // The whole site (1,111 pages) fits under the page cap, so a run that reads it all is complete.
      const again = await runCli(['scan', `${srv.origin}/`, '--max-pages', '2000', '--format', 'json'], dir);
      expect(JSON.parse(again.stdout).summary.status).toBe('complete');
    } finally {
      await srv.close();
    }
  }, 180_000);
});
