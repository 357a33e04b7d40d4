/**
 * Our header grade beside the MDN HTTP Observatory's own tests on the same captures (a separate
 * install of @mdn/mdn-http-observatory, named by OBSERVATORY_DIR; it is not a dependency: it needs
 * network at install time). Prints agreement per test and on the grade, at the peer's algorithm
 * version.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { observatoryGrade, type AlgorithmVersion } from '../../checks/headers/observatory';
import { observatoryCases } from './observatory/cases';
import { emit } from './emit';

const dir = process.env['OBSERVATORY_DIR'];
if (!dir || !existsSync(join(dir, 'src', 'constants.js'))) {
  process.stderr.write('observatory comparison skipped: set OBSERVATORY_DIR to an install of @mdn/mdn-http-observatory\n');
  process.exit(0);
}
const cases = observatoryCases();
const oracle = join(__dirname, '..', '..', '..', 'test', 'bench', 'observatory', 'oracle.mjs');
const r = spawnSync(process.execPath, [oracle, dir], { input: cases.map((c) => JSON.stringify(c)).join('\n'), encoding: 'utf8', maxBuffer: 64 << 20 });
if (r.status !== 0) throw new Error(r.stderr);
const theirs = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { algorithmVersion: AlgorithmVersion; score: number; grade: string; tests: { result: string }[] });
let sameGrade = 0;
const diffs: string[] = [];
cases.forEach((c, i) => {
  const t = theirs[i]!;
  const ours = observatoryGrade(c, t.algorithmVersion)!;
  if (ours.grade === t.grade && ours.score === t.score) sameGrade++;
  ours.tests.forEach((x, j) => {
    if (t.tests[j] && x.result !== t.tests[j]!.result) diffs.push(`${x.result} vs ${t.tests[j]!.result}`);
  });
});
const counts = new Map<string, number>();
for (const d of diffs) counts.set(d, (counts.get(d) ?? 0) + 1);
emit({ bench: 'headers-grade-vs-observatory', metric: 'same_score_and_grade', value: sameGrade, unit: `of ${cases.length} captures`, vs: `@mdn/mdn-http-observatory algorithm v${theirs[0]?.algorithmVersion}; per-test differences: ${[...counts].map(([k, n]) => `${k} ×${n}`).join('; ') || 'none'}`, ratio: Number((sameGrade / cases.length).toFixed(3)) });
