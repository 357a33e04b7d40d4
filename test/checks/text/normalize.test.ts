import { foldWidthChar, isInvisible, repairSurrogates } from '../../../checks/text/normalize';

describe('character folding', () => {
  it('folds full-width ASCII and the ideographic space only', () => {
    expect(String.fromCharCode(...[...'ＡＢＣ１２３　ｘ'].map((c) => foldWidthChar(c.charCodeAt(0))))).toBe('ABC123 x');
  });
  it('leaves CJK compatibility and circled numbers alone (no NFKC)', () => {
    expect(String.fromCharCode(...[...'①㈠'].map((c) => foldWidthChar(c.charCodeAt(0))))).toBe('①㈠');
  });
  it('knows the zero-width characters', () => {
    expect([0x200b, 0xfeff, 0x00ad].every(isInvisible)).toBe(true);
    expect(isInvisible('赌'.charCodeAt(0))).toBe(false);
  });
});

describe('repairSurrogates', () => {
  it('replaces lone surrogates and keeps pairs', () => {
    expect(repairSurrogates('a\ud800b\udc00c𠮷')).toBe('a\ufffdb\ufffdc𠮷');
  });
});
