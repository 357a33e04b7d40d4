/**
 * Prints are stored: a copy found next month is compared with prints an earlier version stored,
 * so the hashes must not change with their code. These values were printed by the first version
 * (a Unicode-property pattern per character, 64 additions a 3-gram), before its faster rewrite.
 */
import { hamming64, sentencesOf, simhash64 } from '../../../checks/counterfeit/prints';

describe('page prints', () => {
  const notice = '示范市人民政府关于印发《2026年政务公开工作要点》的通知。各县（区）人民政府，市直各单位：现将要点印发给你们，请认真贯彻落实！';
  // Latin letters, a dash, full-width letters and characters outside the BMP (surrogate pairs).
  const mixed = "Shifan City People's Government — Notice No.12 (2026)；𠀀𠀁字样与ＡＢＣ全角";

  it('keeps the SimHash that earlier versions stored', () => {
    expect(simhash64(notice)).toBe('d61543c8d9e0fabc');
    expect(simhash64(mixed)).toBe('647605cc62b9ff03');
    expect(simhash64('短句。')).toBe('0000000000000000');
  });

  it('keeps the sentence hashes and offsets that earlier versions stored', () => {
    expect(sentencesOf(notice)).toEqual([{ hash: 238967412631241, start: 0, end: 30 }, { hash: 265031285233148, start: 30, end: 64 }]);
    expect(sentencesOf(mixed)).toEqual([{ hash: 158392482262730, start: 0, end: 54 }, { hash: 214373486208565, start: 54, end: 66 }]);
  });

  it('ignores punctuation, spacing and letter case, not wording', () => {
    expect(simhash64(notice.replace(/，/g, ', ').replace(/。/g, '.\n'))).toBe(simhash64(notice));
    expect(simhash64(mixed.toUpperCase())).toBe(simhash64(mixed));
    expect(hamming64(simhash64(notice), simhash64(notice.replace('政务公开', '赌场开业')))).toBeGreaterThan(0);
  });

  /** The prints as they are defined: the letters and digits of the text, lower-cased as one string. */
  function fnv(s: string, seed: number): number {
    let h = seed >>> 0;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    return h;
  }
  function mix(h: number): number {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
    return h >>> 0;
  }
  const coreOf = (s: string): string => [...s].filter((ch) => /^[\p{L}\p{N}]$/u.test(ch)).join('').toLowerCase();
  function definedSimhash(text: string): string {
    const c = coreOf(text);
    const sums = new Array<number>(64).fill(0);
    for (let i = 0; i + 3 <= c.length; i++) {
      const lo = fnv(c.slice(i, i + 3), 0x811c9dc5);
      const hi = mix(lo ^ 0x5bd1e995);
      for (let b = 0; b < 32; b++) {
        sums[b]! += (lo >>> b) & 1 ? 1 : -1;
        sums[b + 32]! += (hi >>> b) & 1 ? 1 : -1;
      }
    }
    let lo = 0;
    let hi = 0;
    for (let b = 0; b < 64; b++) {
      if (sums[b]! <= 0) continue;
      if (b < 32) lo |= 1 << b;
      else hi |= 1 << (b - 32);
    }
    return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
  }
  function definedSentences(text: string): { hash: number; start: number; end: number }[] {
    const out = [];
    for (const m of text.matchAll(/[^。！？；!?;\n]+[。！？；!?;]?/g)) {
      const c = coreOf(m[0]);
      if (c.length < 10) continue;
      const hash = (fnv(c, 0x811c9dc5) & 0xffff) * 0x100000000 + mix(fnv(c, 0x9747b28c));
      out.push({ hash, start: m.index + m[0].length - m[0].trimStart().length, end: m.index + m[0].trimEnd().length });
    }
    return out;
  }

  it('matches its definition on any text, Greek word-final sigma, dotted İ and lone surrogates included', () => {
    // Pieces a page may hold; Σ and İ lower-case by context or into two units, so they take the slow road.
    const pieces = ['政务', '公开', '。', '，', 'Notice', 'ΟΔΟΣ', 'ΣΑΣ', 'İstanbul', 'ﬁ', 'Ａｂｃ', '１２', '𠀀', '\ud800', '\udc00', ' ', '\n', '！', 'x', '9', '—', '\u3000'];
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let n = 0; n < 400; n++) {
      let text = '';
      const length = next() % 60;
      for (let k = 0; k < length; k++) text += pieces[next() % pieces.length];
      expect([text, simhash64(text)]).toEqual([text, definedSimhash(text)]);
      expect([text, sentencesOf(text)]).toEqual([text, definedSentences(text)]);
    }
  });

  it('reads a text longer than its reused array the same way, and one there that needs the slow road', () => {
    const long = '政务公开Notice１２，'.repeat(8_000);
    for (const text of [long, `${long}ΟΔΟΣ`]) {
      expect(simhash64(text)).toBe(definedSimhash(text));
      expect(sentencesOf(text)).toEqual(definedSentences(text));
    }
    // A 90,000-character sentence, read through an array of its own.
    const sentence = '示范市人民政府'.repeat(13_000);
    expect(sentencesOf(sentence)).toEqual(definedSentences(sentence));
  });
});

