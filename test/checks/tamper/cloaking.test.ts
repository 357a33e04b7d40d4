/** tamper.cloaking: what the spider, the search visitor and the phone get that the desktop does not. */
import { cloaking } from '../../../checks/tamper/cloaking';
import { viewOf, type ProfileCapture, type ProfileName } from '../../../checks/tamper/profiles';
import type { Span } from '../../../checks/types';
import { testContext, testSite } from '../../helpers/context';

const URL_ = 'https://www.shifan.gov.cn/';
const PAGE = '<html><head><title>示范市人民政府</title></head><body><div class="news"><p>示范市召开常务会议研究部署冬季安全生产工作，要求压实责任。</p><p>市政府办公室印发关于做好冬季供暖保障工作的通知，全面保障群众温暖过冬。</p><a href="http://www.xinhuanet.com/">新华网</a></div></body></html>';
const SPAM = '<html><head><title>澳门新葡京官网_示范市人民政府</title></head><body><p>澳门新葡京娱乐场官方网站，首存送彩金，真人娱乐在线。</p><a href="http://www.xpj-casino.top/">立即注册</a></body></html>';

function capture(views: Partial<Record<ProfileName, { html?: string; finalUrl?: string; error?: string; status?: number }>>): ProfileCapture {
  return {
    url: URL_, at: '2026-11-28T00:00:00Z',
    views: (Object.keys(views) as ProfileName[]).map((p) => {
      const v = views[p]!;
      return v.error ? { profile: p, error: v.error, title: '', sentences: [], linkDomains: [], spam: [] } : viewOf(p, URL_, v.finalUrl ?? URL_, v.status ?? 200, v.html ?? PAGE);
    }),
  };
}
const run = (c: ProfileCapture) => cloaking.run(testSite({ urls: [URL_], profiles: [c] }), testContext()) as Span[];

describe('tamper.cloaking', () => {
  it('passes when every client sees the same page, and a mobile layout of its own', () => {
    const mobile = '<html><head><title>示范市人民政府</title></head><body><div class="m">示范市政府手机版</div></body></html>';
    expect(run(capture({ desktop: {}, mobile: { html: mobile, finalUrl: 'https://m.shifan.gov.cn/' }, spider: {}, 'search-visitor': {} }))).toEqual([]);
  });
  it('is critical when the spider is shown a gambling page', () => {
    const r = run(capture({ desktop: {}, mobile: {}, spider: { html: SPAM }, 'search-visitor': {} }));
    expect(r).toEqual([expect.objectContaining({ discriminator: 'spider', severity: 'critical', url: URL_ })]);
    expect(r[0]!.message).toMatch(/百度蜘蛛.*新葡京/);
  });
  it('is critical when a visitor from a search is sent to another site', () => {
    const r = run(capture({ desktop: {}, mobile: {}, spider: {}, 'search-visitor': { html: SPAM, finalUrl: 'http://www.xpj-casino.top/' } }));
    expect(r[0]).toMatchObject({ discriminator: 'search-visitor', severity: 'critical', message: expect.stringContaining('被跳转到 www.xpj-casino.top') });
  });
  it('reports links only the spider gets, and text unlike the desktop\'s', () => {
    const linkFarm = PAGE.replace('</div>', '<a href="http://www.friend-a.com/">友情</a><a href="http://www.friend-b.com/">合作</a></div>');
    expect(run(capture({ desktop: {}, spider: { html: linkFarm } }))[0]!.message).toMatch(/friend-a\.com/);
    const other = '<html><head><title>示范市人民政府</title></head><body><p>完全不同的一段内容，用来给搜索引擎收录的页面文字。</p><p>另外一段同样不同的文字内容，与桌面浏览器所见完全无关。</p></body></html>';
    expect(run(capture({ desktop: {}, spider: { html: other } }))[0]).toMatchObject({ severity: 'high', message: expect.stringMatching(/仅 0% 相同/) });
  });
  it('a firewall turning the spider away (403 block page, or a one-line challenge) is no cloaking', () => {
    const block = '<html><head><title>访问被拦截</title></head><body><p>您的访问被网站防火墙拦截，如有疑问请联系网站管理员。</p><p>事件编号：1234567890</p><a href="https://www.waf-vendor.example.com/">防护服务提供</a></body></html>';
    expect(run(capture({ desktop: {}, spider: { html: block, status: 403 } }))).toEqual([]);
    const challenge = '<html><head><title>安全验证</title></head><body><p>正在验证您的浏览器，请稍候</p><script>setTimeout(function(){location.reload()},3000)</script></body></html>';
    expect(run(capture({ desktop: {}, spider: { html: challenge } }))).toEqual([]);
    // Refused, but sent off the site or shown spam: still judged.
    expect(run(capture({ desktop: {}, spider: { html: SPAM, status: 403 } }))[0]).toMatchObject({ severity: 'critical' });
  });
  it('judges nothing from a profile that failed, and skips without captures', () => {
    expect(run(capture({ desktop: {}, spider: { error: 'timeout' } }))).toEqual([]);
    expect(cloaking.run(testSite(), testContext())).toEqual({ skipped: expect.any(String) });
  });
});
