/**
 * wording.canonical-phrase — 规范表述: the known wrong forms in wordlists/canonical-variants.json,
 * and any text one edit (a missing, extra, wrong or swapped character) away from a phrase in
 * wordlists/canonical-phrases.json. Each phrase is found through either half, so an error in one
 * half is caught by the other.
 */
import type { PageCheck, Severity, Span } from '../types';
import { lexiconFor, registerSoundSet, registerTermSet } from './lexicon';
import { readsAsOtherWords, soundVariant, spelledVariants, type Variant } from './variants';
import data from '../../wordlists/canonical-phrases.json';

interface Phrase {
  phrase: string;
  severity: Severity;
  neighbours: string[];
}

interface Expression {
  phrase: string;
  severity: Severity;
}

const PHRASES: Phrase[] = data.phrases as Phrase[];
const EXPRESSIONS: Expression[] = (data.expressions ?? []) as Expression[];

/** Term i of the set: an expression itself (i < EXPRESSIONS.length) or one of its swapped forms. */
const EXPRESSION_TERMS: { expression: Expression; variant?: Variant }[] = EXPRESSIONS.map((expression) => ({ expression }));
{
  const seen = new Set(EXPRESSIONS.map((e) => e.phrase));
  for (const expression of EXPRESSIONS) {
    for (const variant of spelledVariants(expression.phrase, { dropAndDouble: false })) {
      if (seen.has(variant.text)) continue;
      seen.add(variant.text);
      EXPRESSION_TERMS.push({ expression, variant });
    }
  }
}
registerTermSet({ id: 'canonical-expressions', terms: EXPRESSION_TERMS.map((t) => t.variant?.text ?? t.expression.phrase) });
registerSoundSet({ id: 'canonical-expression-sounds', terms: EXPRESSIONS.map((e) => e.phrase) });

/** Term i of the set: phrase i>>1, first half when even, second half when odd. */
registerTermSet({
  id: 'canonical-halves',
  terms: PHRASES.flatMap((p) => {
    const h = p.phrase.length >> 1;
    return [p.phrase.slice(0, h), p.phrase.slice(h)];
  }),
});

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), stopping above `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i]![0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = v;
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

const HAN_ONLY = /^\p{Script=Han}+$/u;

/** The window of text one edit from `p` that the half found at [start, end) belongs to. */
function nearMiss(text: string, p: Phrase, first: boolean, start: number, end: number): { start: number; end: number } | undefined {
  const L = p.phrase.length;
  // Nearly every half found belongs to the phrase written correctly.
  if (text.startsWith(p.phrase, first ? start : end - L)) return undefined;
  let best: { start: number; end: number; d: number } | undefined;
  for (const m of [L, L - 1, L + 1]) {
    const s = first ? start : end - m;
    const e = s + m;
    if (s < 0 || e > text.length) continue;
    const w = text.slice(s, e);
    if (w === p.phrase) return undefined;
    if (!HAN_ONLY.test(w)) continue;
    // A window that is only the part of the phrase that was found is text cut off at a line end.
    if (first ? p.phrase.startsWith(w) : p.phrase.endsWith(w)) continue;
    const d = editDistance(p.phrase, w, 1);
    if (d === 1 && !best) best = { start: s, end: e, d };
  }
  if (!best) return undefined;
  // The correct phrase or a listed correct neighbour around the hit means this is not a miss.
  const around = text.slice(Math.max(0, best.start - 2), best.end + 3);
  if (around.includes(p.phrase) || p.neighbours.some((n) => around.includes(n))) return undefined;
  return best;
}

export const canonicalPhrase: PageCheck = {
  kind: 'page',
  meta: {
    id: 'wording.canonical-phrase',
    family: 'wording',
    title: '规范表述错误 (wrong form of an official name or expression)',
    severity: 'critical',
    duty: 'content',
    basis: '国办秘函〔2019〕19号 单项否决 1 (严重表述错误); 国办发〔2015〕15号 附件2 (国名、国家机构名称)',
    description:
      'The country\'s name, party and institution names, titles and key expressions (习近平新时代中国特色社会主义思想, ' +
      '两个确立, 共同富裕 …) written wrong: known wrong forms, and for phrases of 7+ characters any single missing, ' +
      'extra, wrong or swapped character; for short expressions (两个维护, 四个自信, 全过程人民民主 …) a same-sound ' +
      'character or two swapped, where the text around does not read as other words.',
    fix: '按规范表述改正。 Use the exact official wording.',
    version: 2,
    sensitive: false,
  },
  run(page, ctx): Span[] {
    const text = page.text.text;
    const lexicon = lexiconFor(ctx.wordlists);
    let out: Span[] = lexicon.spans(text, 'wording.canonical-phrase');
    for (const [start, end, i] of lexicon.scan(text).bySet.get('canonical-halves') ?? []) {
      const p = PHRASES[i >> 1]!;
      const miss = nearMiss(text, p, (i & 1) === 0, start, end);
      if (!miss) continue;
      // The whole phrase says more than a known wrong word inside it (社会主意 in …社会主意思想).
      const overlapping = out.filter((o) => o.start! < miss.end && miss.start < o.end!);
      if (overlapping.some((o) => o.start! < miss.start || o.end! > miss.end)) continue;
      out = out.filter((o) => !overlapping.includes(o));
      out.push({
        ...miss,
        severity: p.severity,
        message: `规范表述错误：应为“${p.phrase}”`,
        suggestion: p.phrase,
        discriminator: `near|${p.phrase}|${text.slice(miss.start, miss.end)}`,
      });
    }
    const f = ctx.frequencies?.();
    const scan = lexicon.scan(text);
    const expressionHits = scan.bySet.get('canonical-expressions') ?? [];
    const correct = expressionHits.filter(([, , i]) => !EXPRESSION_TERMS[i]!.variant);
    const sounded = (scan.bySet.get('canonical-expression-sounds') ?? []).map(([s, e, i]): [number, number, Expression, Variant] => [s, e, EXPRESSIONS[i]!, soundVariant(text, s, e, EXPRESSIONS[i]!.phrase)]);
    const all = [...expressionHits.map(([s, e, i]): [number, number, Expression, Variant | undefined] => [s, e, EXPRESSION_TERMS[i]!.expression, EXPRESSION_TERMS[i]!.variant]), ...sounded];
    for (const [start, end, expression, variant] of all) {
      if (!variant || correct.some(([cs, ce]) => cs < end && start < ce) || out.some((o) => o.start! < end && start < o.end!)) continue;
      if (readsAsOtherWords(text, start, end, variant, expression.phrase.length, f)) continue;
      out.push({
        start,
        end,
        severity: expression.severity,
        message: `规范表述错误：“${text.slice(start, end)}”应为“${expression.phrase}”`,
        suggestion: expression.phrase,
        discriminator: `expression|${expression.phrase}|${text.slice(start, end)}`,
      });
    }
    return out.sort((a, b) => a.start! - b.start!);
  },
};
