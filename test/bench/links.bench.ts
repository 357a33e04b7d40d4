/**
 * Link checking, end to end, beside the peers people use for it: Debian's `linkchecker` and
 * linkinator 7 and 6 (npm), each as a separate process at the same concurrency (8 requests in flight) on the
 * same generated loopback site (test/helpers/link-site.ts: several hosts, every answer 5 ms late,
 * known 404s, soft 404s, redirect chains, lapsed and hijacked outbound domains). Prints wall time,
 * each tool's known-broken targets found and working targets reported as broken, and the ratios.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLinkSite, type LinkSite } from '../helpers/link-site';
import { emit } from './emit';

// linkchecker needs about a second a link here (it waits between requests to a host), so the site is kept small.
const ARTICLES = Number(process.env['BENCH_ARTICLES'] ?? 300);
const CONCURRENCY = 8;
/**
 * linkinator 7 starts each link's check as it finds it and queues only the wait for it, so its
 * --concurrency holds nothing back (tens of requests in flight; its agent allows 100 a host): xunjian
 * is also run with as many allowed, to be compared at the concurrency linkinator 7 really takes.
 */
const WIDE = 64;
const ROOT = join(__dirname, '..', '..', '..');

interface Outcome {
  seconds: number;
  reported: Set<string>;
  /** Requests in flight as the site saw them, and how many it answered. */
  inFlight?: { mean: number; max: number };
  requests?: number;
}

function run(cmd: string, args: string[], cwd: string): Promise<{ seconds: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', () => resolve({ seconds: Number(process.hrtime.bigint() - t) / 1e9, stdout, stderr }));
  });
}

async function xunjian(site: LinkSite, checks: string | undefined, concurrency = CONCURRENCY): Promise<Outcome> {
  const work = mkdtempSync(join(tmpdir(), 'xj-links-bench-'));
  writeFileSync(join(work, 'xunjian.config.json'), JSON.stringify({
    crawl: { concurrency, perOrigin: concurrency, perIp: concurrency, minIntervalMs: 0, jitterMs: 0, sitemaps: false, retries: 0, maxPages: 10_000 },
  }));
  const r = await run(process.execPath, [join(ROOT, 'dist', 'pipelines', 'cli.js'), 'scan', `${site.origin}/`, '--format', 'json', ...(checks ? ['--checks', checks] : [])], work);
  const out = JSON.parse(r.stdout) as { summary: { status: string }; findings: { rule: string; url: string }[] };
  if (out.summary.status !== 'complete') throw new Error(`xunjian run ${out.summary.status}`);
  return { seconds: r.seconds, reported: new Set(out.findings.filter((f) => f.rule === 'links.broken' || f.rule === 'links.hijacked').map((f) => f.url)) };
}

/**
 * linkinator by its own entry point: 7 (the release the issues name, installed as `linkinator7`)
 * and 6 both claim the `linkinator` command, so `.bin` holds whichever npm linked last.
 */
function linkinatorCli(pkg: 'linkinator' | 'linkinator7'): string {
  return join(ROOT, 'node_modules', pkg, 'build', 'src', 'cli.js');
}

async function linkinator(site: LinkSite, pkg: 'linkinator' | 'linkinator7'): Promise<Outcome> {
  const r = await run(process.execPath, [linkinatorCli(pkg), `${site.origin}/`, '--recurse', '--concurrency', String(CONCURRENCY), '--format', 'json', '--timeout', '5000'], ROOT);
  const out = JSON.parse(r.stdout) as { links: { url: string; state: string }[] };
  return { seconds: r.seconds, reported: new Set(out.links.filter((l) => l.state === 'BROKEN').map((l) => l.url)) };
}

async function linkchecker(site: LinkSite): Promise<Outcome | undefined> {
  const which = await run('sh', ['-c', 'command -v linkchecker'], ROOT);
  if (!which.stdout.trim()) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'xj-lc-'));
  const rc = join(dir, 'linkcheckerrc');
  // Its default politeness (10 requests a second per host) is lifted, as xunjian's is here.
  writeFileSync(rc, `[checking]\nmaxrequestspersecond=100000\nthreads=${CONCURRENCY}\n`);
  chmodSync(rc, 0o644);
  // Run as root it drops to `nobody`, who must read the settings and write the report.
  chmodSync(dir, 0o777);
  const csv = join(dir, 'out.csv');
  const r = await run('linkchecker', ['-f', rc, '--no-status', '--check-extern', '--threads', String(CONCURRENCY), '--recursion-level', '100', '-o', 'none', '-F', `csv/utf-8/${csv}`, `${site.origin}/`], dir);
  const rows = readFileSync(csv, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  const header = rows.shift()?.split(';') ?? [];
  const [url, valid] = [header.indexOf('url'), header.indexOf('valid')];
  return { seconds: r.seconds, reported: new Set(rows.map((l) => l.split(';')).filter((c) => c[valid] === 'False').map((c) => c[url]!)) };
}

function score(site: LinkSite, o: Outcome): { found: number; falsePositives: number } {
  let found = 0;
  let falsePositives = 0;
  for (const u of o.reported) {
    if (site.expected.has(u)) found++;
    else if (site.linked.has(u) || u.startsWith(site.origin)) falsePositives++;
  }
  return { found, falsePositives };
}

/** Runs a tool and notes how many requests it really had in flight. */
async function measured(site: LinkSite, tool: () => Promise<Outcome | undefined>): Promise<Outcome | undefined> {
  site.inFlight();
  const before = site.requests();
  const o = await tool();
  if (o) Object.assign(o, { inFlight: site.inFlight(), requests: site.requests() - before });
  return o;
}

function inFlightText(o: Outcome): string {
  return o.inFlight ? `; in flight at the site: mean ${o.inFlight.mean.toFixed(1)}, peak ${o.inFlight.max}` : '';
}

async function main(): Promise<void> {
  const site = await startLinkSite({ articles: ARTICLES, delayMs: 5 });
  const bench = `links-${ARTICLES + 11}-pages`;
  try {
    await xunjian(site, 'links'); // warm-up: the OS file cache, JIT of the site server
    const ours = (await measured(site, () => xunjian(site, 'links')))!;
    const s = score(site, ours);
    emit({ bench, metric: 'known_broken_found', value: s.found, unit: `of ${site.expected.size}`, vs: 'xunjian --checks links', ratio: Number((s.found / site.expected.size).toFixed(3)) });
    emit({ bench, metric: 'false_broken', value: s.falsePositives, unit: 'targets', vs: 'xunjian --checks links', ratio: null });
    emit({ bench, metric: 'seconds', value: Number(ours.seconds.toFixed(2)), unit: 's', vs: `xunjian --checks links, ${CONCURRENCY} in flight allowed${inFlightText(ours)}`, ratio: null });
    // The network floor: every request this run made, CONCURRENCY at a time, each answer 5 ms late.
    emit({ bench, metric: 'network_floor_seconds', value: Number(((ours.requests! * 0.005) / CONCURRENCY).toFixed(2)), unit: 's', vs: `${ours.requests} requests of the xunjian run × 5 ms / ${CONCURRENCY} in flight (the least any tool making them can take at that concurrency; 5× linkinator would need under a fifth of its time)`, ratio: null });
    const wide = (await measured(site, () => xunjian(site, 'links', WIDE)))!;
    emit({ bench, metric: 'seconds', value: Number(wide.seconds.toFixed(2)), unit: 's', vs: `xunjian --checks links, ${WIDE} in flight allowed (as linkinator 7 takes)${inFlightText(wide)}`, ratio: null });
    const full = await xunjian(site, undefined);
    emit({ bench, metric: 'seconds', value: Number(full.seconds.toFixed(2)), unit: 's', vs: 'xunjian scan, every check', ratio: Number((full.seconds / ours.seconds).toFixed(2)) });
    const peers: [string, (s: LinkSite) => Promise<Outcome | undefined>][] = [
      ['linkinator 7', (s) => linkinator(s, 'linkinator7')],
      ['linkinator 6', (s) => linkinator(s, 'linkinator')],
      ['linkchecker (Debian)', linkchecker],
    ];
    for (const [name, measure] of peers) {
      const peer = await measured(site, () => measure(site));
      if (!peer) {
        emit({ bench, metric: 'seconds', value: 0, unit: 's', vs: `${name} not installed`, ratio: null });
        continue;
      }
      const p = score(site, peer);
      emit({ bench, metric: 'known_broken_found', value: p.found, unit: `of ${site.expected.size}`, vs: name, ratio: Number((p.found / site.expected.size).toFixed(3)) });
      emit({ bench, metric: 'false_broken', value: p.falsePositives, unit: 'targets', vs: name, ratio: null });
      // ratio > 1: xunjian (links only) is that many times faster.
      emit({ bench, metric: 'seconds', value: Number(peer.seconds.toFixed(2)), unit: 's', vs: `${name} --concurrency ${CONCURRENCY}${inFlightText(peer)}`, ratio: Number((peer.seconds / ours.seconds).toFixed(2)) });
      if (name === 'linkinator 7') emit({ bench, metric: 'seconds', value: Number(peer.seconds.toFixed(2)), unit: 's', vs: `${name} beside xunjian at ${WIDE} in flight allowed`, ratio: Number((peer.seconds / wide.seconds).toFixed(2)) });
    }
    if (s.found < site.expected.size || s.falsePositives > 0) process.exitCode = 1;
  } finally {
    await site.close();
  }
}

void main();
