/**
 * Robustness end to end: `xunjian scan` (the built CLI, as users run it) of a hostile site — slow
 * drip, redirect loop, 1 GB body, endless chunked body, gzip bomb, resets, 100,000-level nesting,
 * 100,000 links, a 20 MB line, a zip-bomb attachment — beside the same scan of the site's
 * ordinary pages alone. Prints peak RSS of both (budget 500 MB), every failure with its reason,
 * and whether the ordinary pages were all checked.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emit } from './emit';

const CLI = join(__dirname, '..', '..', 'pipelines', 'cli.js');

async function startSite(benign: boolean): Promise<{ origin: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, [join(__dirname, 'hostile-server.js'), ...(benign ? ['benign'] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  const origin = await new Promise<string>((resolve) => proc.stdout!.once('data', (d) => resolve(String(d).trim())));
  return { origin, proc };
}

interface ScanOutcome {
  peakRssMb: number;
  seconds: number;
  status: string;
  pages: number;
  idFindings: number;
  errors: { code: string; input: string; message: string }[];
}

function scan(origin: string): ScanOutcome {
  const work = mkdtempSync(join(tmpdir(), 'xj-hostile-'));
  // An office lifts politeness for its own site; the fetch limits are the defaults.
  writeFileSync(join(work, 'xunjian.config.json'), JSON.stringify({ store: 'x.db', crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false, perOrigin: 8, concurrency: 8 } }));
  const t = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, CLI, 'scan', `${origin}/`, '--format', 'json'], { cwd: work, encoding: 'utf8', timeout: 20 * 60_000, maxBuffer: 2 ** 29 });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  const peakKb = Number(/(\d+)\s*$/.exec(r.stderr)?.[1] ?? NaN);
  let out: { summary: { status: string; pages: number }; findings: { rule: string }[]; errors: ScanOutcome['errors'] };
  try {
    out = JSON.parse(r.stdout);
  } catch {
    throw new Error(`scan of ${origin} wrote no result (exit ${r.status}, signal ${r.signal}): ${r.stderr.slice(-2000)}`);
  }
  return { peakRssMb: peakKb / 1024, seconds, status: out.summary.status, pages: out.summary.pages, idFindings: out.findings.filter((f) => f.rule === 'privacy.id-card').length, errors: out.errors };
}

async function run(benign: boolean): Promise<ScanOutcome> {
  const { origin, proc } = await startSite(benign);
  try {
    return scan(origin);
  } finally {
    proc.kill();
  }
}

async function main(): Promise<void> {
  if (spawnSync('sh', ['-c', 'command -v /usr/bin/time']).status !== 0) throw new Error('/usr/bin/time is needed to measure peak RSS');
  const base = await run(true);
  const hostile = await run(false);
  for (const e of hostile.errors) process.stderr.write(`  hostile: ${e.code} ${e.input}: ${e.message.slice(0, 160)}\n`);
  emit({ bench: 'hostile-site', metric: 'peak_rss', value: Math.round(hostile.peakRssMb), unit: 'MB', vs: `ordinary pages alone ${Math.round(base.peakRssMb)} MB; budget 500 MB`, ratio: Number((hostile.peakRssMb / 500).toFixed(2)) });
  emit({ bench: 'hostile-site', metric: 'seconds', value: Math.round(hostile.seconds), unit: 's', vs: `ordinary pages alone ${base.seconds.toFixed(1)} s`, ratio: Number((hostile.seconds / base.seconds).toFixed(1)) });
  emit({ bench: 'hostile-site', metric: 'failures_recorded', value: hostile.errors.length, unit: 'errors', vs: `status ${hostile.status}`, ratio: null });
  emit({ bench: 'hostile-site', metric: 'ordinary_pages_checked', value: hostile.pages, unit: 'pages', vs: `ordinary alone ${base.pages}; ID findings ${hostile.idFindings} vs ${base.idFindings}`, ratio: null });
  if (hostile.peakRssMb > 500) throw new Error(`peak RSS ${Math.round(hostile.peakRssMb)} MB over the 500 MB budget`);
  if (hostile.idFindings < base.idFindings + 1) throw new Error('the ID buried in the deep page or an ordinary page was not found');
}
main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 1;
});
