/**
 * Crawl engine throughput: a generated loopback site of 5,000 pages, checks off, politeness off.
 * Runs the same site through Debian's `linkchecker` (when installed) in the same run, for the ratio.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { CrawlSource } from '../../pipelines/sources/crawl';
import { DEFAULT_LIMITS } from '../../pipelines/sources/fetch';
import { Store } from '../../pipelines/store/store';
import { silentLogger } from '../../pipelines/log';
import { emit } from './emit';

const PAGES = Number(process.env['BENCH_PAGES'] ?? 5000);

async function startSite(): Promise<{ origin: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, [join(__dirname, 'site-server.js'), String(PAGES)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const origin = await new Promise<string>((resolve) => proc.stdout!.once('data', (d) => resolve(String(d).trim())));
  return { origin, proc };
}

async function crawlOnce(origin: string): Promise<{ pages: number; seconds: number; peakRssMb: number }> {
  const store = Store.open(':memory:');
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const src = new CrawlSource(
    {
      siteId: 'bench', seeds: [`${origin}/`], hosts: [], include: [], exclude: [], maxPages: PAGES + 10, maxDepth: 100, concurrency: 32,
      politeness: { perOrigin: 32, perIp: 64, minIntervalMs: 0, jitterMs: 0, maxBackoffMs: 1000 },
      respectRobots: true, sitemaps: false, userAgent: 'XunjianBot/bench', productToken: 'XunjianBot', limits: DEFAULT_LIMITS,
      maxAttachmentBytes: 1 << 20, retries: 0, maxRedirects: 5, checkResources: false, allowPrivateNetworks: true, circuitBreaker: 100, maxExternalHosts: 0,
    },
    { store, log: silentLogger },
  );
  const t = process.hrtime.bigint();
  let pages = 0;
  for await (const item of src.items()) {
    if (item.kind === 'page') {
      pages++;
      item.ack?.();
    }
  }
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  store.close();
  return { pages, seconds, peakRssMb: peak / 1024 / 1024 };
}

function linkchecker(origin: string): { seconds: number; urls: number } | undefined {
  if (spawnSync('sh', ['-c', 'command -v linkchecker']).status !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'xj-lc-'));
  const rc = join(dir, 'linkcheckerrc');
  writeFileSync(rc, '[checking]\nmaxrequestspersecond=100000\nthreads=32\n');
  chmodSync(dir, 0o755);
  chmodSync(rc, 0o644);
  const t = process.hrtime.bigint();
  const r = spawnSync('linkchecker', ['-f', rc, '--no-status', '--no-warnings', '--threads', '32', '--recursion-level', '100', '-o', 'none', `${origin}/`], {
    encoding: 'utf8',
    timeout: 30 * 60_000,
  });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  const m = /(\d+) links? in (\d+) URLs? checked/.exec(`${r.stdout}${r.stderr}`) ?? /(\d+) URLs? checked/.exec(`${r.stdout}${r.stderr}`);
  return { seconds, urls: m ? Number(m[2] ?? m[1]) : PAGES };
}

async function main(): Promise<void> {
  const { origin, proc } = await startSite();
  try {
    await crawlOnce(origin); // warm-up: JIT and connections
    const r = await crawlOnce(origin);
    const rate = r.pages / r.seconds;
    const peer = linkchecker(origin);
    const peerRate = peer ? peer.urls / peer.seconds : undefined;
    emit({ bench: 'crawl-5000', metric: 'pages_per_s', value: Math.round(rate), unit: 'pages/s', vs: peer ? 'linkchecker (Debian)' : 'linkchecker not installed', ratio: peerRate ? Number((rate / peerRate).toFixed(1)) : null });
    emit({ bench: 'crawl-5000', metric: 'peak_rss', value: Math.round(r.peakRssMb), unit: 'MB', vs: 'budget 300 MB', ratio: Number((r.peakRssMb / 300).toFixed(2)) });
    if (r.pages < PAGES) throw new Error(`crawled ${r.pages} of ${PAGES} pages`);
  } finally {
    proc.kill();
  }
}

void main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 1;
});
