/**
 * Misspelt forms of a fixed name (an institution, a 规范表述), the way they are typed: two
 * neighbours swapped, one character dropped or doubled — spelled out for the shared automaton —
 * and a character the pinyin input method offers for the same sound, found by sound instead
 * (sound-match.ts), and judged here like the others: whether the text around reads as other words.
 */
import type { WordFrequencies } from '../text/word-freq';

export type VariantKind = 'sound' | 'swap' | 'drop' | 'double';

export interface Variant {
  text: string;
  kind: VariantKind;
  /** Where in the variant the changed character is (the first of a swapped pair). */
  at: number;
}

export interface VariantOptions {
  /** Drop and double a character too (only for names long enough that the result is no other word). */
  dropAndDouble: boolean;
  /** A dropped character that yields an accepted form (和 in 住房和城乡建设部 → 住房城乡建设部). */
  keepDrops?: RegExp;
}

/** Swapped, dropped and doubled forms; never at the edge for a drop or double (国家统计局局长 reads on). */
export function spelledVariants(name: string, o: VariantOptions): Variant[] {
  const chars = [...name];
  const last = chars.length - 1;
  const out = new Map<string, Variant>();
  const add = (text: string, kind: VariantKind, at: number) => {
    if (text !== name && !out.has(text)) out.set(text, { text, kind, at });
  };
  chars.forEach((ch, i) => {
    const before = chars.slice(0, i).join('');
    const after = chars.slice(i + 1).join('');
    if (i > 0 && chars[i - 1] !== ch) add(chars.slice(0, i - 1).join('') + ch + chars[i - 1] + after, 'swap', i - 1);
    if (o.dropAndDouble && i > 0 && i < last) {
      if (!o.keepDrops?.test(ch)) add(before + after, 'drop', i);
      add(before + ch + ch + after, 'double', i);
    }
  });
  return [...out.values()];
}

/** A sound hit as a variant: where the text first differs from the name. */
export function soundVariant(text: string, start: number, end: number, name: string): Variant {
  let at = 0;
  while (at < name.length && text.charCodeAt(start + at) === name.charCodeAt(at)) at++;
  return { text: text.slice(start, end), kind: 'sound', at };
}

/**
 * A substitute at the edge of a name may belong to the text around it instead: 财政补助 and
 * 教育不改 are not 财政部 and 教育部. Without word frequencies, only long names are judged there.
 */
function edgeJoinsText(text: string, start: number, end: number, first: boolean, f: WordFrequencies | undefined, nameLength: number): boolean {
  if (!f) return nameLength < 5;
  const alt = text.charCodeAt(first ? start : end - 1);
  const outside = first ? (start > 0 ? text.charCodeAt(start - 1) : 0) : end < text.length ? text.charCodeAt(end) : 0;
  // Beside punctuation or the end of the text the substitute has nothing to join.
  if (outside < 0x4e00 || outside > 0x9fff) return false;
  if (f.single[alt]! >= STANDS_ALONE) return true;
  return (first ? f.word2(outside, alt) : f.word2(alt, outside)) > 0;
}

/**
 * In a short name, a substitute that makes a word with the character beside it inside the name
 * names something else (第四检察部 is a procuratorate's unit, not 监察部).
 */
function makesWord(text: string, start: number, end: number, at: number, f: WordFrequencies | undefined): boolean {
  if (!f) return false;
  const k = start + at;
  return (k > start && f.word2(text.charCodeAt(k - 1), text.charCodeAt(k)) >= f.frequentAt) || (k + 1 < end && f.word2(text.charCodeAt(k), text.charCodeAt(k + 1)) >= f.frequentAt);
}

/** A character used this often as a word of its own (不, 补) may end a phrase anywhere. */
const STANDS_ALONE = 5000;

/** Whether a hit of a misspelling is more likely the text's own words than the name typed wrong. */
export function readsAsOtherWords(text: string, start: number, end: number, v: Variant, nameLength: number, f: WordFrequencies | undefined): boolean {
  if (v.kind !== 'sound') return false;
  if (nameLength <= 4 && makesWord(text, start, end, v.at, f)) return true;
  return (v.at === 0 || v.at === nameLength - 1) && edgeJoinsText(text, start, end, v.at === 0, f, nameLength);
}
