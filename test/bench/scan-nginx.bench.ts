/**
 * What users run, on a site served by nginx (issue 21): a generated 5,000-page site of static files
 * on loopback, politeness lifted to 32 connections as an office does for its own site, crawled in
 * one run by `xunjian scan --checks links.broken`, `xunjian scan` with every check, linkinator 7
 * (the release the issue names) and 6, and Debian's LinkChecker (each at 32), with wall time,
 * pages/s, CPU time / wall time and peak RSS (GNU time), and the ratio to each peer. No link of the
 * site is broken: the bench fails when xunjian or linkinator reports one. Then the CPU milliseconds per page of each check family, over pages of the same site,
 * and apart, the fixed seconds a scan spends rendering its homepage in Chromium (the every-check
 * legs run without it, `XUNJIAN_BROWSER=none`, so pages/s stays a per-page figure).
 * Then the memory bar: `xunjian scan` with every check of a 50,000-page site of the same
 * kind, peak RSS (goal 500 MB). `XJ_NGINX_PAGES` changes the size, `XJ_NGINX_LARGE` the large
 * site's (0 skips it), `XJ_NGINX_ROUNDS` the rounds (3; each tool's median round is reported); the
 * peers are skipped when not installed.
 */
import { spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPage } from '../../checks/page';
import { CHECKS } from '../../checks/registry';
import type { PageCheck } from '../../checks/types';
import { silentLogger } from '../../pipelines/log';
import { freePort } from '../helpers/services';
import { emit } from './emit';

const ROOT = join(__dirname, '..', '..', '..');
const PAGES = Number(process.env['XJ_NGINX_PAGES'] ?? 5000);
const LARGE = Number(process.env['XJ_NGINX_LARGE'] ?? 50_000);
const ROUNDS = Math.max(1, Number(process.env['XJ_NGINX_ROUNDS'] ?? 3));
const CONNECTIONS = 32;
const cli = join(ROOT, 'dist', 'pipelines', 'cli.js');
const filler = '<p>为深入贯彻落实党中央、国务院决策部署，进一步提升政务公开工作质量，现就有关事项通知如下。联系电话：0771-2345678。</p>'.repeat(20);

function body(i: number, pages = PAGES): string {
  const links: string[] = [];
  for (let k = 1; k <= 20; k++) links.push(`<li><a href="/art/${(i * 7 + k * 131) % pages}.html">文章 ${k}</a></li>`);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>第${i}篇_示范市人民政府</title><meta name="PubDate" content="2026-11-01 09:00"></head><body><div class="nav"><a href="/">首页</a></div><h1>第${i}篇</h1><div class="info">发布时间：2026-11-01</div>${filler}<ul>${links.join('')}</ul></body></html>`;
}

interface Measured {
  name: string;
  seconds: number;
  cpuSeconds: number;
  peakMb: number;
  pages: number;
}

/** @param stdout a file for the tool's report, when the bench reads what it found */
function timed(name: string, cmd: string, args: string[], cwd: string, pages: number, stdout?: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const out = join(cwd, `time-${name.replace(/\W+/g, '_')}.txt`);
    const fd = stdout ? openSync(stdout, 'w') : undefined;
    const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', '-o', out, cmd, ...args], { cwd, stdio: ['ignore', fd ?? 'ignore', 'pipe'] });
    // The child has its own copy of the report file.
    if (fd !== undefined) closeSync(fd);
    let err = '';
    child.stderr!.on('data', (d) => (err = (err + d).slice(-4000)));
    child.on('exit', () => {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const line = (require('node:fs').readFileSync(out, 'utf8') as string).trim().split('\n').pop()!;
        const [e, u, s, m] = line.split(' ').map(Number) as [number, number, number, number];
        resolve({ name, seconds: e, cpuSeconds: u + s, peakMb: m / 1024, pages });
      } catch (e) {
        reject(new Error(`${name}: ${(e as Error).message}: ${err}`));
      }
    });
  });
}

async function nginx(www: string): Promise<{ origin: string; stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'xj-nginx-'));
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  // linkinator 7 leaves the bodies of answers it does not read, so its connections are not reused:
  // thousands stay open at 32 checks in flight. With nginx's usual 2,048 the rest are closed, and
  // it reports most of the site broken (status 0) in a fraction of the time; a peer is measured
  // doing its job, so the server takes all it opens.
  writeFileSync(conf, `worker_processes 1; daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
${process.getuid?.() === 0 ? 'user root;' : ''} worker_rlimit_nofile 40000;
events { worker_connections 16384; }
http { access_log off; sendfile on; keepalive_timeout 60; keepalive_requests 1000000; default_type text/html; charset utf-8;
  server { listen 127.0.0.1:${port}; root ${www}; add_header LinkChecker bench; location / { index index.html; } } }
`);
  const child = spawn('nginx', ['-c', conf, '-p', dir], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  return { origin: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGQUIT') };
}

function familyCosts(): void {
  const ctx = { clock: { now: () => new Date() }, log: silentLogger, firstSeen: () => undefined };
  const sample = Array.from({ length: 200 }, (_, i) => body(i));
  const pages = sample.map((html, i) => createPage({ siteId: 'b', url: `https://www.example.gov.cn/art/${i}.html`, fetchedAt: new Date().toISOString(), contentType: 'html', source: html, origin: 'crawl' }));
  const parse = process.cpuUsage();
  for (const html of sample) void createPage({ siteId: 'b', url: 'https://www.example.gov.cn/a.html', fetchedAt: new Date().toISOString(), contentType: 'html', source: html, origin: 'crawl' }).text;
  const parseMs = (process.cpuUsage(parse).user + process.cpuUsage(parse).system) / 1000 / sample.length;
  emit({ bench: 'nginx-site-page', metric: 'cpu_ms_per_page_parse_and_text', value: Number(parseMs.toFixed(3)), unit: 'ms', vs: 'none', ratio: null });
  const families = [...new Set(CHECKS.filter((c) => c.kind === 'page').map((c) => c.meta.family))];
  for (const family of families) {
    const checks = CHECKS.filter((c): c is PageCheck => c.kind === 'page' && c.meta.family === family);
    for (const p of pages.slice(0, 20)) for (const c of checks) { try { c.run(p, ctx); } catch { /* a check needing more context is measured as far as it goes */ } }
    const t = process.cpuUsage();
    for (const p of pages) for (const c of checks) { try { c.run(p, ctx); } catch { /* as above */ } }
    const used = process.cpuUsage(t);
    emit({ bench: 'nginx-site-page', metric: `cpu_ms_per_page_${family}`, value: Number(((used.user + used.system) / 1000 / pages.length).toFixed(3)), unit: 'ms', vs: 'none', ratio: null });
  }
}

/** A site of `pages` articles (each linking 20 others) and a homepage, as static files. */
function site(pages: number): string {
  const work = mkdtempSync(join(tmpdir(), 'xj-nginx-site-'));
  const www = join(work, 'www');
  mkdirSync(join(www, 'art'), { recursive: true });
  writeFileSync(join(www, 'index.html'), body(0, pages));
  for (let i = 0; i < pages; i++) writeFileSync(join(www, 'art', `${i}.html`), body(i, pages));
  for (const d of [work, www, join(www, 'art')]) chmodSync(d, 0o755);
  return www;
}

function scanConfig(pages: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'xj-nginx-run-'));
  writeFileSync(join(dir, 'xunjian.config.json'), JSON.stringify({
    store: 'x.db',
    crawl: { perOrigin: CONNECTIONS, perIp: CONNECTIONS, concurrency: CONNECTIONS, minIntervalMs: 0, jitterMs: 0, sitemaps: false, retries: 0, allowPrivateNetworks: true, maxPages: pages + 100 },
  }));
  return dir;
}

/**
 * What rendering the key pages adds to a scan (the homepage, as a desktop browser and a search
 * visitor, in the system's Chromium): a one-page scan with the rules that read a rendering, with
 * and without it, best of three each.
 */
async function renderCost(origin: string): Promise<void> {
  const browser = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (!browser) return;
  const dir = mkdtempSync(join(tmpdir(), 'xj-nginx-render-'));
  writeFileSync(join(dir, 'xunjian.config.json'), JSON.stringify({ store: 'x.db', crawl: { maxPages: 1, sitemaps: false, retries: 0, allowPrivateNetworks: true } }));
  const best: Record<string, number> = {};
  for (let i = 0; i < 3; i++) {
    for (const b of ['none', browser]) {
      process.env['XUNJIAN_BROWSER'] = b;
      const r = await timed(`render ${b}`, process.execPath, [cli, 'scan', `${origin}/`, '--checks', 'tamper', '--format', 'json', '--quiet'], dir, 1);
      best[b] = Math.min(best[b] ?? Infinity, r.seconds);
    }
  }
  process.env['XUNJIAN_BROWSER'] = 'none';
  emit({ bench: 'nginx-site-render', metric: 'seconds a scan spends rendering its homepage in Chromium (desktop + search visitor)', value: Number((best[browser]! - best['none']!).toFixed(2)), unit: 's', vs: `one-page tamper scan ${best['none']!.toFixed(2)} s without, ${best[browser]!.toFixed(2)} s with`, ratio: null });
}

/** The memory bar: every check on a large site, in one process, by peak RSS. */
async function largeCrawl(cli: string): Promise<void> {
  if (!LARGE) return;
  const server = await nginx(site(LARGE));
  try {
    const r = await timed('xunjian scan (every check)', process.execPath, [cli, 'scan', `${server.origin}/`, '--format', 'json', '--quiet'], scanConfig(LARGE), LARGE + 1);
    emit({ bench: `nginx-${LARGE}-pages`, metric: 'xunjian scan (every check) peak RSS', value: Math.round(r.peakMb), unit: 'MB', vs: 'goal 500 MB', ratio: null });
    emit({ bench: `nginx-${LARGE}-pages`, metric: 'xunjian scan (every check) pages/s', value: Number((r.pages / r.seconds).toFixed(1)), unit: 'pages/s', vs: `CPU/wall ${(r.cpuSeconds / r.seconds).toFixed(2)}`, ratio: null });
  } finally {
    server.stop();
  }
}

/** The run whose wall time is the middle one of a tool's rounds. */
function median(runs: Measured[]): Measured {
  return [...runs].sort((x, y) => x.seconds - y.seconds)[runs.length >> 1]!;
}

async function main(): Promise<void> {
  const server = await nginx(site(PAGES));
  const rounds: Measured[][] = [];
  try {
    const cfgDir = scanConfig(PAGES);
    const ours = join(cfgDir, 'xunjian.json');
    const lcDir = mkdtempSync(join(tmpdir(), 'xj-lc-'));
    const linkchecker = await new Promise<boolean>((r) => spawn('sh', ['-c', 'command -v linkchecker'], { stdio: 'ignore' }).on('exit', (c) => r(c === 0)));
    // This VM's speed wanders by a tenth from one minute to the next: every tool runs in each
    // round, one after another, and each is reported by its median round.
    const browser = process.env['XUNJIAN_BROWSER'];
    for (let round = 0; round < ROUNDS; round++) {
      const results: Measured[] = [];
      rounds.push(results);
      if (browser === undefined) delete process.env['XUNJIAN_BROWSER'];
      else process.env['XUNJIAN_BROWSER'] = browser;
      results.push(await timed('xunjian scan --checks links.broken', process.execPath, [cli, 'scan', `${server.origin}/`, '--checks', 'links.broken', '--format', 'json', '--quiet'], scanConfig(PAGES), PAGES + 1, ours));
      // No link of this site is broken (pages 404, 1404 … once were called soft 404s by their titles).
      const falseBroken = (JSON.parse(readFileSync(ours, 'utf8')) as { findings: { rule: string }[] }).findings.filter((f) => f.rule === 'links.broken').length;
      if (round === 0) emit({ bench: `nginx-${PAGES}-pages`, metric: 'xunjian links reported broken', value: falseBroken, unit: 'links', vs: 'none are broken', ratio: null });
      if (falseBroken) process.exitCode = 1;
      // Rendering the homepage in Chromium is a fixed cost a site, not a page's: measured apart (renderCost).
      process.env['XUNJIAN_BROWSER'] = 'none';
      results.push(await timed('xunjian scan (every check)', process.execPath, [cli, 'scan', `${server.origin}/`, '--format', 'json', '--quiet'], scanConfig(PAGES), PAGES + 1));
      // By their own entry points: 7 (the release the issue names, installed as `linkinator7`) and 6
      // both claim the `linkinator` command.
      for (const [name, pkg] of [['linkinator 7', 'linkinator7'], ['linkinator 6', 'linkinator']] as const) {
        const entry = join(ROOT, 'node_modules', pkg, 'build', 'src', 'cli.js');
        if (!existsSync(entry)) continue;
        const report = join(cfgDir, `${pkg}.json`);
        results.push(await timed(name, process.execPath, [entry, `${server.origin}/`, '--recurse', '--concurrency', String(CONNECTIONS), '--format', 'json', '--timeout', '10000'], cfgDir, PAGES + 1, report));
        // Every link of this site works: a peer that reports broken ones was not doing the job measured.
        const broken = (JSON.parse(readFileSync(report, 'utf8')) as { links: { state: string }[] }).links.filter((l) => l.state === 'BROKEN').length;
        if (round === 0) emit({ bench: `nginx-${PAGES}-pages`, metric: `${name} links reported broken`, value: broken, unit: 'links', vs: 'none are broken', ratio: null });
        if (broken) process.exitCode = 1;
      }
      if (linkchecker) {
        const rc = join(lcDir, 'linkcheckerrc');
        writeFileSync(rc, `[checking]\nmaxrequestspersecond=100000\nthreads=${CONNECTIONS}\n`);
        chmodSync(rc, 0o644);
        chmodSync(lcDir, 0o777);
        results.push(await timed('LinkChecker', 'linkchecker', ['-f', rc, '--no-status', '--threads', String(CONNECTIONS), '--recursion-level', '100', '-o', 'none', `${server.origin}/`], lcDir, PAGES + 1));
      }
    }
    await renderCost(server.origin);
  } finally {
    server.stop();
  }
  const results = rounds[0]!.map((r) => median(rounds.map((round) => round.find((x) => x.name === r.name)!)));
  const peers = results.filter((r) => !r.name.startsWith('xunjian'));
  for (const r of results) {
    const rate = r.pages / r.seconds;
    emit({ bench: `nginx-${PAGES}-pages`, metric: `${r.name} pages/s`, value: Number(rate.toFixed(1)), unit: 'pages/s', vs: `median of ${ROUNDS} rounds`, ratio: null });
    if (!r.name.startsWith('xunjian')) continue;
    // The goals are against each peer (5× links only, 3× every check), so each ratio is printed.
    for (const p of peers) emit({ bench: `nginx-${PAGES}-pages`, metric: `${r.name} pages/s`, value: Number(rate.toFixed(1)), unit: 'pages/s', vs: p.name, ratio: Number((rate / (p.pages / p.seconds)).toFixed(2)) });
  }
  for (const name of rounds[0]!.map((r) => r.name)) console.log(`${name}: ${rounds.map((round) => round.find((x) => x.name === name)!.seconds.toFixed(2)).join(' / ')} s`);
  console.log(`\n${PAGES + 1}-page site served by nginx on loopback, ${CONNECTIONS} connections each, 2 cores; each tool's median of ${ROUNDS} rounds`);
  console.log('| run | wall s | pages/s | CPU/wall | peak RSS MB |');
  console.log('|---|---|---|---|---|');
  for (const r of results) console.log(`| ${r.name} | ${r.seconds.toFixed(2)} | ${(r.pages / r.seconds).toFixed(0)} | ${(r.cpuSeconds / r.seconds).toFixed(2)} | ${r.peakMb.toFixed(0)} |`);
  familyCosts();
  await largeCrawl(cli);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
