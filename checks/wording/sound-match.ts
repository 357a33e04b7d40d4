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

/** Filter bits over the keys of three starting sounds (under a thousand keys for the built-in names): few characters that start no name get past it to the map. */
const START_BITS = 1 << 17;

export class SoundMatcher {
  /** Character → 1 + the id of the sound a text is read with (its first reading); 0: none. */
  private readonly firstSound = new Uint16Array(0x10000);
  /**
   * Entries by the sounds of their first three characters (every name is at least three long). Two
   * sounds let through a sixth of a page's characters, each with a list of up to a hundred names to
   * compare; the third cuts the names compared eightfold.
   */
  private readonly byStart = new Map<number, Entry[]>();
  /** One bit per hashed key of byStart: the map answers only the characters that may start a name. */
  private readonly startBits = new Uint32Array(START_BITS >>> 5);
  private readonly width: number;

  constructor(sets: readonly SoundSet[], groups: SoundGroups) {
    this.width = groups.length + 1;
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
            for (const c of entry.sounds[2]!) {
              const key = this.key(a, b, c);
              const list = this.byStart.get(key);
              if (!list) this.byStart.set(key, [entry]);
              else if (!list.includes(entry)) list.push(entry);
              const bit = startBit(key);
              this.startBits[bit >>> 5] = this.startBits[bit >>> 5]! | (1 << (bit & 31));
            }
          }
        }
      });
    }
  }

  private key(a: number, b: number, c: number): number {
    return (a * this.width + b) * this.width + c;
  }

  scan(text: string, onHit: (set: string, index: number, start: number, end: number) => void): void {
    if (this.byStart.size === 0) return;
    const n = text.length;
    const sound = this.firstSound;
    let b = n > 0 ? sound[text.charCodeAt(0)]! : 0;
    let c = n > 1 ? sound[text.charCodeAt(1)]! : 0;
    for (let i = 0; i + 2 < n; i++) {
      const a = b;
      b = c;
      c = sound[text.charCodeAt(i + 2)]!;
      if (a === 0 || b === 0 || c === 0) continue;
      const key = this.key(a, b, c);
      const bit = startBit(key);
      if ((this.startBits[bit >>> 5]! & (1 << (bit & 31))) === 0) continue;
      const list = this.byStart.get(key);
      if (!list) continue;
      for (const e of list) {
        const len = e.term.length;
        if (i + len > n) continue;
        // At most one character of a short name written otherwise, two of a long one: stop at the next.
        const most = len <= 4 ? 1 : 2;
        let differ = 0;
        let same = true;
        for (let k = 0; k < len && same; k++) {
          const ch = text.charCodeAt(i + k);
          if (ch === e.term.charCodeAt(k)) continue;
          if (++differ > most || !e.sounds[k]!.includes(sound[ch]!)) same = false;
        }
        if (same && differ > 0) onHit(e.set, e.index, i, i + len);
      }
    }
  }
}

function startBit(key: number): number {
  let h = Math.imul(key | 0, 0x9e3779b1);
  h ^= h >>> 15;
  return (h >>> 0) & (START_BITS - 1);
}
