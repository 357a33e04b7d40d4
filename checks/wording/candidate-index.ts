/**
 * The candidate words of the typo tier by the characters they keep and the group (sound or shape)
 * of the one left open: "which words have 高 first and a second character sounding like 登" is one
 * integer-keyed probe, so a position costs a few probes rather than one per look- or sound-alike
 * and window. Both halves of the tier build one, each from the words it may suggest.
 */
import { IntTable, type WordFrequencies } from '../text/word-freq';

const BLOOM_BITS = 1 << 22;

/** Which candidate words an index holds, and which characters may fill their open place. */
export interface CandidateChoice {
  /** A distinct name per choice, so each is built once per dictionary and groups. */
  readonly name: string;
  word(word: string, f: WordFrequencies): boolean;
  filler(code: number, f: WordFrequencies): boolean;
}

export class CandidateIndex {
  private readonly table = new IntTable(1 << 19);
  private readonly lists: number[][] = [];
  private readonly bloom = new Uint32Array(BLOOM_BITS >>> 5);
  /** Character code → the ids of the groups it is in (indexed, not a Map: read at every character). */
  readonly groupsOf: (number[] | undefined)[] = new Array<number[] | undefined>(0x10000).fill(undefined);

  constructor(f: WordFrequencies, groups: readonly string[], choice: CandidateChoice) {
    groups.forEach((g, id) => {
      for (const ch of g) {
        const c = ch.charCodeAt(0);
        const list = this.groupsOf[c];
        if (!list) this.groupsOf[c] = [id];
        else list.push(id);
      }
    });
    for (const word of f.candidates) {
      if (!choice.word(word, f)) continue;
      for (let slot = 0; slot < word.length; slot++) {
        const filler = word.charCodeAt(slot);
        if (!choice.filler(filler, f)) continue;
        // The characters the word keeps around the open slot, in order (the second is 0 for a 2-character word).
        const lo = pair(word.charCodeAt(slot === 0 ? 1 : 0), word.length === 3 ? word.charCodeAt(slot === 2 ? 1 : 2) : 0);
        for (const g of this.groupsOf[filler] ?? []) {
          const hi = key(word.length, slot, g);
          const at = this.table.get(hi, lo);
          if (at === 0) {
            this.lists.push([filler]);
            this.table.set(hi, lo, this.lists.length);
            const b = bloomBit(hi, lo);
            this.bloom[b >>> 5] = this.bloom[b >>> 5]! | (1 << (b & 31));
          } else if (!this.lists[at - 1]!.includes(filler)) this.lists[at - 1]!.push(filler);
        }
      }
    }
  }

  /** The characters of group `group` that make a candidate word of `length` with the characters `kept` (keptAround) around `slot`. */
  fillers(length: number, slot: number, group: number, kept: number): readonly number[] | undefined {
    const hi = key(length, slot, group);
    // Most probes find nothing: a bit in a 512 KB filter answers them from cache, where the table
    // (megabytes) would cost a miss to memory each.
    const b = bloomBit(hi, kept);
    if ((this.bloom[b >>> 5]! & (1 << (b & 31))) === 0) return undefined;
    const at = this.table.get(hi, kept);
    return at === 0 ? undefined : this.lists[at - 1];
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

function bloomBit(hi: number, lo: number): number {
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  return h & (BLOOM_BITS - 1);
}

function key(length: number, slot: number, group: number): number {
  return ((length === 2 ? slot : 2 + slot) << 16) | group;
}

function pair(x: number, y: number): number {
  return ((x << 16) | y) >>> 0;
}

const built = new WeakMap<WordFrequencies, WeakMap<readonly string[], Map<string, CandidateIndex>>>();

/** The index of a dictionary, groups and choice, built on first use. */
export function candidateIndex(f: WordFrequencies, groups: readonly string[], choice: CandidateChoice): CandidateIndex {
  let byGroups = built.get(f);
  if (!byGroups) built.set(f, (byGroups = new WeakMap()));
  let byChoice = byGroups.get(groups);
  if (!byChoice) byGroups.set(groups, (byChoice = new Map()));
  let index = byChoice.get(choice.name);
  if (!index) byChoice.set(choice.name, (index = new CandidateIndex(f, groups, choice)));
  return index;
}
