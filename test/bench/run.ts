/** `npm run bench`: each benchmark in its own process (so memory figures are its own), in order. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const benches: [string, string[]][] = [
  ['crawl.bench.js', []],
  ['checks.bench.js', []],
  ['wording.bench.js', []],
  ['dates.bench.js', []],
  ['filing.bench.js', []],
  ['ocr.bench.js', []],
  ['observatory.compare.js', []],
  ['tls.compare.js', []],
  ['export.bench.js', ['jsonl']],
  ['export.bench.js', ['array']],
  ['hostile.bench.js', []],
  ['lookalikes.bench.js', []],
  ['tamper.bench.js', []],
  ['links.bench.js', []],
  ['feeds.bench.js', []],
  ['ingest.bench.js', []],
  ['reports.bench.js', []],
  ['serve.bench.js', []],
  ['scale.bench.js', []],
  ['scan-nginx.bench.js', []],
];
// Rendering key pages in Chromium is a fixed cost a site, which would swamp the per-page figures of
// the scan benches: they run without it, and scan-nginx.bench.ts measures it apart.
process.env['XUNJIAN_BROWSER'] ??= 'none';
let failed = false;
for (const [file, args] of benches) {
  const r = spawnSync(process.execPath, ['--expose-gc', join(__dirname, file), ...args], { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
