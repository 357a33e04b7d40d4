import { labelsOf, lookalikeCandidates } from '../../../checks/counterfeit/candidates';

describe('lookalike candidates', () => {
  const c = lookalikeCandidates('www.hd.gov.cn');
  const domains = new Set(c.map((x) => x.domain));

  it('reads the label of portal and department hosts, and nothing off gov.cn', () => {
    expect(labelsOf('www.hd.gov.cn')).toEqual({ label: 'hd', sub: [] });
    expect(labelsOf('slj.bd.gov.cn')).toEqual({ label: 'bd', sub: ['slj'] });
    expect(labelsOf('www.example.com')).toBeUndefined();
    expect(lookalikeCandidates('www.example.com')).toEqual([]);
  });

  it('generates the registered patterns: suffix swap, wrong SLD, gov token, appended TLD, department token, typos', () => {
    for (const d of ['hd.cn', 'hd.com', 'hd.com.cn', 'hd.org.cn', 'hdgov.cn', 'hd-gov.cn', 'govhd.com', 'hd-gov-cn.com', 'hdzf.cn', 'hd.gov.cn.com', 'hdrsj.cn', 'rshd.com']) expect(domains).toContain(d);
    expect(c.find((x) => x.domain === 'hd.gov.cn.com')!.pattern).toBe('appended-tld');
    expect(lookalikeCandidates('www.mohrss.gov.cn').some((x) => x.domain === 'm0hrss.com' && x.pattern === 'typo')).toBe(true);
  });

  it('never proposes a gov.cn name (outsiders cannot register one) or an invalid name', () => {
    expect(c.every((x) => !x.domain.endsWith('.gov.cn') && /^[a-z0-9.-]+$/.test(x.domain) && !/(^|\.)-|-(\.|$)/.test(x.domain))).toBe(true);
    expect(domains.size).toBe(c.length);
  });

  it('respects the cap', () => {
    expect(lookalikeCandidates('slj.baoding.gov.cn', 50)).toHaveLength(50);
    expect(lookalikeCandidates('slj.baoding.gov.cn').length).toBeGreaterThan(500);
  });
});
