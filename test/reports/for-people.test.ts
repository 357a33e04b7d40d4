import { maskPersonal } from '../../pipelines/evidence/masking';

describe('maskPersonal (URLs and titles)', () => {
  it('masks ID and mobile numbers wherever they sit in a URL', () => {
    expect(maskPersonal('https://a.gov.cn/gone-13700031676.html')).toBe('https://a.gov.cn/gone-13*******76.html');
    expect(maskPersonal('https://a.gov.cn/cx?sfz=110105199003071239&x=1')).toBe('https://a.gov.cn/cx?sfz=11**************39&x=1');
    expect(maskPersonal('https://a.gov.cn/p/44030519810404003X.html')).toBe('https://a.gov.cn/p/44**************3X.html');
  });
  it('leaves article ids, dates and timestamps a reader must still open', () => {
    for (const u of [
      'https://a.gov.cn/zwdt/202611/t20261120_1234567.html',
      'https://a.gov.cn/content/post_1234567890.html',
      'https://a.gov.cn/art/2026/11/20/art_1229_4567890.html?t=1796409565069',
      'https://a.gov.cn/list_23700031676123.html',
    ]) expect(maskPersonal(u)).toBe(u);
  });
});
