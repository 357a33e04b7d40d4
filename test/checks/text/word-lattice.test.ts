import { WordLattice } from '../../../checks/text/word-lattice';
import { WordFrequencies } from '../../../checks/text/word-freq';

function lattice(text: string, words: [string, number][]): WordLattice {
  const f = new WordFrequencies();
  for (const [w, n] of words) f.add(w, n);
  const codes = new Uint16Array(text.length);
  const han = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    codes[i] = text.charCodeAt(i);
    han[i] = codes[i]! >= 0x4e00 && codes[i]! <= 0x9fff ? 1 : 0;
  }
  return new WordLattice(codes, han, f);
}

const WORDS: [string, number][] = [['发展', 10_000], ['大数据', 5_000], ['产业', 8_000], ['大', 20_000], ['数', 3_000], ['局', 2_000], ['据', 500], ['严厉打击', 900], ['打击', 4_000]];

describe('WordLattice', () => {
  it('reads a run far likelier with the character that completes a word', () => {
    const l = lattice('发展大数局产业', WORDS);
    const gain = l.gainWith(4, '据'.charCodeAt(0));
    expect(gain).toBeGreaterThan(3);
    expect([l.wordStart, l.wordEnd]).toEqual([2, 5]);
  });

  it('gains nothing, or loses, by changing a character of a word already read', () => {
    const l = lattice('发展大数据产业', WORDS);
    expect(l.gainWith(1, '局'.charCodeAt(0))).toBeLessThan(0);
  });

  it('reads four-character words', () => {
    const l = lattice('严历打击', WORDS);
    expect(l.gainWith(1, '厉'.charCodeAt(0))).toBeGreaterThan(5);
    expect([l.wordStart, l.wordEnd]).toEqual([0, 4]);
  });

  it('keeps runs apart: punctuation ends a word', () => {
    const l = lattice('大数，局产业', WORDS);
    const gain = l.gainWith(3, '据'.charCodeAt(0));
    expect(l.wordEnd - l.wordStart).toBe(1);
    expect(gain).toBeLessThan(3);
  });
});
