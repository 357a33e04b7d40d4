/**
 * The typo tier beyond the dictionary of wrong forms: a character where one that sounds the same
 * (toneless pinyin, with the z/zh, c/ch, s/sh, n/l and -n/-ng pairs a pinyin input method confuses)
 * makes the sentence read far likelier — 近展 → 进展, 严历打击 → 严厉打击, 大数局产业 → 大数据产业. How likely
 * a sentence reads is its best segmentation into jieba's words (word-lattice.ts): the language
 * model of the rule tier, set for precision on the ODW train split (tuned on 7 lines in 10,
 * measured on the other 3) and the clean corpus's odd-numbered documents:
 * - the change must make the run e^8.5 (about 5,000) times likelier, e^11.5 inside the first
 *   words of a quotation (slogans coin words: “浙里办”, “四梁八柱”);
 * - a sequence the page repeats is its own term (科创板, 摘帽不摘): a slip is seldom typed twice;
 * - parallel coinages (特岗特薪, 涉法涉诉, 优劳优酬) and people's names in lists (张成莉（女）) are
 *   left alone: both read as unlikely text and are not typos.
 */
import type { Span } from '../types';
import type { WordFrequencies } from '../text/word-freq';
import { candidateIndex, keptAround, type CandidateChoice } from './candidate-index';
import { WordLattice } from '../text/word-lattice';
import { SURNAMES } from '../text/surnames';
import { orphanTypos } from './orphan-typos';
import { textCodes, type TextCodes } from '../text/text-codes';

/** Groups of characters that sound alike (generated from pinyin-pro over GB 2312); a character with several readings is in several. */
export type SoundGroups = readonly string[];

/**
 * The characters a typist confuses: `sounds`, and `all` = the same groups followed, from index
 * `shapeFrom`, by groups that look alike (管/菅, 律/津; wordlists/generated/char-shapes.json).
 */
export interface ConfusionGroups {
  readonly sounds: SoundGroups;
  readonly all: readonly string[];
  readonly shapeFrom: number;
}

/** The natural-log gain a change must bring. */
const GAIN = 8.5;
/** The further gain asked inside the first characters of a quotation. */
const QUOTED_GAIN = 3;
const QUOTE_REACH = 12;
/** The further gain a look-alike that does not sound alike must bring. */
const SHAPE_GAIN = 1;
/** How far under the gain a candidate word's bound may fall and still be scored in full: a longer word through it may gain the rest. */
const BOUND_SLACK = 2;
/** A character in a 2-character word this frequent is taken as meant. */
const COVERED = 100;

export interface ConfusionHit extends Span {
  start: number;
  end: number;
  suggestion: string;
}

/** Every candidate word may be suggested by the reading half, and any character may fill it. */
const READING: CandidateChoice = { name: 'reading', word: () => true, filler: () => true };


const NAME_BEFORE = /^[\s\u3000、：:，,；;]?$/;
const NAME_AFTER = /^[\s\u3000（(、：:，,；;]?$/;

/**
 * Both halves of the tier: the orphans (orphan-typos.ts) and the changes that make a run read far
 * likelier; each hit passes the same tests for coinages and names.
 */
export function confusionTypos(text: string, f: WordFrequencies, groups: ConfusionGroups, gain = GAIN): ConfusionHit[] {
  const coded = textCodes(text);
  const pairs = pairFrequencies(coded, f);
  const han = (k: number): boolean => k >= 0 && k < text.length && coded.isHanAt[k] === 1;
  const orphans = orphanTypos(text, f, groups.sounds, coded, pairs).filter(
    (h) => !parallel(text, h.start, han) && !inNameList(text, h.start, han) && !quotedNear(text, h.start) && !beforeNameSuffix(text, h.start, han, f) && !inDocumentNumber(text, h.start, han),
  );
  // An orphan names the character that fits nowhere (增常 → 增长); a reading beside it would
  // change its neighbour instead (增常 → 正常), so the orphan speaks for that place.
  const read = readingTypos(text, f, groups, gain, coded, pairs).filter((r) => !orphans.some((o) => Math.abs(o.start - r.start) <= 1));
  return orphans.length ? [...read, ...orphans].sort((a, b) => a.start - b.start) : read;
}

/** The frequency of the 2-character word starting at each position (0: none, or not two Han characters): both halves read it at every character. */
function pairFrequencies({ codes, isHanAt }: TextCodes, f: WordFrequencies): Uint32Array {
  const n = codes.length;
  const pairs = new Uint32Array(n);
  for (let i = 0; i + 1 < n; i++) if (isHanAt[i] === 1 && isHanAt[i + 1] === 1) pairs[i] = f.word2(codes[i]!, codes[i + 1]!);
  return pairs;
}

function readingTypos(text: string, f: WordFrequencies, groups: ConfusionGroups, gain: number, { codes, isHanAt }: TextCodes, pairs: Uint32Array): ConfusionHit[] {
  const index = candidateIndex(f, groups.all, READING);
  const { shapeFrom } = groups;
  const n = text.length;
  const han = (k: number): boolean => k >= 0 && k < n && isHanAt[k] === 1;
  const lattice = new WordLattice(codes, isHanAt, f, pairs);
  const out: ConfusionHit[] = [];
  // triedAt[alt] === i + 1: alt was already scored at position i (no set to clear per position).
  const triedAt = new Int32Array(0x10000);
  for (let i = 0; i < n; i++) {
    if (isHanAt[i] === 0) continue;
    // A character in a 2-character word of frequency ≥ 100 is taken as meant: on the tuned part
    // this left out 1 slip in 173 and cut the page time by a third.
    if ((i > 0 && pairs[i - 1]! >= COVERED) || pairs[i]! >= COVERED) continue;
    const c = codes[i]!;
    const alike = index.groupsOf[c];
    if (!alike) continue;
    // The best candidate by how far its gain clears the gain it needs.
    let bestMargin = -Infinity;
    let bestStart = 0;
    let bestEnd = 0;
    let bestAlt = 0;
    let bestLooks = false;
    // Every 2- and 3-character window through i: the candidate words that keep its other
    // characters and whose open place sounds or looks like the character there.
    for (let len = 2; len <= 3; len++) {
      for (let st = Math.max(0, i - len + 1); st <= i && st + len <= n; st++) {
        const kept = keptAround(codes, isHanAt, st, len, i);
        if (kept < 0 || (len === 3 && !index.mayHold3(i - st, kept))) continue;
        let span = NaN;
        for (const g of alike) {
          if (!index.probe(len, i - st, g, kept)) continue;
          const fillers = index.codes;
          for (let k = index.from, end = index.to; k < end; k++) {
            const alt = fillers[k]!;
            if (alt === c || triedAt[alt] === i + 1) continue;
            // Reading this word here can gain no more than it outscores the window read as it
            // stands; most candidates end at this bound, before a run is segmented (and before
            // asking whether they only look alike, which costs more than the bound).
            if (Number.isNaN(span)) span = lattice.spanLogp(st, len);
            const bound = lattice.wordLogp(st, len, i, alt) - span + BOUND_SLACK;
            if (bound < gain) continue;
            // A look-alike that does not also sound alike is a rarer slip: it must gain more.
            const looks = g >= shapeFrom && !index.groupsOf[alt]!.some((h) => h < shapeFrom && alike.includes(h));
            const need = looks ? gain + SHAPE_GAIN : gain;
            if (bound < need) continue;
            triedAt[alt] = i + 1;
            const margin = lattice.gainWith(i, alt) - need;
            if (margin > bestMargin) {
              bestMargin = margin;
              bestStart = lattice.wordStart;
              bestEnd = lattice.wordEnd;
              bestAlt = alt;
              bestLooks = looks;
            }
          }
        }
      }
    }
    if (bestMargin < 0) continue;
    if (bestMargin < QUOTED_GAIN && quotedNear(text, i)) continue;
    if (parallel(text, i, han) || inNameList(text, i, han) || beforeNameSuffix(text, i, han, f) || inDocumentNumber(text, i, han)) continue;
    const wrong = text.slice(bestStart, bestEnd);
    // A slip is seldom typed twice; a sequence a page repeats is its own term (科创板, 摘帽不摘).
    const first = text.indexOf(wrong);
    if (text.indexOf(wrong, first + 1) >= 0) continue;
    const word = wrong.slice(0, i - bestStart) + String.fromCharCode(bestAlt) + wrong.slice(i - bestStart + 1);
    out.push({
      start: i,
      end: i + 1,
      suggestion: word,
      message: `错别字（疑似）：“${wrong}”疑为“${word}”（${bestLooks ? '形近' : '同音'}的“${String.fromCharCode(bestAlt)}”使句子通顺得多）`,
      discriminator: `confusion|${wrong}`,
      confidence: 0.7,
    });
  }
  return out;
}

/** Whether i lies among the first characters of an open quotation. */
function quotedNear(text: string, i: number): boolean {
  const open = text.lastIndexOf('“', i);
  return open >= 0 && i - open <= QUOTE_REACH && text.lastIndexOf('”', i) < open;
}

/** An ABAC or ABCB four-character coinage through i (特岗特薪, 涉法涉诉, 防聋治聋). */
function parallel(text: string, i: number, han: (k: number) => boolean): boolean {
  for (let st = i - 3; st <= i; st++) {
    if (!han(st) || !han(st + 1) || !han(st + 2) || !han(st + 3)) continue;
    if (text[st] === text[st + 2] || text[st + 1] === text[st + 3]) return true;
  }
  return false;
}

/**
 * Words that end the name of a place or a body below county level: the characters just before them
 * are a proper name (虹北村, 赵巷镇, 程阳八寨, 弄汪屯, 顺丰速运有限公司, 五邑中医院) that no
 * dictionary knows — 寨, 屯, 嘎查 and 苏木 are the villages and townships of minority regions. Counties,
 * cities and universities are left out: their names are in the dictionary, and misspelling one
 * (自冶县, 哈尔宾医科大学) is the error a reviewer most needs to see. On the tuned part this gate cost no
 * slip and removed 2 of 9 false alarms; on the clean corpus, 8 of 60.
 */
const NAME_SUFFIXES = ['村', '镇', '乡', '街道', '社区', '寨', '屯', '嘎查', '苏木', '大道', '公司', '有限公司', '有限责任公司', '股份有限', '集团', '医院', '小学', '中学', '宾馆', '酒店', '公园', '水库', '派出所', '分局', '大桥', '大厦', '花园', '公寓'];
const SUFFIX_REACH = 4;
/** A place suffix in a 2-character word this frequent (农村 11,478, 小镇 362 in jieba) is part of a word, not of a name (虹北村: 北村 2). */
const COMMON_SUFFIX_WORD = 100;

function beforeNameSuffix(text: string, i: number, han: (k: number) => boolean, f: WordFrequencies): boolean {
  for (let k = i + 1; k <= i + SUFFIX_REACH && han(k); k++) {
    for (const suffix of NAME_SUFFIXES) {
      if (!text.startsWith(suffix, k)) continue;
      // 村, 镇, 乡 and 寨 end ordinary words too (农村, 城镇, 小镇, 山寨): then they end no name.
      if (suffix.length === 1 && f.word2(text.charCodeAt(k - 1), text.charCodeAt(k)) >= COMMON_SUFFIX_WORD) continue;
      return true;
    }
  }
  return false;
}

/** What follows a 发文字号's issuer: the year in brackets (〔2021〕, [2021], （2021）). */
const DOCUMENT_YEAR = /^[〔[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]/;
/**
 * How far back from the bracket a typo is taken for the issuer's abbreviation (崇政发, 桂政办发): a
 * longer run holds words before it (跟据崇政发〔2021〕 still finds 跟据).
 */
const ISSUER_REACH = 4;

/**
 * The issuer's abbreviation of a 发文字号 (崇政发〔2021〕2号, 示政任〔2026〕12号): a code the issuer
 * chose, read as words it is an unlikely sequence (崇政 → 崇祯), and no reviewer would change it.
 */
function inDocumentNumber(text: string, i: number, han: (k: number) => boolean): boolean {
  let b = i;
  while (han(b)) b++;
  return b - i <= ISSUER_REACH && DOCUMENT_YEAR.test(text.slice(b, b + 10));
}

/** A 2–4 character run headed by a surname and set apart like an entry of a list of people. */
function inNameList(text: string, i: number, han: (k: number) => boolean): boolean {
  let a = i;
  let b = i;
  while (han(a - 1)) a--;
  while (han(b)) b++;
  return b - a >= 2 && b - a <= 4 && SURNAMES.has(text[a]!) && NAME_AFTER.test(text[b] ?? '') && NAME_BEFORE.test(text[a - 1] ?? '');
}
