import { domainToASCII } from 'node:url';
import { labelsOf, lookalikeCandidates, nameTokens, deceptiveShape } from '../../../checks/counterfeit/candidates';

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

  it('turns the office\'s name into pinyin tokens the way counterfeits are registered (yananzw.cn, xjrs.net)', () => {
    expect(nameTokens('辛集市人力资源和社会保障局')).toEqual({ region: ['xinji', 'xj', 'xjs'], dept: ['rlzyhshbzj', 'rs', 'rsj', 'hrss', 'rsks', '12333'] });
    expect(nameTokens('延安市人民政府').region).toEqual(['yanan', 'ya', 'yas']);
    const xj = lookalikeCandidates('rsj.xinji.gov.cn', 5000, '辛集市人力资源和社会保障局');
    const found = new Map(xj.map((x) => [x.domain, x.pattern]));
    for (const d of ['xjrs.net', 'xjrs.cn', 'xj-hrss.cn', 'rsxj.com', 'xjrlzyhshbzj.cn']) expect(found.get(d)).toBe('pinyin');
    expect(lookalikeCandidates('www.yanan.gov.cn', 5000, '延安市人民政府').some((x) => x.domain === 'yanzf.cn' || x.domain === 'yanzw.cn')).toBe(false);
    expect(lookalikeCandidates('www.yanan.gov.cn', 5000, '延安市人民政府').map((x) => x.domain)).toEqual(expect.arrayContaining(['yananzw.cn', 'yazf.com']));
  });

  it('writes the name under open Chinese suffixes, where only .政务 is the real one', () => {
    const c = lookalikeCandidates('www.shifan.gov.cn', 5000, '示范市人民政府');
    const idn = domainToASCII('示范市人民政府.中国');
    expect(c.find((x) => x.domain === idn)?.pattern).toBe('chinese-idn');
    expect(c.some((x) => x.domain === domainToASCII('示范市人民政府.政务'))).toBe(false);
  });
});

describe('names that deceive by themselves (reference §2.5 C5, C11, C12)', () => {
  it('names gov.cn embedded off gov.cn, government tokens on hosting platforms and in dynamic-DNS zones', () => {
    expect(deceptiveShape('www.hd.gov.cn.abc123.top')).toMatch(/C5/);
    expect(deceptiveShape('hd-gov-cn.xyz')).toMatch(/C5/);
    expect(deceptiveShape('gov-cn.xyz')).toMatch(/C5/);
    expect(deceptiveShape('hd-gov.pages.dev')).toMatch(/C11/);
    expect(deceptiveShape('zwfw-login.vercel.app')).toMatch(/C11/);
    expect(deceptiveShape('gov.cn.beijing.ddns.net')).toMatch(/C5|C12/);
    expect(deceptiveShape('bjzf.3322.org')).toBeUndefined();
    expect(deceptiveShape('bj-zf.3322.org')).toMatch(/C12/);
  });
  it('leaves gov.cn hosts and ordinary names alone', () => {
    expect(deceptiveShape('www.hd.gov.cn')).toBeUndefined();
    expect(deceptiveShape('gov.cn')).toBeUndefined();
    expect(deceptiveShape('example.com')).toBeUndefined();
    expect(deceptiveShape('governance.pages.dev')).toBeUndefined();
    expect(deceptiveShape('mygithub.github.io')).toBeUndefined();
  });
});
