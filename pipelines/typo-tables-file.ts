/**
 * The typo tier's tables (word frequencies and candidate indexes, ~18 MB of typed arrays) written
 * once by the build and read back by each process: building them from jieba's dictionary costs
 * ~0.4 s, half of what `check` of one page took from a CMS's pre-publish hook; reading them back is
 * one file read and one copy into shared memory (so check threads still share them).
 *
 * The file names what it was built from — the dictionary, the generated data, and the code that
 * builds the tables — and a file built from anything else is ignored and the tables are built
 * afresh: a stale table would change findings without a word.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SharedTypoTables } from './word-frequencies';

const MAGIC = 'XJTYPO1\n';
/** Where the build writes the tables: beside the compiled code that reads them. */
export const TYPO_TABLES_FILE = join(__dirname, 'typo-tables.bin');

/** The inputs and code the tables are derived from, by module path (resolved where this runs: dist or sources). */
const INPUTS = [
  '@node-rs/jieba/dict.txt',
  '../wordlists/generated/gov-sequences.json',
  '../wordlists/generated/char-sounds.json',
  '../wordlists/generated/char-shapes.json',
  '../wordlists/char-lookalikes.json',
  '../checks/text/word-freq',
  '../checks/wording/candidate-index',
  '../checks/wording/typo',
  '../checks/wording/confusion',
  '../checks/wording/orphan-typos',
  './word-frequencies',
];

/** A digest of everything the tables depend on. */
export function typoTablesKey(): string {
  const h = createHash('sha256').update(MAGIC);
  for (const m of INPUTS) h.update(m).update(readFileSync(require.resolve(m)));
  return h.digest('hex');
}

type Typed = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
type View = { new (buffer: ArrayBufferLike, offset: number, length: number): Typed; readonly BYTES_PER_ELEMENT: number };
const KINDS: Record<string, View> = { Uint8Array, Uint16Array, Uint32Array, Int32Array, Float64Array };
type KindName = 'Uint8Array' | 'Uint16Array' | 'Uint32Array' | 'Int32Array' | 'Float64Array';

interface Part {
  kind: KindName;
  offset: number;
  length: number;
}

/** The object with every typed array replaced by a reference to its part of the body. */
function layout(value: unknown, parts: Typed[]): unknown {
  if (ArrayBuffer.isView(value)) {
    parts.push(value as Typed);
    return { $part: parts.length - 1 };
  }
  if (Array.isArray(value)) return value.map((v) => layout(v, parts));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, layout(v, parts)]));
  return value;
}

function restore(value: unknown, views: Typed[]): unknown {
  if (Array.isArray(value)) return value.map((v) => restore(v, views));
  if (value && typeof value === 'object') {
    const part = (value as { $part?: number }).$part;
    if (typeof part === 'number') return views[part];
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restore(v, views)]));
  }
  return value;
}

const align8 = (n: number) => (n + 7) & ~7;

export function writeTypoTables(tables: SharedTypoTables, file = TYPO_TABLES_FILE, key = typoTablesKey()): void {
  const arrays: Typed[] = [];
  const shape = layout(tables, arrays);
  const parts: Part[] = [];
  let size = 0;
  for (const a of arrays) {
    if (!(a.constructor.name in KINDS)) throw new Error(`typo tables: no file layout for ${a.constructor.name}`);
    parts.push({ kind: a.constructor.name as KindName, offset: size, length: a.length });
    size = align8(size + a.byteLength);
  }
  const header = Buffer.from(JSON.stringify({ key, parts, shape }));
  const head = Buffer.alloc(align8(MAGIC.length + 4 + header.length));
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(header.length, MAGIC.length);
  header.copy(head, MAGIC.length + 4);
  const body = Buffer.alloc(size);
  arrays.forEach((a, i) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(body, parts[i]!.offset));
  // Written aside and renamed: a process reading while the build writes sees the old file or the new one.
  writeFileSync(`${file}.tmp`, Buffer.concat([head, body]));
  renameSync(`${file}.tmp`, file);
}

/** The tables in the file, over one block of shared memory; undefined when there is no file or it was built from other inputs. */
export function readTypoTables(file = TYPO_TABLES_FILE, key = typoTablesKey()): SharedTypoTables | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const start = Buffer.alloc(MAGIC.length + 4);
    if (readSync(fd, start, 0, start.length, 0) !== start.length || start.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
    const headerLength = start.readUInt32LE(MAGIC.length);
    const header = Buffer.alloc(headerLength);
    if (readSync(fd, header, 0, headerLength, start.length) !== headerLength) return undefined;
    const { key: built, parts, shape } = JSON.parse(header.toString()) as { key: string; parts: Part[]; shape: unknown };
    if (built !== key) return undefined;
    const bodyAt = align8(start.length + headerLength);
    const last = parts[parts.length - 1];
    const size = last ? align8(last.offset + last.length * KINDS[last.kind]!.BYTES_PER_ELEMENT) : 0;
    const memory = new SharedArrayBuffer(size);
    const bytes = new Uint8Array(memory);
    for (let at = 0; at < size; ) {
      const n = readSync(fd, bytes, at, size - at, bodyAt + at);
      if (n === 0) return undefined; // cut short
      at += n;
    }
    const views = parts.map((p) => new KINDS[p.kind]!(memory, p.offset, p.length));
    return restore(shape, views) as SharedTypoTables;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

if (require.main === module) {
  // `npm run build` ends here: build the tables the way a run would, and write them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { sharedTypoTables } = require('./word-frequencies') as typeof import('./word-frequencies');
  writeTypoTables(sharedTypoTables());
  // stderr: `npm pack --json` runs the build and reads its stdout as JSON.
  process.stderr.write(`wrote ${TYPO_TABLES_FILE}\n`);
}
