/**
 * The typo tier's tables as the build writes them: read back, they must be the very tables a
 * process would build (every typed array byte for byte), and a file built from other inputs, cut
 * short or not ours must be ignored — never half-read into tables that change findings.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTypoTables, typoTablesKey, writeTypoTables } from '../../pipelines/typo-tables-file';
import { buildWordFrequencies, type SharedTypoTables } from '../../pipelines/word-frequencies';
import { buildTypoIndexes } from '../../checks/wording/typo';
import { sharedCandidateIndexes } from '../../checks/wording/candidate-index';

function built(): SharedTypoTables {
  const f = buildWordFrequencies();
  buildTypoIndexes(f);
  return { words: f.shared(), candidates: sharedCandidateIndexes(f) };
}

/** Every leaf: typed arrays as their bytes, the rest as JSON. */
function leaves(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (ArrayBuffer.isView(value)) out.set(path, `${value.constructor.name}:${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}`);
  else if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) leaves(v, `${path}/${k}`, out);
  else out.set(path, JSON.stringify(value));
  return out;
}

describe('typo tables file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xj-typo-'));
  const file = join(dir, 'typo-tables.bin');
  const tables = built();
  writeTypoTables(tables, file, 'key-1');

  it('reads back the tables a process builds, in shared memory', () => {
    const read = readTypoTables(file, 'key-1')!;
    expect(read).toBeDefined();
    const a = leaves(tables);
    const b = leaves(read);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [k, v] of a) expect(b.get(k)).toBe(v);
    expect(read.words.two.cells.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(read.words.candidates.length).toBeGreaterThan(30_000);
  });

  it('ignores a file built from other inputs', () => {
    expect(readTypoTables(file, 'key-2')).toBeUndefined();
    expect(typoTablesKey()).toMatch(/^[0-9a-f]{64}$/);
    expect(typoTablesKey()).toBe(typoTablesKey());
  });

  it('ignores a file cut short, one that is not ours, and a missing one', () => {
    const whole = readFileSync(file);
    const cut = join(dir, 'cut.bin');
    writeFileSync(cut, whole.subarray(0, whole.length - 1000));
    expect(readTypoTables(cut, 'key-1')).toBeUndefined();
    writeFileSync(cut, whole.subarray(0, 20));
    expect(readTypoTables(cut, 'key-1')).toBeUndefined();
    writeFileSync(cut, Buffer.from('{"not":"tables"}'));
    expect(readTypoTables(cut, 'key-1')).toBeUndefined();
    expect(readTypoTables(join(dir, 'absent.bin'), 'key-1')).toBeUndefined();
  });
});
