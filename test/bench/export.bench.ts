/**
 * A 100,000-record JSONL export through the export source: records/s and memory. Streaming must
 * keep memory flat; the baseline is the same records as one JSON array, which has to be read whole.
 */
import { mkdtempSync, createWriteStream, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExportSource } from '../../pipelines/sources/export';
import { emit } from './emit';

const RECORDS = 100_000;

async function write(file: string, asArray: boolean): Promise<void> {
  const out = createWriteStream(file);
  if (asArray) out.write('[');
  for (let i = 0; i < RECORDS; i++) {
    const rec = JSON.stringify({ id: i, url: `https://www.example.gov.cn/art/${i}.html`, title: `第${i}篇`, column: '政务动态', publishedAt: '2026-11-01 09:00:00', html: `<p>${'示范市召开会议，研究部署有关工作。'.repeat(20)}</p>` });
    const line = asArray ? (i ? ',' : '') + rec : rec + '\n';
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  if (asArray) out.write(']');
  await new Promise<void>((r) => out.end(r));
}

async function measure(file: string): Promise<{ seconds: number; rssAt10k: number; peakRss: number; pages: number }> {
  global.gc?.();
  const src = new ExportSource(file, 'bench', { now: () => new Date() });
  let pages = 0;
  let rssAt10k = 0;
  let peak = 0;
  const t = process.hrtime.bigint();
  for await (const item of src.items()) {
    if (item.kind !== 'page') continue;
    pages++;
    if (pages % 1000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    if (pages === 10_000) rssAt10k = process.memoryUsage().rss;
  }
  return { seconds: Number(process.hrtime.bigint() - t) / 1e9, rssAt10k: rssAt10k / 2 ** 20, peakRss: peak / 2 ** 20, pages };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'xj-bench-'));
  try {
    const mode = process.argv[2] ?? 'jsonl';
    const file = join(dir, mode === 'array' ? 'e.json' : 'e.jsonl');
    await write(file, mode === 'array');
    const r = await measure(file);
    if (r.pages !== RECORDS) throw new Error(`read ${r.pages} of ${RECORDS}`);
    if (mode === 'array') {
      emit({ bench: 'export-100k', metric: 'peak_rss_json_array', value: Math.round(r.peakRss), unit: 'MB', vs: 'baseline (whole-file JSON array)', ratio: null });
    } else {
      emit({ bench: 'export-100k', metric: 'records_per_s', value: Math.round(RECORDS / r.seconds), unit: 'records/s', vs: 'none', ratio: null });
      emit({ bench: 'export-100k', metric: 'rss_growth_10k_to_100k', value: Math.round(r.peakRss - r.rssAt10k), unit: 'MB', vs: `rss at 10k records ${Math.round(r.rssAt10k)} MB`, ratio: Number((r.peakRss / r.rssAt10k).toFixed(2)) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 1;
});
