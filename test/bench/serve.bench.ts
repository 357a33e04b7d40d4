/**
 * `xunjian serve` (built CLI, its own process, a check thread per core) under autocannon at
 * concurrency 1, 16 and 64 with a 50 KB article, beside the bare cost of checking that article
 * once on one thread. Goals: p99 under 20 ms at concurrency 1; throughput at 16 at least 80% of
 * cores ÷ single-request CPU time; p99 at most 3× p50.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { CHECKS } from '../../checks/registry';
import { parseConfig } from '../../pipelines/config';
import { silentLogger } from '../../pipelines/log';
import { checkDrafts } from '../../pipelines/serve/drafts';
import { emit } from './emit';

const CLI = join(__dirname, '..', '..', 'pipelines', 'cli.js');
const TOKEN = 'bench-token-0123456789abcdef0123';

function article(): string {
  const dir = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'gov-docs');
  let text = '';
  try {
    for (const f of readdirSync(dir)) {
      text += readFileSync(join(dir, f), 'utf8');
      if (text.length > 16_000) break;
    }
  } catch {
    text = '为深入贯彻落实党中央、国务院决策部署，进一步提升政务公开工作质量，现就有关事项通知如下。';
  }
  while (text.length < 16_000) text += text;
  const paras = text.slice(0, 16_000).match(/[^\n]{1,300}/g) ?? [];
  return `<div class="TRS_Editor">${paras.map((p) => `<p>${p}</p>`).join('')}</div>`;
}

async function bare(body: string): Promise<number> {
  const config = parseConfig({}, '(bench)', {});
  const task = JSON.stringify([{ id: 'draft', html: body, url: 'https://www.example.gov.cn/a.html' }]);
  for (let i = 0; i < 20; i++) await checkDrafts(config, CHECKS, silentLogger, task);
  const n = 100;
  const t = process.cpuUsage();
  for (let i = 0; i < n; i++) await checkDrafts(config, CHECKS, silentLogger, task);
  const u = process.cpuUsage(t);
  return (u.user + u.system) / 1000 / n;
}

/** CPU seconds a process has used (Linux /proc), to tell the server's work from the load tool's. */
function cpuSeconds(pid: number): number | undefined {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return undefined;
  }
}

function load(url: string, body: string, connections: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${url}/v1/check`, method: 'POST', connections, duration: 8, body, headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` } }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

async function main(): Promise<void> {
  const html = article();
  const body = JSON.stringify({ html, url: 'https://www.example.gov.cn/a.html' });
  const ms = await bare(html);
  const cores = availableParallelism();
  const ideal = (cores * 1000) / ms;
  const dir = mkdtempSync(join(tmpdir(), 'xj-bench-serve-'));
  writeFileSync(join(dir, 'xunjian.config.json'), JSON.stringify({ serve: { tokens: [{ id: 'bench', token: TOKEN }], rateLimit: { max: 1_000_000, windowMs: 60_000 }, maxQueue: 1000 } }));
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let err = '';
      child.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(err);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (c) => reject(new Error(`serve exited ${c}: ${err}`)));
    });
    await load(url, body, 4); // warm the check threads
    emit({ bench: 'serve-50KB', metric: 'bare_check_cpu_ms', value: Number(ms.toFixed(2)), unit: 'ms', vs: `one thread; ideal throughput on ${cores} cores ${ideal.toFixed(0)} req/s`, ratio: null });
    for (const c of [1, 16, 64]) {
      const before = cpuSeconds(child.pid!);
      const r = await load(url, body, c);
      const after = cpuSeconds(child.pid!);
      const p50 = r.latency.p50;
      const p99 = r.latency.p99;
      const rps = r.requests.average;
      emit({ bench: `serve-50KB-c${c}`, metric: 'p50_ms', value: p50, unit: 'ms', vs: `bare check ${ms.toFixed(1)} ms`, ratio: Number((p50 / ms).toFixed(2)) });
      emit({ bench: `serve-50KB-c${c}`, metric: 'p99_ms', value: p99, unit: 'ms', vs: c === 1 ? 'goal 20 ms; p99/p50 goal ≤ 3' : 'p99/p50 goal ≤ 3', ratio: Number((p99 / Math.max(0.01, p50)).toFixed(2)) });
      emit({ bench: `serve-50KB-c${c}`, metric: 'requests_per_s', value: Number(rps.toFixed(1)), unit: 'req/s', vs: `cores ÷ bare CPU time = ${ideal.toFixed(0)} req/s (goal at c16: 80%); ${r.non2xx} non-2xx`, ratio: Number((rps / ideal).toFixed(2)) });
      if (before !== undefined && after !== undefined) {
        const perRequest = ((after - before) * 1000) / Math.max(1, r.requests.total);
        // The server's own CPU per request beside the bare check: the rest of two cores went to the load tool.
        emit({ bench: `serve-50KB-c${c}`, metric: 'server_cpu_ms_per_request', value: Number(perRequest.toFixed(2)), unit: 'ms', vs: `bare check ${ms.toFixed(2)} ms; server used ${((after - before) / 8).toFixed(2)} of ${cores} cores`, ratio: Number((perRequest / ms).toFixed(2)) });
      }
    }
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 1;
});
