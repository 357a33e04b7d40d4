/**
 * Fingerprints of a page for finding copies of it elsewhere (reference counterfeit-tamper.md §5):
 * a 64-bit SimHash of the visible text (character 3-grams), a MinHash of the DOM shape (the tag
 * paths of the elements that hold text) and the hashes of its sentences. Hashes are integer-exact
 * (FNV-1a in 32-bit arithmetic), so prints stored by one version compare with the next.
 *
 * Sentence hashes are what finds a copy and names its changes: an original's sentences are
 * looked up in an index, and the copy's sentences that the original lacks are where a name or a
 * title was inserted — exactly what a reviewer needs to see.
 */
import type { Element } from 'domhandler';
import type { VisibleText } from '../text/visible-text';

export interface Sentence {
  /** 48-bit hash, safe as a JS number and a SQLite integer. */
  hash: number;
  start: number;
  end: number;
}

export interface PagePrints {
  /** SimHash64 of the visible text as 16 hex digits. */
  simhash: string;
  /** MinHash signature (SHAPE_HASHES unsigned 32-bit values) of the DOM shape. */
  shape: Uint32Array;
  sentences: Sentence[];
}

export const SHAPE_HASHES = 64;
const MIN_SENTENCE = 10;
const MAX_SENTENCES = 400;

const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SECOND_SEED = 0x9747b28c;

function fnv1a(s: string, seed = FNV_BASIS): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h >>> 0;
}

/** A second, independent 32-bit hash (murmur3's finaliser over FNV with another seed). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;

/**
 * Per BMP code unit, what the prints keep of it: 0 not yet asked, DROPPED (not a letter or digit:
 * whitespace, punctuation and markup changes are not content changes), CONTEXTUAL (lower-cased
 * differently in a word or to more than one unit: Σ, İ), or KEPT + the lower-cased unit. Each
 * unit is asked once a process: the Unicode-property pattern over every character, and then a
 * lower-cased copy of the text and of each sentence, cost as much as the hashing.
 */
const FOLDED = new Int32Array(0x10000);
const DROPPED = 1;
const CONTEXTUAL = 2;
const KEPT = 3;

function foldUnit(c: number): number {
  let f = FOLDED[c]!;
  if (f === 0) {
    const ch = String.fromCharCode(c);
    if (!WORD_CHAR.test(ch)) f = DROPPED;
    else {
      const lower = ch.toLowerCase();
      f = lower.length !== 1 || c === 0x3a3 ? CONTEXTUAL : KEPT + lower.charCodeAt(0);
    }
    FOLDED[c] = f;
  }
  return f;
}

/**
 * Where a text's core is read, reused from page to page; a text longer than this (a hostile page's
 * megabytes) gets an array of its own for the one read, which the process then drops.
 */
const SCRATCH_UNITS = 1 << 16;
const scratch = new Int32Array(SCRATCH_UNITS);

/** The code units of a text's core (letters and digits, lower-cased), as `core()` lists them. */
interface CoreUnits {
  units: Int32Array;
  n: number;
}

/**
 * Reads the core of `s[from, to)` one character at a time, each folded by the table; where a
 * character's lower-casing depends on its neighbours (only the whole string's toLowerCase() gets
 * those right), the slice is read through `core()` instead.
 */
function coreUnits(s: string, from: number, to: number): CoreUnits {
  // A BMP character folds to one unit or none; a surrogate pair lower-cases to a pair.
  const units = to - from <= SCRATCH_UNITS ? scratch : new Int32Array(to - from);
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        const pair = s.slice(i, i + 2);
        if (WORD_CHAR.test(pair)) {
          const lower = pair.toLowerCase();
          for (let k = 0; k < lower.length; k++) units[n++] = lower.charCodeAt(k);
        }
        i++;
        continue;
      }
    }
    const f = foldUnit(c);
    if (f === DROPPED) continue;
    if (f === CONTEXTUAL) return coreUnitsOf(core(s.slice(from, to)));
    units[n++] = f - KEPT;
  }
  return { units, n };
}

function coreUnitsOf(c: string): CoreUnits {
  const units = new Int32Array(c.length);
  for (let i = 0; i < c.length; i++) units[i] = c.charCodeAt(i);
  return { units, n: c.length };
}

/**
 * Letters, digits and CJK only, lower-cased as one string: the text the prints are taken of, as
 * defined. Read this way only where a character's lower-casing depends on its neighbours.
 */
function core(s: string): string {
  let out = '';
  for (const ch of s) if (WORD_CHAR.test(ch)) out += ch;
  return out.toLowerCase();
}

/** The 48-bit hash of a sentence's core, read from the text without copying it. */
function sentenceHash(text: string, from: number, to: number): number | undefined {
  const { units, n } = coreUnits(text, from, to);
  if (n < MIN_SENTENCE) return undefined;
  let a = FNV_BASIS;
  let b = SECOND_SEED;
  for (let i = 0; i < n; i++) {
    const u = units[i]!;
    a = Math.imul(a ^ u, FNV_PRIME) >>> 0;
    b = Math.imul(b ^ u, FNV_PRIME) >>> 0;
  }
  return (a & 0xffff) * 0x100000000 + mix(b);
}

/** Sentences of the visible text (split at 。！？；and line ends), with offsets, long ones only. */
export function sentencesOf(text: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[^。！？；!?;\n]+[。！？；!?;]?/g;
  for (const m of text.matchAll(re)) {
    const hash = sentenceHash(text, m.index, m.index + m[0].length);
    if (hash === undefined) continue;
    const lead = m[0].length - m[0].trimStart().length;
    out.push({ hash, start: m.index + lead, end: m.index + m[0].trimEnd().length });
    if (out.length >= MAX_SENTENCES) break;
  }
  return out;
}

/**
 * Each 3-gram's 64 hash bits vote ±1 per bit. The votes are counted per byte value instead (8
 * counts a gram, not 64 additions) and turned into per-bit sums once at the end: the same sums.
 */
export function simhash64(text: string): string {
  const { units, n } = coreUnits(text, 0, text.length);
  const grams = Math.max(0, n - 2);
  const bytes = new Int32Array(8 * 256);
  for (let i = 0; i < grams; i++) {
    let lo = Math.imul(FNV_BASIS ^ units[i]!, FNV_PRIME) >>> 0;
    lo = Math.imul(lo ^ units[i + 1]!, FNV_PRIME) >>> 0;
    lo = Math.imul(lo ^ units[i + 2]!, FNV_PRIME) >>> 0;
    const hi = mix(lo ^ 0x5bd1e995);
    bytes[lo & 0xff]!++;
    bytes[256 + ((lo >>> 8) & 0xff)]!++;
    bytes[512 + ((lo >>> 16) & 0xff)]!++;
    bytes[768 + (lo >>> 24)]!++;
    bytes[1024 + (hi & 0xff)]!++;
    bytes[1280 + ((hi >>> 8) & 0xff)]!++;
    bytes[1536 + ((hi >>> 16) & 0xff)]!++;
    bytes[1792 + (hi >>> 24)]!++;
  }
  // Bit b of the 64 is bit (b % 8) of byte b >> 3; its sum is (grams with it set) - (without).
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 64; b++) {
    let set = 0;
    const base = (b >> 3) * 256;
    // The byte values with this bit set come in runs of `run`, every 2 * run.
    const run = 1 << (b & 7);
    for (let from = base + run; from < base + 256; from += 2 * run) for (let v = from; v < from + run; v++) set += bytes[v]!;
    if (2 * set - grams > 0) {
      if (b < 32) lo |= 1 << b;
      else hi |= 1 << (b - 32);
    }
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export function hamming64(a: string, b: string): number {
  return popcount32((parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) >>> 0) + popcount32((parseInt(a.slice(8), 16) ^ parseInt(b.slice(8), 16)) >>> 0);
}

function pathOf(el: Element | undefined): string {
  const parts: string[] = [];
  for (let e: Element | null | undefined = el; e && e.type === 'tag' && parts.length < 8; e = e.parent as Element | null) {
    const cls = (e.attribs['class'] ?? '').trim().split(/\s+/)[0] ?? '';
    parts.push(cls ? `${e.name}.${cls}` : e.name);
  }
  return parts.reverse().join('>');
}

/** MinHash of the set of tag paths that hold text: two pages of one template share most of them. */
export function shapeOf(vt: VisibleText): Uint32Array {
  const sig = new Uint32Array(SHAPE_HASHES).fill(0xffffffff);
  const seen = new Set<string>();
  for (const s of vt.segments) {
    const p = pathOf(s.element);
    if (!p || seen.has(p)) continue;
    seen.add(p);
    const base = fnv1a(p);
    for (let j = 0; j < SHAPE_HASHES; j++) {
      const h = mix((base ^ Math.imul(j + 1, 0x9e3779b1)) >>> 0);
      if (h < sig[j]!) sig[j] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two shapes (0..1); 0 when either page holds no text. */
export function shapeSimilarity(a: Uint32Array, b: Uint32Array): number {
  if (a[0] === 0xffffffff || b[0] === 0xffffffff) return 0;
  let same = 0;
  for (let j = 0; j < SHAPE_HASHES; j++) if (a[j] === b[j]) same++;
  return same / SHAPE_HASHES;
}

export function printsOf(vt: VisibleText): PagePrints {
  return { simhash: simhash64(vt.text), shape: shapeOf(vt), sentences: sentencesOf(vt.text) };
}
