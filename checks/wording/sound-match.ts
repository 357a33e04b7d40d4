/**
 * Fixed names found by how they sound: text and names are both read as sounds (each character as
 * its sound group: toneless pinyin folded as a pinyin input method folds it), so a few hundred
 * names find every same-sound misspelling of them — instead of an automaton of every misspelling
 * spelled out, which grows by the size of a sound group per character. A hit is text that sounds
 * like a name but is written otherwise, in at most one character of a short name and two of a
 * long one (国反不 sounds like 国防部, but two of its three characters are other words).
 */
import type { SoundGroups } from './confusion';

export interface SoundSet {
  id: string;
  terms: readonly string[];
}

interface Entry {
  set: string;
  index: number;
  term: string;
  /** The sounds each character of the term may have (a polyphone has several). */
  sounds: readonly (readonly number[])[];
}

export class SoundMatcher {
  /** Character → 1 + the id of the sound a text is read with (its first reading); 0: none. */
  private readonly firstSound = new Uint16Array(0x10000);
  /** Entries by the sounds of their first two characters: a dense table (300 sounds squared), one probe per character. */
  private readonly byStart: Int32Array;
  /**
   * One bit per pair of starting sounds that begins some name: the dense table is hundreds of KB
   * and nearly all of it empty, so the bits (a few KB, in cache) answer almost every character.
   */
  private readonly startBits: Uint32Array;
  private readonly lists: Entry[][] = [];
  private readonly width: number;

  constructor(sets: readonly SoundSet[], groups: SoundGroups) {
    this.width = groups.length + 1;
    this.byStart = new Int32Array(this.width * this.width);
    this.startBits = new Uint32Array(((this.width * this.width) >>> 5) + 1);
    const sounds = new Map<number, number[]>();
    groups.forEach((g, id) => {
      for (const ch of g) {
        const c = ch.charCodeAt(0);
        const list = sounds.get(c);
        if (!list) sounds.set(c, [id + 1]);
        else list.push(id + 1);
        if (this.firstSound[c] === 0) this.firstSound[c] = id + 1;
      }
    });
    for (const set of sets) {
      set.terms.forEach((term, index) => {
        if (term.length < 3) return;
        const entry: Entry = { set: set.id, index, term, sounds: [...term].map((ch) => sounds.get(ch.charCodeAt(0)) ?? []) };
        if (entry.sounds.some((s) => s.length === 0)) return;
        for (const a of entry.sounds[0]!) {
          for (const b of entry.sounds[1]!) {
            const key = a * this.width + b;
            const at = this.byStart[key]!;
            if (at === 0) {
              this.lists.push([entry]);
              this.byStart[key] = this.lists.length;
              this.startBits[key >>> 5] = this.startBits[key >>> 5]! | (1 << (key & 31));
            } else if (!this.lists[at - 1]!.includes(entry)) this.lists[at - 1]!.push(entry);
          }
        }
      });
    }
  }

  scan(text: string, onHit: (set: string, index: number, start: number, end: number) => void): void {
    if (this.lists.length === 0) return;
    const n = text.length;
    const sound = this.firstSound;
    let next = n > 0 ? sound[text.charCodeAt(0)]! : 0;
    for (let i = 0; i + 2 < n; i++) {
      const a = next;
      next = sound[text.charCodeAt(i + 1)]!;
      if (a === 0 || next === 0) continue;
      const key = a * this.width + next;
      if ((this.startBits[key >>> 5]! & (1 << (key & 31))) === 0) continue;
      const at = this.byStart[key]!;
      for (const e of this.lists[at - 1]!) {
        const len = e.term.length;
        if (i + len > n) continue;
        // At most one character of a short name written otherwise, two of a long one: stop at the next.
        const most = len <= 4 ? 1 : 2;
        let differ = 0;
        let same = true;
        for (let k = 0; k < len && same; k++) {
          const c = text.charCodeAt(i + k);
          if (c === e.term.charCodeAt(k)) continue;
          if (++differ > most || !e.sounds[k]!.includes(sound[c]!)) same = false;
        }
        if (same && differ > 0) onHit(e.set, e.index, i, i + len);
      }
    }
  }
}
