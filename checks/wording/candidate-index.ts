/**
 * The candidate words of the typo tier by the characters they keep and the group (sound or shape)
 * of the one left open: "which words have 高 first and a second character sounding like 登" is one
 * integer-keyed probe, so a position costs a few probes rather than one per look- or sound-alike
 * and window. Both halves of the tier build one, each from the words it may suggest.
 */
import { IntTable, mixPair, sharedArray, type TableState, type WordFrequencies } from '../text/word-freq';

/**
 * Filter bits per candidate key (at least; the size is a power of two). Each key sets two bits of one
 * 32-bit word (a blocked filter), so a probe reads one word, and fewer probes that find nothing get
 * past it than got past the single-bit filter of twice the size it replaced: 256 KB for the reading
 * half, which stays in the core's own cache while a page is read.
 */
const FILTER_BITS_PER_KEY = 8;
/** How full the finished table is: see the constructor. */
const FINAL_FILL = 0.7;
/** A key's value packs the start of its filler list and, in the low bits, its length. */
const COUNT_BITS = 12;
const COUNT_MASK = (1 << COUNT_BITS) - 1;

/** Which candidate words an index holds, and which characters may fill their open place. */
export interface CandidateChoice {
  /** A distinct name per choice, so each is built once per dictionary and groups. */
  readonly name: string;
  word(word: string, f: WordFrequencies): boolean;
  filler(code: number, f: WordFrequencies): boolean;
}

/** An index as plain data over shared memory, for a check thread to read instead of building its own. */
export interface SharedCandidateIndex {
  table: TableState;
  bloom: Uint32Array;
  windows: Uint32Array;
  codes: Uint16Array;
  /** What it was built from, so it is adopted only for the same groups and dictionary. */
  groups: number;
  words: number;
}

export class CandidateIndex {
  private readonly table: IntTable;
  private readonly bloom: Uint32Array;
  /**
   * A filter over the 3-character windows alone (which two characters a word keeps, and where its
   * open place is), whatever group fills it: most windows of a page keep two characters no candidate
   * word keeps, and one probe here answers for every group of the character in the open place.
   */
  private readonly windows: Uint32Array;
  /** Every list's fillers, end to end; a successful probe leaves its own in [from, to). */
  readonly codes: Uint16Array;
  from = 0;
  to = 0;
  /** Character code → the ids of the groups it is in (indexed, not a Map: read at every character). */
  readonly groupsOf: (number[] | undefined)[] = new Array<number[] | undefined>(0x10000).fill(undefined);

  constructor(f: WordFrequencies, groups: readonly string[], choice: CandidateChoice, shared?: SharedCandidateIndex) {
    groups.forEach((g, id) => {
      for (const ch of g) {
        const c = ch.charCodeAt(0);
        const list = this.groupsOf[c];
        if (!list) this.groupsOf[c] = [id];
        else list.push(id);
      }
    });
    if (shared) {
      this.table = IntTable.from(shared.table);
      this.bloom = shared.bloom;
      this.windows = shared.windows;
      this.codes = shared.codes;
      return;
    }
    const building = new IntTable(1 << 14);
    const lists: number[][] = [];
    const keys: number[] = [];
    const windowKeys: number[] = [];
    for (const word of f.candidates) {
      if (!choice.word(word, f)) continue;
      for (let slot = 0; slot < word.length; slot++) {
        const filler = word.charCodeAt(slot);
        if (!choice.filler(filler, f)) continue;
        // The characters the word keeps around the open slot, in order (the second is 0 for a 2-character word).
        const lo = pair(word.charCodeAt(slot === 0 ? 1 : 0), word.length === 3 ? word.charCodeAt(slot === 2 ? 1 : 2) : 0);
        if (word.length === 3) windowKeys.push(slot, lo);
        for (const g of this.groupsOf[filler] ?? []) {
          const hi = key(word.length, slot, g);
          const at = building.get(hi, lo);
          if (at === 0) {
            lists.push([filler]);
            building.set(hi, lo, lists.length);
            keys.push(hi, lo);
          } else if (!lists[at - 1]!.includes(filler)) lists[at - 1]!.push(filler);
        }
      }
    }
    this.bloom = filterOf(keys);
    this.windows = filterOf(windowKeys);
    // End to end in shared memory: one typed array, not 150,000 small ones on each thread's heap.
    // A key's value is where its list starts and how long it is, so a probe that finds a key
    // reads its fillers next, with no offsets table between (one cache miss fewer). The filter
    // answers nearly every probe that finds nothing, so the table is filled fuller than the
    // dictionary's: half the memory, and a hit still reads ~2 neighbouring slots.
    this.table = new IntTable(Math.ceil(lists.length / FINAL_FILL), FINAL_FILL);
    let total = 0;
    for (const l of lists) total += l.length;
    this.codes = sharedArray(Uint16Array, total);
    let at = 0;
    lists.forEach((l, k) => {
      if (l.length > COUNT_MASK || at >= 2 ** (31 - COUNT_BITS)) throw new Error(`candidate index: list ${k} does not fit its packed entry`);
      this.codes.set(l, at);
      this.table.set(keys[2 * k]!, keys[2 * k + 1]!, (at << COUNT_BITS) | l.length);
      at += l.length;
    });
  }

  /** Whether some candidate word of 3 characters keeps `kept` around an open place at `slot` (false: no probe of this window can succeed). */
  mayHold3(slot: number, kept: number): boolean {
    return mayHold(this.windows, slot, kept);
  }

  /**
   * Whether characters of group `group` make a candidate word of `length` with the characters
   * `kept` (keptAround) around `slot`; if so they are codes[from, to).
   */
  probe(length: number, slot: number, group: number, kept: number): boolean {
    const hi = key(length, slot, group);
    // Most probes find nothing: the filter answers them from cache, where the table (megabytes)
    // would cost a miss to memory each.
    if (!mayHold(this.bloom, hi, kept)) return false;
    const entry = this.table.get(hi, kept);
    if (entry === 0) return false;
    this.from = entry >>> COUNT_BITS;
    this.to = this.from + (entry & COUNT_MASK);
    return true;
  }

  shared(groups: number, words: number): SharedCandidateIndex {
    return { table: this.table.state, bloom: this.bloom, windows: this.windows, codes: this.codes, groups, words };
  }
}

/**
 * The characters the window [st, st+len) keeps around position i, packed as the index keys them;
 * -1 when one of them is not Han (no candidate word spans punctuation or Latin).
 */
export function keptAround(codes: Uint16Array, isHanAt: Uint8Array, st: number, len: number, i: number): number {
  let x = -1;
  let y = 0;
  for (let k = st; k < st + len; k++) {
    if (k === i) continue;
    if (isHanAt[k] === 0) return -1;
    if (x < 0) x = codes[k]!;
    else y = codes[k]!;
  }
  return pair(x, y);
}

/** A blocked filter over (hi, lo) key pairs, given flat: FILTER_BITS_PER_KEY a key, a power of two words. */
function filterOf(keys: readonly number[]): Uint32Array {
  let words = 1 << 7;
  while (words * 32 < (keys.length / 2) * FILTER_BITS_PER_KEY) words <<= 1;
  const filter = sharedArray(Uint32Array, words);
  for (let k = 0; k < keys.length; k += 2) {
    const h = mixPair(keys[k]!, keys[k + 1]!);
    const w = (h >>> 10) & (words - 1);
    filter[w] = filter[w]! | (1 << (h & 31)) | (1 << ((h >>> 5) & 31));
  }
  return filter;
}

function mayHold(filter: Uint32Array, hi: number, lo: number): boolean {
  const h = mixPair(hi, lo);
  const bits = (1 << (h & 31)) | (1 << ((h >>> 5) & 31));
  return (filter[(h >>> 10) & (filter.length - 1)]! & bits) === bits;
}

function key(length: number, slot: number, group: number): number {
  return ((length === 2 ? slot : 2 + slot) << 16) | group;
}

function pair(x: number, y: number): number {
  return ((x << 16) | y) >>> 0;
}

const built = new WeakMap<WordFrequencies, WeakMap<readonly string[], Map<string, CandidateIndex>>>();
/** Indexes a check thread was given by its run thread, by choice name. */
let adopted = new Map<string, SharedCandidateIndex>();
/** The last index built for each choice (the WeakMaps above cannot be listed), to share with check threads. */
const latest = new Map<string, { f: WordFrequencies; groups: number; index: CandidateIndex }>();

/** The index of a dictionary, groups and choice, built on first use (or adopted, on a check thread). */
export function candidateIndex(f: WordFrequencies, groups: readonly string[], choice: CandidateChoice): CandidateIndex {
  let byGroups = built.get(f);
  if (!byGroups) built.set(f, (byGroups = new WeakMap()));
  let byChoice = byGroups.get(groups);
  if (!byChoice) byGroups.set(groups, (byChoice = new Map()));
  let index = byChoice.get(choice.name);
  if (!index) {
    const given = adopted.get(choice.name);
    const fits = given && given.groups === groups.length && given.words === f.wordCount;
    byChoice.set(choice.name, (index = new CandidateIndex(f, groups, choice, fits ? given : undefined)));
    latest.set(choice.name, { f, groups: groups.length, index });
  }
  return index;
}

/** Every index built over `f`, for check threads to adopt. */
export function sharedCandidateIndexes(f: WordFrequencies): Record<string, SharedCandidateIndex> {
  const out: Record<string, SharedCandidateIndex> = {};
  for (const [name, built] of latest) if (built.f === f) out[name] = built.index.shared(built.groups, f.wordCount);
  return out;
}

export function adoptCandidateIndexes(given: Record<string, SharedCandidateIndex>): void {
  adopted = new Map(Object.entries(given));
}
