/**
 * A 1 MB xlsx whose shared strings inflate to 1 GiB once peaked at 3.2 GB of memory (a 2 MB one
 * at 6.3 GB): the whole entry went to the inflater at once and the limit was checked after.
 * Each bomb here is generated, extracted in its own process, and its peak RSS compared with the
 * same process reading a small xlsx.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xlsxBomb, xlsxSmall, zipOf } from '../../helpers/bombs';

const ROOT = join(__dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'xunjian-bomb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ChildReport {
  ok: boolean;
  code?: string;
  message?: string;
  parts?: number;
  maxRssMiB: number;
}

function extractInChild(name: string, bytes: Buffer): ChildReport {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const r = spawnSync(process.execPath, ['-r', './test/helpers/ts-register.js', 'test/helpers/extract-child.ts', file], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`child failed (${r.status} ${r.signal}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim()) as ChildReport;
}

describe('zip bombs', () => {
  let baseline: ChildReport;
  beforeAll(async () => {
    baseline = extractInChild('small.xlsx', await xlsxSmall());
  }, 60_000);

  it('reads the small xlsx (the baseline is a working extraction)', () => {
    expect(baseline).toMatchObject({ ok: true, parts: expect.any(Number) });
  });

  it.each([
    ['1 MB → 1 GiB', 2 ** 30],
    ['2 MB → 2 GiB', 2 ** 31],
  ])('stops the %s shared-strings bomb at its limit, under 300 MB of memory', async (_label, inflated) => {
    const bomb = await xlsxBomb(inflated);
    expect(bomb.length).toBeLessThan(2.5 * 2 ** 20);
    const r = extractInChild(`bomb-${inflated}.xlsx`, bomb);
    expect(r).toMatchObject({ ok: false, code: 'zip-bomb' });
    // The child loads the TypeScript compiler, which users' dist build does not; the bomb's own
    // cost is what it adds to the same process reading a small file.
    expect(r.maxRssMiB - baseline.maxRssMiB).toBeLessThan(300 - 60);
  }, 90_000);

  it('stops an archive of bombs under one budget for the whole attachment', async () => {
    const inner = await xlsxBomb(48 * 2 ** 20);
    const outer = await zipOf([1, 2, 3, 4, 5].map((i) => ({ name: `附件${i}.xlsx`, chunks: () => [inner] })));
    const r = extractInChild('nested.zip', outer);
    expect(r).toMatchObject({ ok: false, code: 'zip-bomb' });
    expect(r.maxRssMiB - baseline.maxRssMiB).toBeLessThan(300 - 60);
  }, 90_000);
});
