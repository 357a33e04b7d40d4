import { TermAutomaton, foldTerm } from '../../../checks/text/aho-corasick';

/** Every occurrence by brute force: the reference the automaton must equal. */
function naive(text: string, terms: string[]): [number, number, number][] {
  const out: [number, number, number][] = [];
  terms.forEach((t, k) => {
    for (let i = text.indexOf(t); i !== -1; i = text.indexOf(t, i + 1)) out.push([i, i + t.length, k]);
  });
  return out.sort((a, b) => a[1] - b[1] || a[0] - b[0] || a[2] - b[2]);
}

function sorted(a: TermAutomaton, text: string): [number, number, number][] {
  return a.hits(text).map((h): [number, number, number] => [h.start, h.end, h.term]).sort((x, y) => x[1] - y[1] || x[0] - y[0] || x[2] - y[2]);
}

describe('TermAutomaton', () => {
  it('finds the classic overlapping set', () => {
    const a = new TermAutomaton(['he', 'she', 'his', 'hers']);
    expect(sorted(a, 'ushers')).toEqual([[1, 4, 1], [2, 4, 0], [2, 6, 3]]);
  });

  it('equals brute force on random text over a small alphabet', () => {
    let seed = 42;
    const rnd = (n: number) => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed % n;
    };
    const alphabet = '政府部署落实';
    const word = (len: number, from = alphabet) => Array.from({ length: len }, () => from[rnd(from.length)]).join('');
    for (let round = 0; round < 20; round++) {
      // Every other round the terms use half the alphabet, so the text has characters that start none.
      const terms = [...new Set(Array.from({ length: 30 }, () => word(1 + rnd(4), round % 2 ? alphabet.slice(0, 3) : alphabet)))];
      const text = word(500);
      expect(sorted(new TermAutomaton(terms), text)).toEqual(naive(text, terms));
    }
  });

  it('reports duplicate terms each with its own index and ignores empty ones', () => {
    const a = new TermAutomaton(['布署', '', '布署']);
    expect(sorted(a, '认真布署')).toEqual([[2, 4, 0], [2, 4, 2]]);
  });

  it('folds width and case, and sees through zero-width characters', () => {
    const a = new TermAutomaton(['wto成员国']);
    expect(a.hits('与ＷＴＯ成员国')).toEqual([{ start: 1, end: 7, term: 0 }]);
    expect(a.hits('与WT\u200bO成员国')).toEqual([{ start: 1, end: 8, term: 0 }]);
    expect(foldTerm('ＡＢ\u200bc', false)).toBe('abc');
  });

  it('never matches across a line break', () => {
    expect(new TermAutomaton(['布署']).hits('布\n署')).toEqual([]);
    expect(new TermAutomaton(['赌博'], { skipNoise: true }).hits('赌\n博')).toEqual([]);
  });

  it('skips at most two noise characters inside a term, only when asked', () => {
    const skipping = new TermAutomaton(['赌博'], { skipNoise: true });
    expect(skipping.hits('赌 *博')).toEqual([{ start: 0, end: 4, term: 0 }]);
    expect(skipping.hits('赌 * 博')).toEqual([]);
    expect(new TermAutomaton(['赌博']).hits('赌 博')).toEqual([]);
  });

  it('matches traditional characters as simplified only when asked', () => {
    expect(new TermAutomaton(['澳门赌场'], { simplify: true }).hits('澳門賭場')).toEqual([{ start: 0, end: 4, term: 0 }]);
    expect(new TermAutomaton(['澳门赌场']).hits('澳門賭場')).toEqual([]);
  });

  it('survives lone surrogates, astral characters and an empty text', () => {
    const a = new TermAutomaton(['𠀀字', '政府']);
    expect(a.hits('\ud800政府\udc00𠀀字')).toEqual([{ start: 1, end: 3, term: 1 }, { start: 4, end: 7, term: 0 }]);
    expect(a.hits('')).toEqual([]);
  });
});
