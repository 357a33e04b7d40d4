/**
 * The first half of the typo tier beyond the dictionary of wrong forms (confusion.ts is the other):
 * a character that forms no word with its
 * neighbours (an orphan in the segmentation), where a character that sounds the same (toneless
 * pinyin, with the z/zh, c/ch, s/sh, n/l and -n/-ng pairs a pinyin input method confuses) would
 * make a frequent word with them — 近展 → 进展, 严历打击 → 严厉打击, 大数局 → 大数据. The rule tier
 * Chinese spelling checkers put before a language model, set for precision on the ODW train split
 * (tuned on 7 lines in 10, measured on the other 3) and the clean corpus's odd-numbered documents:
 * - the orphan is in no dictionary word and no sequence government text uses (the clean corpus's
 *   even-numbered documents, generated), and is no frequent word alone (的, 与 and 在 stand alone);
 * - the new word is frequent (≥ 500 in jieba's dictionary), its new character common in words;
 * - it is 20× as frequent as any word the characters it takes from the neighbours are in, 5× as
 *   frequent as their use alone (摘帽不摘 is not 摘帽不再: 不 stands alone) and 2× the orphan's;
 * - the page does not repeat the sequence (a slip is seldom typed twice; 科创板 is a term).
 * These orphans often read passably alone (律, 户 are words), so the reading model scores them too
 * low; this tier catches them by the shape of the neighbourhood instead.
 */
import type { WordFrequencies } from '../text/word-freq';
import { candidateIndex, keptAround, type CandidateChoice } from './candidate-index';
import type { ConfusionHit, SoundGroups } from './confusion';
import type { TextCodes } from '../text/text-codes';

/** The new word against a word a neighbour is already in: it must be this many times as frequent. */
const RATIO = 20;
/** The new word against a neighbour's or the orphan's use as a word alone (摘帽不摘 → 不再 fails: 不 stands alone). */
const NEIGHBOUR_ALONE = 0.2;
const ORPHAN_ALONE = 0.5;
const COMMON_CHAR = 5000;
const STANDALONE = 50_000;
const MIN_COVER = 3;

/** The orphan half suggests only frequent words, and only characters common in words. */
const ORPHAN: CandidateChoice = {
  name: 'orphan',
  word: (w, f) => (w.length === 2 ? f.word2(w.charCodeAt(0), w.charCodeAt(1)) : f.word3(w.charCodeAt(0), w.charCodeAt(1), w.charCodeAt(2))) >= f.frequentAt,
  filler: (c, f) => f.chars[c]! >= COMMON_CHAR,
};


/** @param pairs the frequency of the 2-character word at each position (pairFrequencies) */
export function orphanTypos(text: string, f: WordFrequencies, groups: SoundGroups, { codes, isHanAt }: TextCodes, pairs: Uint32Array): ConfusionHit[] {
  const index = candidateIndex(f, groups, ORPHAN);
  const n = text.length;
  const han = (k: number): boolean => k >= 0 && k < n && isHanAt[k] === 1;
  // Pass 1, cheap: a character in a 2-character word is covered (most of any text is).
  const covered = new Uint8Array(n);
  for (let i = 0; i + 1 < n; i++) if (pairs[i]! >= MIN_COVER) covered[i] = covered[i + 1] = 1;
  /** The frequency of the most frequent dictionary word (2–3 characters) covering position k. */
  const coverOf = (k: number): number => {
    let best = 0;
    for (let st = k - 2; st <= k; st++) {
      if (!han(st)) continue;
      if (st >= k - 1) best = Math.max(best, pairs[st]!);
      if (han(st + 1) && han(st + 2)) best = Math.max(best, f.word3(codes[st]!, codes[st + 1]!, codes[st + 2]!));
    }
    return best >= MIN_COVER ? best : 0;
  };
  /** A sequence government text uses often covers position k. */
  const usual = (k: number): boolean => {
    if ((han(k - 1) && f.usual2(codes[k - 1]!, codes[k]!)) || (han(k + 1) && f.usual2(codes[k]!, codes[k + 1]!))) return true;
    for (let st = k - 2; st <= k; st++) if (han(st) && han(st + 1) && han(st + 2) && f.usual3(codes[st]!, codes[st + 1]!, codes[st + 2]!)) return true;
    return false;
  };
  const out: ConfusionHit[] = [];
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (covered[i] || isHanAt[i] === 0 || f.single[c]! >= STANDALONE || coverOf(i) > 0 || usual(i)) continue;
    const alone = f.single[c]!;
    const sounds = index.groupsOf[c];
    if (!sounds) continue;
    const neighbour = new Map<number, number>();
    const coverAt = (k: number): number => {
      let v = neighbour.get(k);
      if (v === undefined) neighbour.set(k, (v = Math.max(coverOf(k) * RATIO, f.single[codes[k]!]! * NEIGHBOUR_ALONE)));
      return v;
    };
    let best: { start: number; end: number; freq: number; alt: number } | undefined;
    // Every 2- and 3-character window through i: the frequent words that keep its other
    // characters and whose open place sounds like the orphan.
    for (let len = 2; len <= 3; len++) {
      for (let st = Math.max(0, i - len + 1); st <= i && st + len <= n; st++) {
        const kept = keptAround(codes, isHanAt, st, len, i);
        if (kept < 0) continue;
        for (const g of sounds) {
          if (!index.probe(len, i - st, g, kept)) continue;
          const fillers = index.codes;
          for (let k = index.from, end = index.to; k < end; k++) {
            const alt = fillers[k]!;
            if (alt === c) continue;
            const a = st === i ? alt : codes[st]!;
            const b = st + 1 === i ? alt : codes[st + 1]!;
            const freq = len === 2 ? f.word2(a, b) : f.word3(a, b, st + 2 === i ? alt : codes[st + 2]!);
            if (best && freq <= best.freq) continue;
            let other = 0;
            for (let k = st; k < st + len; k++) if (k !== i) other = Math.max(other, coverAt(k));
            if (other > freq || alone * ORPHAN_ALONE > freq) continue;
            best = { start: st, end: st + len, freq, alt };
          }
        }
      }
    }
    if (best) {
      const wrong = text.slice(best.start, best.end);
      // A slip is seldom typed twice; a sequence a page repeats is its own term (科创板, 摘帽不摘).
      const first = text.indexOf(wrong);
      if (text.indexOf(wrong, first + 1) >= 0) continue;
      const word = wrong.slice(0, i - best.start) + String.fromCharCode(best.alt) + wrong.slice(i - best.start + 1);
      out.push({ start: i, end: i + 1, suggestion: word, message: `错别字（疑似）：“${wrong}”疑为“${word}”（“${text[i]}”与前后文不成词，同音的“${String.fromCharCode(best.alt)}”成词）`, discriminator: `confusion|${wrong}`, confidence: 0.7 });
    }
  }
  return out;
}
