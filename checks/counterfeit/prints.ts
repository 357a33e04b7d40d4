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

function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
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

function hash48(s: string): number {
  const a = fnv1a(s);
  const b = mix(fnv1a(s, 0x9747b28c));
  return (a & 0xffff) * 0x100000000 + b;
}

/**
 * Whether a BMP code unit is a letter or digit (\p{L} or \p{N}): 1 yes, 2 no, 0 not yet asked. The
 * Unicode-property pattern run over every character cost as much as the hashing; each character is
 * now asked once a process, and surrogate pairs every time.
 */
const wordChars = new Uint8Array(0x10000);
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
function isWordUnit(c: number): boolean {
  let known = wordChars[c]!;
  if (known === 0) known = wordChars[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1;
}

/** Letters, digits and CJK only: whitespace, punctuation and markup changes are not content changes. */
function core(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let keep = isWordUnit(c);
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        width = 2;
        keep = WORD_CHAR.test(s.slice(i, i + 2));
      }
    }
    if (!keep) {
      if (i > from) out += s.slice(from, i);
      from = i + width;
    }
    i += width - 1;
  }
  if (from === 0) return s.toLowerCase();
  return (out + s.slice(from)).toLowerCase();
}

/** Sentences of the visible text (split at 。！？；and line ends), with offsets, long ones only. */
export function sentencesOf(text: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[^。！？；!?;\n]+[。！？；!?;]?/g;
  for (const m of text.matchAll(re)) {
    const c = core(m[0]);
    if (c.length < MIN_SENTENCE) continue;
    const lead = m[0].length - m[0].trimStart().length;
    out.push({ hash: hash48(c), start: m.index + lead, end: m.index + m[0].trimEnd().length });
    if (out.length >= MAX_SENTENCES) break;
  }
  return out;
}

/**
 * Each 3-gram's 64 hash bits vote ±1 per bit. The votes are counted per byte value instead (8
 * counts a gram, not 64 additions) and turned into per-bit sums once at the end: the same sums.
 */
export function simhash64(text: string): string {
  const c = core(text);
  const grams = Math.max(0, c.length - 2);
  const bytes = new Int32Array(8 * 256);
  for (let i = 0; i < grams; i++) {
    let lo = 0x811c9dc5;
    for (let k = i; k < i + 3; k++) lo = Math.imul(lo ^ c.charCodeAt(k), 0x01000193) >>> 0;
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
    for (let v = 0; v < 256; v++) if ((v >> (b & 7)) & 1) set += bytes[base + v]!;
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
