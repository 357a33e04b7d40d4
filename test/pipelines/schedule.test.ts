import { testStoreAddress } from '../helpers/test-store';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDaemon } from '../../pipelines/daemon/schedule';
import { parseConfig, ConfigError, type Config } from '../../pipelines/config';
import { Store } from '../../pipelines/store/store';
import { silentLogger } from '../../pipelines/log';
import { WorkerPool } from '../../pipelines/worker-pool';
import { checkThreadsRunning } from '../../pipelines/check-pool';

function setup(cron: string) {
  const dir = mkdtempSync(join(tmpdir(), 'xj-daemon-'));
  const exp = join(dir, 'e.jsonl');
  writeFileSync(exp, '{"id":1,"text":"身份证 110105199003071239"}\n');
  const config = parseConfig(
    {
      store: testStoreAddress(join(dir, 'x.db')),
      sites: [{ id: 'a', name: 'A', urls: ['https://a.gov.cn/'] }],
      sinks: { f: { type: 'file', format: 'json', path: join(dir, 'out-{runId}.json') } },
      pipelines: [{ id: 'p', site: 'a', source: { export: exp }, cron, sinks: ['f'] }],
    },
    '(test)',
    {},
  );
  return { dir, config };
}

/**
 * A config of one pipeline a site (`p-<site>`, daily at 02:00), each fallen due while no daemon
 * ran: a daemon started on it catches them all up at once.
 */
function overdue(dir: string, runs: { site: string; source: Record<string, unknown>; url?: string }[], daemon: Record<string, unknown> = {}): Config {
  const config = parseConfig(
    {
      store: testStoreAddress(join(dir, 'x.db')),
      sites: runs.map((r) => ({ id: r.site, name: r.site, urls: [r.url ?? `https://${r.site}.gov.cn/`] })),
      pipelines: runs.map((r) => ({ id: `p-${r.site}`, site: r.site, source: r.source, cron: '0 2 * * *' })),
      daemon,
    },
    '(test)',
    {},
  );
  const s = Store.open(config.store);
  for (const r of runs) s.setScheduleDue(`p-${r.site}`, '2026-01-01T18:00:00.000Z');
  s.close();
  return config;
}

describe('daemon', () => {
  it('schedules without running when nothing is due, and records the next due time', async () => {
    const { config } = setup('0 2 * * *');
    const d = await startDaemon({ config, log: silentLogger, clock: { now: () => new Date() } });
    expect(d.scheduled).toEqual(['p (0 2 * * *)']);
    await d.catchUp;
    await d.stop();
    const s = Store.open(config.store);
    const due = s.scheduleDue('p')!;
    // 02:00 in Asia/Shanghai is 18:00 UTC.
    expect(new Date(due).getUTCHours()).toBe(18);
    expect(s.latestRun()).toBeUndefined();
    s.close();
  });
  it('catches up once at start when a run fell due while it was down', async () => {
    const { dir, config } = setup('0 2 * * *');
    const s = Store.open(config.store);
    s.setScheduleDue('p', '2026-01-01T18:00:00.000Z');
    s.close();
    const d = await startDaemon({ config, log: silentLogger, clock: { now: () => new Date() } });
    await d.catchUp;
    await d.stop();
    const s2 = Store.open(config.store);
    const run = s2.latestRun('a')!;
    expect(run.command).toBe('pipeline:p');
    expect(Date.parse(s2.scheduleDue('p')!)).toBeGreaterThan(Date.now());
    s2.close();
    const out = JSON.parse(readFileSync(join(dir, `out-${run.id}.json`), 'utf8'));
    expect(out.findings[0].rule).toBe('privacy.id-card');
  });
  it('runs the pipelines due together on one set of check threads, not a set each', async () => {
    // Three CMS exports of more articles than a run reads before it takes up check threads.
    const dir = mkdtempSync(join(tmpdir(), 'xj-daemon-'));
    const sites = ['a', 'b', 'c'];
    for (const id of sites) {
      const lines = Array.from({ length: 160 }, (_, i) => JSON.stringify({ id: i, url: `https://${id}.gov.cn/art/${i}.html`, title: `第${i}号通知`, html: `<html><head><title>第${i}号通知</title></head><body><p>发布时间：2026-11-20</p><p>${i % 40 === 0 ? '申请人身份证号码：110105199003071239。' : '示范市召开经济形势分析会，研究部署下一步工作。'}</p></body></html>` }));
      writeFileSync(join(dir, `${id}.jsonl`), lines.join('\n') + '\n');
    }
    const config = overdue(dir, sites.map((id) => ({ site: id, source: { export: join(dir, `${id}.jsonl`) } })));
    const before = process.env['XUNJIAN_CHECK_THREADS'];
    process.env['XUNJIAN_CHECK_THREADS'] = '1';
    const spawned = jest.spyOn(WorkerPool.prototype as unknown as { spawn(): void }, 'spawn');
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, checkThreadsRunning())), 2);
    try {
      const d = await startDaemon({ config, log: silentLogger, clock: { now: () => new Date() } });
      await d.catchUp;
      await d.stop();
      // One thread served the three runs (a pool each started three), and went with the last run.
      expect(spawned).toHaveBeenCalledTimes(1);
      expect(most).toBe(1);
      expect(checkThreadsRunning()).toBe(0);
      const s2 = Store.open(config.store);
      for (const id of sites) {
        const run = s2.latestRun(id)!;
        expect(run.status).toBe('complete');
        const summary = JSON.parse(run.summary!) as { pages: number; byRule: Record<string, number> };
        expect(summary.pages).toBe(160);
        expect(summary.byRule['privacy.id-card']).toBe(4);
      }
      s2.close();
    } finally {
      clearInterval(watch);
      spawned.mockRestore();
      process.env['XUNJIAN_CHECK_THREADS'] = before;
    }
  });
  it('lets at most daemon.maxConcurrentRuns runs go at once; the others wait their turn and all complete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-daemon-'));
    const sites = ['a', 'b', 'c', 'd'];
    for (const id of sites) {
      const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: i, url: `https://${id}.gov.cn/art/${i}.html`, title: `第${i}号通知`, text: `示范市召开经济形势分析会，研究部署下一步工作。${i === 0 ? '身份证号码 110105199003071239。' : ''}` }));
      writeFileSync(join(dir, `${id}.jsonl`), lines.join('\n') + '\n');
    }
    const config = overdue(dir, sites.map((id) => ({ site: id, source: { export: join(dir, `${id}.jsonl`) } })), { maxConcurrentRuns: 2 });
    expect(parseConfig({}, '(test)', {}).daemon.maxConcurrentRuns).toBe(16);
    const d = await startDaemon({ config, log: silentLogger, clock: { now: () => new Date() } });
    await d.catchUp;
    await d.stop();
    const s2 = Store.open(config.store);
    const runs = sites.map((id) => s2.latestRun(id)!);
    s2.close();
    expect(runs.map((r) => r.status)).toEqual(['complete', 'complete', 'complete', 'complete']);
    // At no moment were more than two runs between their start and their end.
    const edges = runs.flatMap((r) => [{ at: Date.parse(r.startedAt), d: 1 }, { at: Date.parse(r.finishedAt!), d: -1 }]).sort((x, y) => x.at - y.at || x.d - y.d);
    let open = 0;
    let most = 0;
    for (const e of edges) most = Math.max(most, (open += e.d));
    expect(most).toBe(2);
  });
  it('a run waiting for a slot when the daemon stops is not run, and is caught up at the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-daemon-'));
    const slow = join(dir, 'slow.sh');
    // A CMS export command that takes its time, holding the only slot.
    writeFileSync(slow, '#!/bin/sh\nsleep 2\necho \'{"id":1,"text":"示范市召开会议。"}\'\n', { mode: 0o755 });
    const exp = join(dir, 'e.jsonl');
    writeFileSync(exp, '{"id":1,"text":"示范市召开会议。"}\n');
    const config = overdue(dir, [{ site: 'a', source: { command: slow } }, { site: 'b', source: { export: exp } }], { maxConcurrentRuns: 1, statusPort: 0 });
    const d = await startDaemon({ config, log: silentLogger, clock: { now: () => new Date() } });
    await new Promise((r) => setTimeout(r, 300));
    // The status port's metrics show the run waiting.
    expect(await (await fetch(`${d.statusUrl}/metrics`)).text()).toMatch(/^xunjian_runs_waiting 1$/m);
    await d.stop();
    const s2 = Store.open(config.store);
    expect(s2.latestRun('b')).toBeUndefined();
    expect(s2.scheduleDue('p-b')).toBe('2026-01-01T18:00:00.000Z');
    s2.close();
    const again = await startDaemon({ config, log: silentLogger, clock: { now: () => new Date() } });
    await again.catchUp;
    await again.stop();
    const s3 = Store.open(config.store);
    expect(s3.latestRun('b')?.status).toBe('complete');
    s3.close();
  });
  it('runs a probe on time while a long run holds the only slot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-daemon-'));
    const slow = join(dir, 'slow.sh');
    writeFileSync(slow, '#!/bin/sh\nsleep 3\necho \'{"id":1,"text":"示范市召开会议。"}\'\n', { mode: 0o755 });
    const site = createServer((q, r) => (q.url === '/robots.txt' ? r.writeHead(404).end() : r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><title>首页</title></head><body>首页</body></html>')));
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', () => r()));
    const home = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
    const config = overdue(dir, [{ site: 'a', source: { command: slow } }, { site: 'b', source: { probe: true }, url: home }], { maxConcurrentRuns: 1 });
    try {
      const d = await startDaemon({ config, log: silentLogger, clock: { now: () => new Date() } });
      await d.catchUp;
      await d.stop();
      const s2 = Store.open(config.store);
      const [crawl, probe] = [s2.latestRun('a')!, s2.latestRun('b')!];
      s2.close();
      expect(crawl.status).toBe('complete');
      expect(probe.command).toBe('probe');
      // The probe ended while the export command still held the slot.
      expect(Date.parse(probe.finishedAt!)).toBeLessThan(Date.parse(crawl.finishedAt!) - 1000);
    } finally {
      site.close();
    }
  }, 30_000);
  it('stops a run that makes no progress for daemon.stallMinutes, freeing its slot for the next', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-daemon-'));
    // A named pipe a CMS export job should have written into, and did not: reading it waits for ever.
    const fifo = join(dir, 'export');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const exp = join(dir, 'e.jsonl');
    writeFileSync(exp, '{"id":1,"text":"身份证 110105199003071239"}\n');
    const config = overdue(dir, [{ site: 'a', source: { export: fifo } }, { site: 'b', source: { export: exp } }], { maxConcurrentRuns: 1, stallMinutes: 0.02 });
    expect(parseConfig({}, '(test)', {}).daemon.stallMinutes).toBe(60);
    const said: string[] = [];
    const log = { ...silentLogger, error: (o: object, msg?: string) => void said.push(`${(o as { pipeline?: string }).pipeline}: ${msg}`) };
    try {
      const d = await startDaemon({ config, log, clock: { now: () => new Date() } });
      await d.catchUp;
      await d.stop();
      expect(said).toEqual(['p-a: run made no progress; stopping it']);
      const s2 = Store.open(config.store);
      const stalled = s2.latestRun('a')!;
      expect(stalled.status).toBe('partial');
      expect(JSON.parse(stalled.summary!).errors).toBe(1);
      expect(s2.latestRun('b')?.status).toBe('complete');
      s2.close();
    } finally {
      // The read still waiting in the thread pool is let go.
      spawnSync('sh', ['-c', `exec 3>"${fifo}"; exec 3>&-`], { timeout: 5_000 });
    }
  }, 30_000);
  it('rejects an invalid cron expression, naming the pipeline and the field', async () => {
    const { config } = setup('61 * * * *');
    await expect(startDaemon({ config, log: silentLogger, clock: { now: () => new Date() } })).rejects.toThrow(ConfigError);
    await expect(startDaemon({ config, log: silentLogger, clock: { now: () => new Date() } })).rejects.toThrow(/\/pipelines\/0\/cron: invalid cron expression "61 \* \* \* \*" \(.+\)/);
  });
});
