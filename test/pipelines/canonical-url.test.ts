import { canonicalUrl } from '../../pipelines/canonical-url';

describe('canonicalUrl', () => {
  it('drops the fragment and tracking parameters, and orders the rest', () => {
    expect(canonicalUrl('https://a.gov.cn/s?b=2&utm_source=x&a=1#top')).toBe('https://a.gov.cn/s?a=1&b=2');
    expect(canonicalUrl('https://a.gov.cn/s?b=x+y&a=%E6%94%BF')).toBe('https://a.gov.cn/s?a=%E6%94%BF&b=x+y');
  });
  it('keeps escapes of a GBK query as the site wrote them (a UTF-8 decode would ask for U+FFFD)', () => {
    expect(canonicalUrl('https://a.gov.cn/s.jsp?kw=%D5%FE%B8%AE&a=1')).toBe('https://a.gov.cn/s.jsp?a=1&kw=%D5%FE%B8%AE');
    expect(canonicalUrl('https://a.gov.cn/s.jsp?kw=%D5%FE%B8%AE&_t=99')).toBe('https://a.gov.cn/s.jsp?kw=%D5%FE%B8%AE');
  });
});
