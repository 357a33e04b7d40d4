/**
 * How likely a run of Chinese reads, as the best segmentation into dictionary words under a word
 * unigram model (jieba's frequencies; the sequences government text uses often count as rare
 * words, so 扬尘 and 思政 are not unknown) — and how much likelier it reads with one character
 * changed. The forward and backward best scores are computed once per run of Han characters, when
 * a candidate first needs them; a changed character only alters the words that cover it, so
 * scoring a candidate is one probe per covering word (ten at most), not a new segmentation.
 */
import type { WordFrequencies } from './word-freq';

/** A sequence government text uses often but the dictionary lacks, counted as this frequent. */
const USUAL_FREQ = 20;
/** An unknown single character: half a count, and a further e⁻³ for standing outside every word. */
const UNKNOWN_PENALTY = Math.log(0.5) - 3;
const MAX_WORD = 4;

export class WordLattice {
  private readonly fwd: Float64Array;
  private readonly bwd: Float64Array;
  /** For each position, the end of the run of Han characters it is in (-1: not segmented yet). */
  private readonly runEnd: Int32Array;
  private readonly runStart: Int32Array;
  private words = new Float64Array(64 * MAX_WORD);
  private readonly logTotal: number;
  /** The word the last scored change was read in: [wordStart, wordEnd). */
  wordStart = 0;
  wordEnd = 0;

  /**
   * @param pairs the frequency of the 2-character word at each position, where the caller already
   *   has it (pairFrequencies): the lattice then reads its unchanged 2-character words from there, not
   *   from a table of megabytes
   */
  constructor(
    private readonly codes: Uint16Array,
    private readonly isHan: Uint8Array,
    private readonly f: WordFrequencies,
    private readonly pairs?: Uint32Array,
  ) {
    const n = codes.length;
    this.logTotal = Math.log(Math.max(1, f.total));
    this.fwd = new Float64Array(n + 1);
    this.bwd = new Float64Array(n + 1);
    this.runEnd = new Int32Array(n).fill(-1);
    this.runStart = new Int32Array(n);
  }

  /** Segments the run through i on first use: most runs of a page never hold a candidate. */
  private run(i: number): void {
    if (this.runEnd[i] !== -1) return;
    let a = i;
    let b = i;
    while (a > 0 && this.isHan[a - 1]) a--;
    while (b < this.codes.length && this.isHan[b]) b++;
    for (let k = a; k < b; k++) {
      this.runStart[k] = a;
      this.runEnd[k] = b;
    }
    // Both passes read the same words (every word inside the run); each is looked up once. The
    // tables are megabytes probed at random, so a lookup is a cache miss, the cost of this method.
    const lp = this.runWords(b - a);
    for (let s = a; s < b; s++) for (let len = 1; len <= MAX_WORD && s + len <= b; len++) lp[(s - a) * MAX_WORD + len - 1] = this.wordLogp(s, len, -1, 0);
    const { fwd, bwd } = this;
    fwd[a] = 0;
    for (let j = a + 1; j <= b; j++) {
      let best = -Infinity;
      for (let len = 1; len <= MAX_WORD && j - len >= a; len++) {
        const v = fwd[j - len]! + lp[(j - len - a) * MAX_WORD + len - 1]!;
        if (v > best) best = v;
      }
      fwd[j] = best;
    }
    bwd[b] = 0;
    for (let j = b - 1; j >= a; j--) {
      let best = -Infinity;
      for (let len = 1; len <= MAX_WORD && j + len <= b; len++) {
        const v = lp[(j - a) * MAX_WORD + len - 1]! + bwd[j + len]!;
        if (v > best) best = v;
      }
      bwd[j] = best;
    }
  }

  /** Scratch for one run's word log-probabilities, MAX_WORD a position, grown as runs need. */
  private runWords(length: number): Float64Array {
    if (this.words.length < length * MAX_WORD) this.words = new Float64Array(length * MAX_WORD * 2);
    return this.words;
  }

  /**
   * The best log-probability of codes[s, s+len) read alone, split any way: with wordLogp, an upper
   * bound on what reading one word there can gain, cheap enough to try before gainWith.
   */
  spanLogp(s: number, len: number): number {
    let best = -Infinity;
    // Every split of a span of at most 3 characters: the whole, 1+rest, rest+1, 1+1+1.
    best = Math.max(best, this.wordLogp(s, len, -1, 0));
    if (len >= 2) {
      best = Math.max(best, this.wordLogp(s, 1, -1, 0) + this.spanLogp(s + 1, len - 1));
      if (len === 3) best = Math.max(best, this.wordLogp(s, 2, -1, 0) + this.wordLogp(s + 2, 1, -1, 0));
    }
    return best;
  }

  /** The log-probability of the word codes[s, s+len), with `alt` read at position `at` (-1: none). */
  wordLogp(s: number, len: number, at: number, alt: number): number {
    const c = this.codes;
    const f = this.f;
    const x = s === at ? alt : c[s]!;
    let freq: number;
    if (len === 1) {
      freq = f.single[x]!;
      return freq > 0 ? Math.log(freq) - this.logTotal : UNKNOWN_PENALTY - this.logTotal;
    }
    const y = s + 1 === at ? alt : c[s + 1]!;
    if (len === 2) freq = (this.pairs && at !== s && at !== s + 1 ? this.pairs[s]! : f.word2(x, y)) || (f.usual2(x, y) ? USUAL_FREQ : 0);
    else {
      const z = s + 2 === at ? alt : c[s + 2]!;
      if (len === 3) freq = f.word3(x, y, z) || (f.usual3(x, y, z) ? USUAL_FREQ : 0);
      else freq = f.word4(x, y, z, s + 3 === at ? alt : c[s + 3]!);
    }
    return freq > 0 ? Math.log(freq) - this.logTotal : -Infinity;
  }

  /** How much likelier (natural log) the run through position i reads with `alt` there; the word it is read in is left in wordStart/wordEnd. */
  gainWith(i: number, alt: number): number {
    this.run(i);
    const a = this.runStart[i]!;
    const b = this.runEnd[i]!;
    let best = -Infinity;
    let start = i;
    let end = i + 1;
    for (let len = 1; len <= MAX_WORD; len++) {
      for (let s = Math.max(a, i - len + 1); s <= i && s + len <= b; s++) {
        const lp = this.wordLogp(s, len, i, alt);
        if (lp === -Infinity) continue;
        const v = this.fwd[s]! + lp + this.bwd[s + len]!;
        if (v > best) {
          best = v;
          start = s;
          end = s + len;
        }
      }
    }
    this.wordStart = start;
    this.wordEnd = end;
    return best - this.fwd[b]!;
  }
}
