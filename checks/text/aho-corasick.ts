/**
 * Multi-term matching (Aho-Corasick) that normalises while it scans, so a match is reported at
 * the offsets the reader sees and no normalised copy of the page is ever built.
 *
 * Layout: the trie is built breadth-first from the sorted terms, so every node's children are
 * consecutive ids sorted by character. A node is then four numbers in typed arrays (first child,
 * child count, failure link, output) and a lookup is a binary search over a few labels; the root,
 * which nearly every character of ordinary text returns to, has a direct 64 Ki table. This keeps
 * 60,000 terms in a few MB and builds them without one Map per node.
 */
import { foldWidthChar, isInvisible } from './normalize';
import t2s from '../../wordlists/generated/t2s-chars.json';

export interface ScanOptions {
  /**
   * Skip up to `maxNoise` noise characters (spaces, ASCII and CJK punctuation) inside a match:
   * 赌﹡博, 赌 博. For lists that chase evasion (prohibited content) only; never for typos,
   * where a space or comma between two characters changes what the text says.
   */
  skipNoise?: boolean;
  maxNoise?: number;
  /**
   * Match traditional characters as simplified (character for character, so offsets hold). For
   * prohibited content only: on wording rules 繁简混用 is itself an error and must stay visible.
   */
  simplify?: boolean;
}

/** Character classes, one table lookup per character while scanning. */
const LINE_BREAK = 1; // a line is a block: a match never spans two
const INVISIBLE = 2;
const NOISE = 4;
const CLASS = new Uint8Array(0x10000);
/** The folding applied to both terms and text: full-width ASCII to ASCII, ASCII upper to lower case. */
const FOLD = new Uint16Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  const w = foldWidthChar(c);
  FOLD[c] = w >= 0x41 && w <= 0x5a ? w + 0x20 : w;
  if (isInvisible(c)) CLASS[c] = INVISIBLE;
}
for (const c of [0x0a, 0x0d, 0x09, 0x2028, 0x2029]) CLASS[c] = LINE_BREAK;
for (const ch of ' \u00a0*·.,_-|/\\~@#+=^`\'"!?:;()[]{}<>，。、；：？！…—～·‘’“”「」『』（）【】《》〈〉\u3000') {
  CLASS[ch.charCodeAt(0)] = NOISE;
}
for (let c = 0xff01; c <= 0xff5e; c++) if (CLASS[FOLD[c]!] === NOISE) CLASS[c] = NOISE;

/** FOLD followed by traditional -> simplified, built on first use. */
let foldSimplified: Uint16Array | undefined;
function simplifiedFold(): Uint16Array {
  if (!foldSimplified) {
    foldSimplified = FOLD.slice();
    const pairs = t2s.pairs;
    for (let i = 0; i + 1 < pairs.length; i += 2) foldSimplified[pairs.charCodeAt(i)] = pairs.charCodeAt(i + 1);
  }
  return foldSimplified;
}

export function isNoise(code: number): boolean {
  return CLASS[code] === NOISE;
}

export function foldChar(code: number): number {
  return FOLD[code]!;
}

/** A term as matched: folded, invisible characters dropped, and noise dropped when the scan skips it. */
export function foldTerm(term: string, skipNoise: boolean, simplify = false): string {
  const fold = simplify ? simplifiedFold() : FOLD;
  let out = '';
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    if (CLASS[c] === INVISIBLE) continue;
    const f = fold[c]!;
    if (skipNoise && CLASS[f] === NOISE) continue;
    out += String.fromCharCode(f);
  }
  return out;
}

export interface TermHit {
  /** Offsets in the scanned (original) text; `end` exclusive. */
  start: number;
  end: number;
  /** Index of the term in the array given to `build`. */
  term: number;
}

export class TermAutomaton {
  private readonly rootNext: Int32Array;
  /**
   * One bit per raw character that can leave the root (it starts a term, or is a line break, an
   * invisible or a noise character the loop must see): from the root, every other character stays
   * there and is read from this 8 KB instead of the 256 KB root table and the fold table — most of a
   * page, for a list of a few hundred terms.
   */
  private readonly leavesRoot: Uint32Array;
  private readonly label: Uint16Array;
  private readonly firstChild: Int32Array;
  private readonly childCount: Int32Array;
  private readonly fail: Int32Array;
  /** First term ending at this node, or -1. */
  private readonly output: Int32Array;
  /** Nearest node on the failure chain that has an output, or -1. */
  private readonly outLink: Int32Array;
  /** Terms with the same folded form chain here (term -> next term with the same form). */
  private readonly sameForm: Int32Array;
  private readonly termLength: Int32Array;
  readonly maxLength: number;
  readonly size: number;
  private readonly opts: Required<ScanOptions>;
  private readonly fold: Uint16Array;

  /**
   * Terms that fold to the empty string are ignored (they could match everywhere); duplicates
   * after folding each report their own index.
   */
  constructor(terms: readonly string[], opts: ScanOptions = {}) {
    this.opts = { skipNoise: opts.skipNoise ?? false, maxNoise: opts.maxNoise ?? 2, simplify: opts.simplify ?? false };
    this.fold = this.opts.simplify ? simplifiedFold() : FOLD;
    const folded = terms.map((t) => foldTerm(t, this.opts.skipNoise, this.opts.simplify));
    const order = folded.map((_, i) => i).filter((i) => folded[i]!.length > 0);
    order.sort((a, b) => (folded[a]! < folded[b]! ? -1 : folded[a]! > folded[b]! ? 1 : a - b));

    let capacity = 1;
    for (const i of order) capacity += folded[i]!.length;
    const label = new Uint16Array(capacity);
    const firstChild = new Int32Array(capacity).fill(-1);
    const childCount = new Int32Array(capacity);
    const output = new Int32Array(capacity).fill(-1);
    const depth = new Int32Array(capacity);
    const sameForm = new Int32Array(terms.length).fill(-1);
    const termLength = new Int32Array(terms.length);
    // Each queued node is the range of sorted terms sharing its prefix.
    const lo = new Int32Array(capacity);
    const hi = new Int32Array(capacity);
    lo[0] = 0;
    hi[0] = order.length;
    let nodes = 1;
    let maxLength = 0;
    for (let node = 0; node < nodes; node++) {
      const d = depth[node]!;
      let i = lo[node]!;
      const end = hi[node]!;
      // Terms that end exactly here come first in sorted order.
      let last = -1;
      while (i < end && folded[order[i]!]!.length === d) {
        const t = order[i]!;
        termLength[t] = d;
        if (last === -1) output[node] = t;
        else sameForm[last] = t;
        last = t;
        maxLength = Math.max(maxLength, d);
        i++;
      }
      while (i < end) {
        const c = folded[order[i]!]!.charCodeAt(d);
        let j = i + 1;
        while (j < end && folded[order[j]!]!.charCodeAt(d) === c) j++;
        const child = nodes++;
        if (firstChild[node] === -1) firstChild[node] = child;
        childCount[node]!++;
        label[child] = c;
        depth[child] = d + 1;
        lo[child] = i;
        hi[child] = j;
        i = j;
      }
    }

    this.label = label.subarray(0, nodes);
    this.firstChild = firstChild.subarray(0, nodes);
    this.childCount = childCount.subarray(0, nodes);
    this.output = output.subarray(0, nodes);
    this.sameForm = sameForm;
    this.termLength = termLength;
    this.maxLength = maxLength;
    this.size = nodes;

    this.rootNext = new Int32Array(0x10000);
    for (let k = 0; k < childCount[0]!; k++) this.rootNext[label[firstChild[0]! + k]!] = firstChild[0]! + k;
    this.leavesRoot = new Uint32Array(0x10000 >>> 5);
    for (let raw = 0; raw < 0x10000; raw++) {
      if (CLASS[raw] !== 0 || this.rootNext[this.fold[raw]!] !== 0) this.leavesRoot[raw >>> 5] = this.leavesRoot[raw >>> 5]! | (1 << (raw & 31));
    }

    // Node ids are in breadth-first order, so every failure link points at an already finished node.
    const fail = new Int32Array(nodes);
    const outLink = new Int32Array(nodes).fill(-1);
    for (let node = 0; node < nodes; node++) {
      const first = firstChild[node]!;
      for (let k = 0; k < childCount[node]!; k++) {
        const child = first + k;
        if (node === 0) {
          fail[child] = 0;
        } else {
          const c = label[child]!;
          let f = fail[node]!;
          let next = this.child(f, c);
          while (next === 0 && f !== 0) {
            f = fail[f]!;
            next = this.child(f, c);
          }
          fail[child] = next;
        }
        const f = fail[child]!;
        outLink[child] = output[f] !== -1 ? f : outLink[f]!;
      }
    }
    this.fail = fail;
    this.outLink = outLink;
  }

  /** Child of `node` labelled `c`, or 0 (the root) when there is none. */
  private child(node: number, c: number): number {
    if (node === 0) return this.rootNext[c]!;
    let a = this.firstChild[node]!;
    let b = a + this.childCount[node]! - 1;
    const label = this.label;
    while (a <= b) {
      const m = (a + b) >>> 1;
      const l = label[m]!;
      if (l === c) return m;
      if (l < c) a = m + 1;
      else b = m - 1;
    }
    return 0;
  }

  /** Every occurrence of every term (overlaps included), in order of end offset. */
  scan(text: string, onHit: (start: number, end: number, term: number) => void): void {
    const { skipNoise, maxNoise } = this.opts;
    // Original offsets of the last `mask + 1` characters fed to the automaton.
    let ringSize = 1;
    while (ringSize < this.maxLength + 1) ringSize <<= 1;
    const ring = new Int32Array(ringSize);
    const mask = ringSize - 1;
    let fed = 0;
    let state = 0;
    let noise = 0;
    const fail = this.fail;
    const output = this.output;
    const outLink = this.outLink;
    const rootNext = this.rootNext;
    const fold = this.fold;
    const leavesRoot = this.leavesRoot;
    for (let i = 0; i < text.length; i++) {
      const raw = text.charCodeAt(i);
      // A character that stays at the root is part of no match: nothing to record (matches are
      // read back from the characters fed since the root was last left).
      if (state === 0 && (leavesRoot[raw >>> 5]! & (1 << (raw & 31))) === 0) continue;
      const cls = CLASS[raw]!;
      if (cls !== 0) {
        if (cls === LINE_BREAK) {
          state = 0;
          continue;
        }
        if (cls === INVISIBLE) continue;
        if (skipNoise) {
          if (state !== 0 && ++noise > maxNoise) state = 0;
          continue;
        }
      }
      noise = 0;
      const c = fold[raw]!;
      let next = state === 0 ? rootNext[c]! : this.child(state, c);
      while (next === 0 && state !== 0) {
        state = fail[state]!;
        next = state === 0 ? rootNext[c]! : this.child(state, c);
      }
      state = next;
      ring[fed & mask] = i;
      fed++;
      if (state === 0) continue;
      let o = output[state] !== -1 ? state : outLink[state]!;
      while (o !== -1) {
        for (let t = output[o]!; t !== -1; t = this.sameForm[t]!) {
          const len = this.termLength[t]!;
          onHit(ring[(fed - len) & mask]!, i + 1, t);
        }
        o = outLink[o]!;
      }
    }
  }

  /** Convenience: all hits as objects. */
  hits(text: string): TermHit[] {
    const out: TermHit[] = [];
    this.scan(text, (start, end, term) => out.push({ start, end, term }));
    return out;
  }
}
