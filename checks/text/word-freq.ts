/**
 * Word frequencies for the typo tier: how often a 2-, 3- or 4-character word occurs (jieba's
 * dictionary, read by the pipeline and handed to the checks), how often each character occurs in
 * words, and the 2- and 3-character sequences government text uses often (a generated list from
 * the clean corpus). Words live in an open-addressing table keyed by their character codes, so a
 * lookup is a few integer operations, not a string slice and a Map probe: the tier runs on every
 * page and looks up about ten words per character.
 */

/**
 * Tables live in shared memory: a check thread reads the run thread's tables (WordFrequencies.shared)
 * instead of building its own ~15 MB and spending a second on it.
 */
export function sharedArray<T>(Kind: { new (buffer: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number }, length: number): T {
  return new Kind(new SharedArrayBuffer(length * Kind.BYTES_PER_ELEMENT));
}

/** A table as plain data over shared memory, for another thread to read. */
export interface TableState {
  cells: Uint32Array;
  used: number;
}

/** murmur3's finaliser over a (hi, lo) key pair: every key bit reaches every bit of the result. */
export function mixPair(hi: number, lo: number): number {
  let h = lo ^ Math.imul(hi, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Open addressing over (hi, lo) 32-bit key pairs with 32-bit values; 0 means absent. A slot's key
 * and value sit side by side, so a probe into a table of megabytes costs one cache miss, not three.
 */
export class IntTable {
  private cells: Uint32Array;
  private mask: number;
  private used = 0;

  /**
   * @param fill how full the table may get before it doubles: 60% by default — a miss then reads ~3
   *   neighbouring slots, mostly one cache line, and the tables stay small enough to share the caches
   *   (at 50%, the 3-character words, 131,321 of them, took 6 MB instead of 3)
   */
  constructor(
    capacity = 1 << 16,
    private readonly fill = 0.6,
  ) {
    const size = 1 << Math.ceil(Math.log2(Math.max(16, capacity)));
    this.cells = sharedArray(Uint32Array, size * 3);
    this.mask = size - 1;
  }

  get state(): TableState {
    return { cells: this.cells, used: this.used };
  }

  static from(state: TableState): IntTable {
    const t = new IntTable(16);
    t.cells = state.cells;
    t.mask = state.cells.length / 3 - 1;
    t.used = state.used;
    return t;
  }

  get size(): number {
    return this.used;
  }

  /** The cell index (a multiple of 3) holding the key, or the empty one where it would go. */
  private slot(hi: number, lo: number): number {
    const h = mixPair(hi, lo);
    const cells = this.cells;
    let i = h & this.mask;
    for (;;) {
      const at = i * 3;
      if (cells[at + 2] === 0 || (cells[at] === hi && cells[at + 1] === lo)) return at;
      i = (i + 1) & this.mask;
    }
  }

  get(hi: number, lo: number): number {
    return this.cells[this.slot(hi, lo) + 2]!;
  }

  set(hi: number, lo: number, v: number): void {
    if (this.used + 1 > this.mask * this.fill) this.grow();
    const at = this.slot(hi, lo);
    if (this.cells[at + 2] === 0) this.used++;
    this.cells[at] = hi;
    this.cells[at + 1] = lo;
    this.cells[at + 2] = Math.max(1, Math.min(v, 0x7fffffff));
  }

  private grow(): void {
    const old = this.cells;
    const size = (this.mask + 1) * 2;
    this.cells = sharedArray(Uint32Array, size * 3);
    this.mask = size - 1;
    this.used = 0;
    for (let at = 0; at < old.length; at += 3) if (old[at + 2] !== 0) this.set(old[at]!, old[at + 1]!, old[at + 2]!);
  }
}

/**
 * Open addressing over one 32-bit key (a 2-character word's two codes) with its value beside it:
 * 8 bytes a slot, so the 2-character words — the lookup made at every character of a page — fit a
 * table a third the size of the shared one, and stay in cache.
 */
export class PairTable {
  private cells: Uint32Array;
  private mask: number;
  private shift: number;
  private used = 0;

  constructor(capacity = 1 << 16) {
    const bits = Math.ceil(Math.log2(Math.max(16, capacity)));
    this.cells = sharedArray(Uint32Array, 2 << bits);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }

  get state(): TableState {
    return { cells: this.cells, used: this.used };
  }

  static from(state: TableState): PairTable {
    const t = new PairTable(16);
    const bits = Math.log2(state.cells.length / 2);
    t.cells = state.cells;
    t.mask = (1 << bits) - 1;
    t.shift = 32 - bits;
    t.used = state.used;
    return t;
  }

  get size(): number {
    return this.used;
  }

  private slot(key: number): number {
    // Fibonacci hashing: the product's high bits depend on every bit of the key.
    const cells = this.cells;
    let i = Math.imul(key ^ (key >>> 16), 0x9e3779b1) >>> this.shift;
    for (;;) {
      const at = i * 2;
      if (cells[at + 1] === 0 || cells[at] === key) return at;
      i = (i + 1) & this.mask;
    }
  }

  get(key: number): number {
    return this.cells[this.slot(key) + 1]!;
  }

  set(key: number, v: number): void {
    if ((this.used + 1) * 2 > this.mask) this.grow();
    const at = this.slot(key);
    if (this.cells[at + 1] === 0) this.used++;
    this.cells[at] = key;
    this.cells[at + 1] = Math.max(1, Math.min(v, 0x7fffffff));
  }

  private grow(): void {
    const old = this.cells;
    const size = (this.mask + 1) * 2;
    this.cells = sharedArray(Uint32Array, size * 2);
    this.mask = size - 1;
    this.shift--;
    this.used = 0;
    for (let at = 0; at < old.length; at += 2) if (old[at + 1] !== 0) this.set(old[at]!, old[at + 1]!);
  }
}

const TWO = 0x10000;
const THREE = 0x20000;

/** WordFrequencies as plain data over shared memory: what a check thread is given to read. */
export interface SharedWordFrequencies {
  two: TableState;
  three: TableState;
  four: TableState;
  usualSeq: TableState;
  chars: Float64Array;
  single: Float64Array;
  candidates: string[];
  total: number;
  frequentAt: number;
  candidateAt: number;
}

export class WordFrequencies {
  private readonly two: PairTable;
  private readonly three: IntTable;
  private readonly four: IntTable;
  private readonly usualSeq: IntTable;
  /** Character code → summed frequency of the words it is in (indexed, not a Map: read at every character of a page). */
  readonly chars: Float64Array;
  /** Character code → its frequency as a word of its own. */
  readonly single: Float64Array;
  /** The 2- and 3-character words of frequency ≥ `candidateAt`: what a typo could have meant. */
  readonly candidates: string[];
  /** The summed frequency of every word: the denominator of a word's probability. */
  total: number;

  /**
   * @param frequentAt a word this frequent is one nobody would mistype (the list tiers' test)
   * @param candidateAt a word this frequent may be what a typo meant
   * @param shared another thread's tables, read in place (fromShared)
   */
  constructor(readonly frequentAt = 500, readonly candidateAt = 50, shared?: SharedWordFrequencies) {
    this.two = shared ? PairTable.from(shared.two) : new PairTable(1 << 18);
    this.three = shared ? IntTable.from(shared.three) : new IntTable(1 << 18);
    this.four = shared ? IntTable.from(shared.four) : new IntTable(1 << 17);
    this.usualSeq = shared ? IntTable.from(shared.usualSeq) : new IntTable(1 << 17);
    this.chars = shared?.chars ?? sharedArray(Float64Array, 0x10000);
    this.single = shared?.single ?? sharedArray(Float64Array, 0x10000);
    this.candidates = shared?.candidates ?? [];
    this.total = shared?.total ?? 0;
  }

  /** The tables as they are, for another thread to read without building its own (nothing is added after). */
  shared(): SharedWordFrequencies {
    const { two, three, four, usualSeq, chars, single, candidates, total, frequentAt, candidateAt } = this;
    return { two: two.state, three: three.state, four: four.state, usualSeq: usualSeq.state, chars, single, candidates, total, frequentAt, candidateAt };
  }

  static fromShared(s: SharedWordFrequencies): WordFrequencies {
    return new WordFrequencies(s.frequentAt, s.candidateAt, s);
  }

  get wordCount(): number {
    return this.two.size + this.three.size + this.four.size;
  }

  /** Frequency of a 2-character word (0: not a word). */
  word2(a: number, b: number): number {
    return this.two.get(((a << 16) | b) >>> 0);
  }

  word3(a: number, b: number, c: number): number {
    return this.three.get(THREE | a, ((b << 16) | c) >>> 0);
  }

  word4(a: number, b: number, c: number, d: number): number {
    return this.four.get(((a << 16) | b) >>> 0, ((c << 16) | d) >>> 0);
  }

  usual2(a: number, b: number): boolean {
    return this.usualSeq.get(TWO, ((a << 16) | b) >>> 0) !== 0;
  }

  usual3(a: number, b: number, c: number): boolean {
    return this.usualSeq.get(THREE | a, ((b << 16) | c) >>> 0) !== 0;
  }

  add(word: string, freq: number): void {
    if (!/^[\u4e00-\u9fff]+$/.test(word)) return;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      this.chars[c] = this.chars[c]! + freq;
    }
    this.total += freq;
    const c0 = word.charCodeAt(0);
    if ((word.length === 2 || word.length === 3) && freq >= this.candidateAt) this.candidates.push(word);
    if (word.length === 1) this.single[c0] = freq;
    else if (word.length === 2) this.two.set(((c0 << 16) | word.charCodeAt(1)) >>> 0, Math.max(freq, this.word2(c0, word.charCodeAt(1))));
    else if (word.length === 3) this.three.set(THREE | c0, ((word.charCodeAt(1) << 16) | word.charCodeAt(2)) >>> 0, Math.max(freq, this.word3(c0, word.charCodeAt(1), word.charCodeAt(2))));
    else if (word.length === 4) {
      const [b, c, d] = [word.charCodeAt(1), word.charCodeAt(2), word.charCodeAt(3)];
      this.four.set(((c0 << 16) | b) >>> 0, ((c << 16) | d) >>> 0, Math.max(freq, this.word4(c0, b, c, d)));
    }
  }

  addUsual(sequences: string, length: 2 | 3): void {
    for (let i = 0; i + length <= sequences.length; i += length) {
      const a = sequences.charCodeAt(i);
      if (length === 2) this.usualSeq.set(TWO, ((a << 16) | sequences.charCodeAt(i + 1)) >>> 0, 1);
      else this.usualSeq.set(THREE | a, ((sequences.charCodeAt(i + 1) << 16) | sequences.charCodeAt(i + 2)) >>> 0, 1);
    }
  }
}
