/**
 * wording.canonical-phrase — 规范表述: the known wrong forms in wordlists/canonical-variants.json,
 * and any text one edit (a missing, extra, wrong or swapped character) away from a phrase in
 * wordlists/canonical-phrases.json. Each phrase is found through either half, so an error in one
 * half is caught by the other.
 */
import Ajv from 'ajv';
import type { PageCheck, Severity, Span } from '../types';
import { lexiconFor, registerTermSet } from './lexicon';
import schema from '../../wordlists/canonical-phrases.schema.json';
import data from '../../wordlists/canonical-phrases.json';

interface Phrase {
  phrase: string;
  severity: Severity;
  neighbours: string[];
}

const validate = new Ajv({ allErrors: true, strict: false }).compile<{ phrases: Phrase[] }>(schema);
if (!validate(data)) {
  throw new Error(`wordlists/canonical-phrases.json: ${(validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
}
const PHRASES: Phrase[] = data.phrases as Phrase[];

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
      'extra, wrong or swapped character.',
    fix: '按规范表述改正。 Use the exact official wording.',
    version: 1,
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
    return out.sort((a, b) => a.start! - b.start!);
  },
};
