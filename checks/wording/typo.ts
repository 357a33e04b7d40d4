/**
 * wording.typo — two tiers. The list: confusion pairs (wrong → right) from wordlists/typos.json and
 * the user's lists, each wrong form a non-word. Beyond it: a character that makes no word with its
 * neighbours where a same-sounding one makes a frequent word, or with which the sentence reads far
 * likelier (confusion.ts, orphan-typos.ts), when the pipeline
 * hands the checks word frequencies. A span another wording list or term set already holds (a
 * leader's name, a 规范表述, a banned term) or an allow phrase covers is left to that rule.
 */
import type { PageCheck, Span } from '../types';
import { lexiconFor, registerSoundSet, type LexiconScan } from './lexicon';
import { soundVariant } from './variants';
import govTerms from '../../wordlists/generated/gov-terms.json';
import { WordLattice } from '../text/word-lattice';
import { textCodes } from '../text/text-codes';
import { confusionTypos, type ConfusionGroups } from './confusion';
import type { WordFrequencies } from '../text/word-freq';
import sounds from '../../wordlists/generated/char-sounds.json';
import shapes from '../../wordlists/generated/char-shapes.json';
import lookalikes from '../../wordlists/char-lookalikes.json';

const SOUNDS = Object.values(sounds.sounds as Record<string, string>);
const GROUPS: ConfusionGroups = { sounds: SOUNDS, all: [...SOUNDS, ...shapes.shapes, ...lookalikes.groups], shapeFrom: SOUNDS.length };

/**
 * The four-character terms government text writes most (wordlists/generated/gov-terms.json: 贯彻落实,
 * 基础设施 …). A same-sound slip in one (贯彻落时, 社会治里) reads as plausible single
 * characters to the word-unigram model, which scores the fix under the reading tier's bar; the terms
 * are matched by sound instead, like the 规范表述.
 */
const GOV_TERMS: readonly string[] = govTerms.terms;
/** The rule's own sound set: a place only sounding like a term is no other rule's, and does not silence the tiers. */
const GOV_TERM_SET = 'gov-term-sounds';
registerSoundSet({ id: GOV_TERM_SET, terms: GOV_TERMS });

/**
 * How much likelier (natural log) the text must read with the term restored: a frequent term is a
 * strong prior, so far less than the reading tier's e^8.5 — but a text that reads as well as written
 * (社会自理能力: 自理 is a word) is left alone.
 */
const GOV_TERM_GAIN = 3;

/** A government term written with one character of the same sound (贯彻落时 → 贯彻落实), where the text reads far better with the term. */
function govTermSlips(text: string, scan: LexiconScan, f: WordFrequencies): Span[] {
  const out: Span[] = [];
  const hits = scan.bySet.get(GOV_TERM_SET) ?? [];
  if (!hits.length) return out;
  const { codes, isHanAt } = textCodes(text);
  const lattice = new WordLattice(codes, isHanAt, f);
  for (const [start, end, i] of hits) {
    const term = GOV_TERMS[i]!;
    const variant = soundVariant(text, start, end, term);
    if (lattice.gainWith(start + variant.at, term.charCodeAt(variant.at)) < GOV_TERM_GAIN) continue;
    const wrong = text.slice(start, end);
    out.push({
      start: start + variant.at,
      end: start + variant.at + 1,
      suggestion: term,
      message: `错别字（疑似）：“${wrong}”疑为“${term}”（同音的“${term[variant.at]}”）`,
      discriminator: `confusion|${wrong}`,
      confidence: 0.8,
    });
  }
  return out;
}

/** Builds the tier's candidate indexes over `f` now (a thread that shares them checks nothing itself first). */
export function buildTypoIndexes(f: WordFrequencies): void {
  confusionTypos('一', f, GROUPS);
}

/** Whether [start, end) touches a hit of any wording list, another rule's term set or an allow phrase. */
function taken(scan: LexiconScan, start: number, end: number): boolean {
  const meets = (s: number, e: number) => s < end && start < e;
  for (const spans of scan.byRule.values()) if (spans.some((s) => meets(s.start, s.end))) return true;
  for (const [set, hits] of scan.bySet) if (set !== GOV_TERM_SET && hits.some(([s, e]) => meets(s, e))) return true;
  return scan.allowed.some((a) => meets(a.start, a.end));
}

export const typo: PageCheck = {
  kind: 'page',
  meta: {
    id: 'wording.typo',
    family: 'wording',
    title: '错别字 (typo: wrong character)',
    severity: 'medium',
    duty: 'content',
    basis: '国办秘函〔2019〕19号 附件1 内容质量 (错别字); 国办发〔2015〕15号 附件2 严重错别字',
    description:
      'Wrong forms that are not words in government text (布署, 再接再励, 秸杆 …), each with its right form; and, beyond ' +
      'the list, a character that forms no word with its neighbours where a same-sounding character (as a pinyin ' +
      'input method offers it) makes a frequent word (效律 → 效率), or where a same-sounding character makes the ' +
      'sentence read thousands of times likelier by its best segmentation into dictionary words (大数局产业 → ' +
      '大数据产业), or a look-alike needing more (菅理 → 管理). Lists of people, names of villages, towns and companies, ' +
      'parallel coinages (特岗特薪) and quoted slogans are left alone. Tuned for ' +
      'precision on the ODW train split and the clean government corpus.',
    fix: '按建议改正；如属专有名词或引文，在配置的 allow 中加入该词。 Correct the word, or allowlist a proper noun.',
    version: 3,
    sensitive: false,
  },
  run(page, ctx): Span[] {
    const text = page.text.text;
    const lexicon = lexiconFor(ctx.wordlists);
    const listed: Span[] = lexicon.spans(text, 'wording.typo');
    const frequencies = ctx.frequencies?.();
    if (!frequencies) return listed;
    const scan = lexicon.scan(text);
    let found: Span[] = confusionTypos(text, frequencies, GROUPS).filter((h) => !taken(scan, h.start, h.end));
    // One finding per slip: a listed wrong form first, then the first whole term (环竟 → 生态环境, not
    // the tiers' 环境; 基础设使建设 → 基础设施, not 设施建设 too).
    const terms: Span[] = [];
    for (const g of govTermSlips(text, scan, frequencies)) {
      const meets = (h: Span) => h.start! < g.end! && g.start! < h.end!;
      if (listed.some(meets) || terms.some(meets)) continue;
      terms.push(g);
      found = found.filter((h) => !meets(h));
    }
    for (const t of terms) found.push(t);
    if (!found.length) return listed;
    return [...listed, ...found].sort((a, b) => a.start! - b.start!);
  },
};
