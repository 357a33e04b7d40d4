import { normalizeForMatching, repairSurrogates, toOriginalSpan } from '../../../checks/text/normalize';

describe('normalizeForMatching', () => {
  it('folds full-width ASCII and the ideographic space', () => {
    expect(normalizeForMatching('ＡＢＣ１２３　ｘ').text).toBe('ABC123 x');
  });
  it('drops zero-width characters and maps offsets back', () => {
    const src = '赌\u200b博网站';
    const n = normalizeForMatching(src);
    expect(n.text).toBe('赌博网站');
    const span = toOriginalSpan(n, 0, 2);
    expect(src.slice(span.start, span.end)).toBe('赌\u200b博');
  });
  it('leaves CJK compatibility and circled numbers alone (no NFKC)', () => {
    expect(normalizeForMatching('①㈠').text).toBe('①㈠');
  });
});

describe('repairSurrogates', () => {
  it('replaces lone surrogates and keeps pairs', () => {
    expect(repairSurrogates('a\ud800b\udc00c𠮷')).toBe('a\ufffdb\ufffdc𠮷');
  });
});
