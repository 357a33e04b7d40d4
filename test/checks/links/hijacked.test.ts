import { hijackedLinks } from '../../../checks/links/hijacked';
import type { Site, Span } from '../../../checks/types';
import { testContext, testSite } from '../../helpers/context';

function run(links: Site['links'], trustedHosts: string[] = []): Span[] {
  const r = hijackedLinks.run(testSite({ links }), { ...testContext(), trustedHosts });
  return Array.isArray(r) ? r : [];
}

describe('links.hijacked', () => {
  it('reports prohibited content behind an outbound link, critical on the homepage', () => {
    const spans = run([
      { from: 'https://www.example.gov.cn/', to: 'https://old-partner.example.com/', status: 200, external: true, hijack: 'prohibited: 六合彩' },
      { from: 'https://www.example.gov.cn/a/b.html', to: 'https://other.example.com/', status: 200, external: true, hijack: 'prohibited: 百家乐' },
    ]);
    expect(spans.map((s) => s.severity)).toEqual(['critical', 'high']);
    expect(spans[0]!.message).toContain('六合彩');
  });

  it('reports parked and unresolvable domains as medium', () => {
    const spans = run([
      { from: 'https://www.example.gov.cn/a', to: 'https://parked.example.com/', status: 200, external: true, hijack: 'parked' },
      { from: 'https://www.example.gov.cn/a', to: 'https://lapsed.example.com/', error: 'dns', external: true, hijack: 'unresolvable' },
    ]);
    expect(spans.map((s) => [s.severity, s.message!.includes('出售') || s.message!.includes('无法解析')])).toEqual([['medium', true], ['medium', true]]);
  });

  it('reports a link dressed as a government site that leads off gov.cn', () => {
    const spans = run([
      { from: 'https://www.example.gov.cn/', to: 'https://bj-gov.example.com/', status: 200, external: true, anchor: '北京市人民政府' },
    ]);
    expect(spans).toHaveLength(1);
    expect(spans[0]!.message).toContain('以政府网站名义');
  });

  it.each(['示范市人民政府门户网站', '中国政府网', '全国人大', '市教育局 官网', '省政务服务平台', 'www.example.gov.cn'])('“%s” off gov.cn is dressed as a government site', (anchor) => {
    expect(run([{ from: 'https://www.example.gov.cn/a.html', to: 'https://lookalike.example.com/', status: 200, external: true, anchor }])).toHaveLength(1);
  });

  it('an article title that mentions a government is no site name: a news report of it is an ordinary link', () => {
    expect(
      run([
        { from: 'https://www.example.gov.cn/', to: 'https://news.example-media.com.cn/1.html', status: 200, external: true, anchor: '省人民政府召开常务会议' },
        { from: 'https://www.example.gov.cn/', to: 'https://news.example-media.com.cn/2.html', status: 200, external: true, anchor: '示范市人民政府关于做好防汛工作的通知' },
        { from: 'https://www.example.gov.cn/', to: 'https://www.rmzxb.com.cn/', status: 200, external: true, anchor: '人民政协网' },
        { from: 'https://www.example.gov.cn/', to: 'https://www.sfjy.edu.cn/', status: 200, external: true, anchor: '示范市教育局官网' },
      ]),
    ).toEqual([]);
  });

  it('stays quiet for government links, official media, trusted hosts and ordinary outbound links', () => {
    expect(
      run(
        [
          { from: 'https://www.example.gov.cn/', to: 'https://www.beijing.gov.cn/', status: 200, external: true, anchor: '北京市人民政府' },
          { from: 'https://www.example.gov.cn/', to: 'http://www.people.com.cn/', status: 200, external: true, anchor: '人民网' },
          { from: 'https://www.example.gov.cn/', to: 'https://zwfw.example-platform.cn/', status: 200, external: true, anchor: '省政务服务网' },
          { from: 'https://www.example.gov.cn/', to: 'https://www.example-bank.com/', status: 200, external: true, anchor: '银行' },
          { from: 'https://www.example.gov.cn/', to: 'https://club.example.com/', status: 200, external: true, anchor: '青年俱乐部' },
        ],
        ['example-platform.cn'],
      ),
    ).toEqual([]);
  });
});
