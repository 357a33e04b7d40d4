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
});
