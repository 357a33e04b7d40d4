/** counterfeit.gov-claim: a government identity on a host that cannot carry one. */
import { createPage } from '../../../checks/page';
import { govClaim } from '../../../checks/counterfeit/gov-claim';
import { testContext, FIXED_NOW } from '../../helpers/context';

const run = (url: string, html: string) =>
  govClaim.run(createPage({ siteId: 't', url, fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: html, origin: 'crawl' }), { ...testContext(FIXED_NOW), inventory: { sites: [], officialHosts: ['official-platform.cn'] } });

const FORM = '<form><label>身份证号</label><input name="sfzh"><label>银行卡号</label><input name="card"><input name="code" placeholder="短信验证码"></form>';

describe('counterfeit.gov-claim', () => {
  it('is high for a SiteName of a government body off gov.cn', () => {
    expect(run('http://hdgov.cn/', '<meta name="SiteName" content="邯郸市人民政府"><title>首页</title>')).toEqual([expect.objectContaining({ severity: 'high', message: expect.stringContaining('SiteName「邯郸市人民政府」') })]);
  });
  it('is critical when the page asks for ID, bank card and SMS code', () => {
    expect(run('http://gov-cn.xyz/bt', `<title>补贴申领_国家政务服务平台</title>${FORM}`)).toEqual([expect.objectContaining({ severity: 'critical', message: expect.stringMatching(/身份证号、银行卡号、短信验证码/) })]);
  });
  it('is critical when the page pushes an app to install or a code to pay by instead of a form; a chat 客服 alone keeps it high', () => {
    expect(run('http://gs-tax.top/', '<title>国家税务总局 - 个税退税</title><p>您有一笔退税待领取，请下载官方APP办理</p><a href="/dl/gerensuodeshui_v3.apk">立即下载</a>')).toEqual([expect.objectContaining({ severity: 'critical', message: expect.stringMatching(/下载安装包\(\.apk\)/) })]);
    expect(run('http://bt-pay.cc/', '<title>社保补贴领取_人力资源和社会保障部</title><p>请先扫码缴费 20 元工本费</p><img src="qr.png">')).toEqual([expect.objectContaining({ severity: 'critical', message: expect.stringContaining('扫码付款') })]);
    expect(run('http://bt-kf.cc/', '<title>补贴咨询_人力资源和社会保障部</title><p>客服QQ：123456789</p>')).toEqual([expect.objectContaining({ severity: 'high', message: expect.stringContaining('QQ/微信客服') })]);
  });
  it('reads how scam pages sign: the title alone or first, Copyright ©, the logo', () => {
    const claim = (url: string, html: string) => (run(url, html) as { message: string }[]).map((s) => s.message).join('\n');
    expect(claim('http://www.rsbt-gov.com/', `<title>中华人民共和国人力资源和社会保障部</title>${FORM}`)).toMatch(/标题署名「中华人民共和国人力资源和社会保障部」/);
    expect(claim('http://tax-refund.cc/', '<title>国家税务总局 - 个人所得税退税</title>')).toMatch(/标题署名「国家税务总局」/);
    expect(claim('http://www.szzf-bt.cn/', '<title>补贴申领中心</title><div class="footer">Copyright © 2020-2026 深圳市人民政府 All Rights Reserved</div>')).toMatch(/主办单位「深圳市人民政府」/);
    expect(claim('http://gov-etc.top/', '<title>ETC在线认证</title><img src="/img/logo.png" alt="交通运输部">')).toMatch(/页面标志「交通运输部」/);
    expect(claim('http://gov-etc.top/', '<title>ETC在线认证</title><div class="top-logo">襄阳市人民政府门户网站</div>')).toMatch(/页面标志「襄阳市人民政府门户网站」/);
  });
  it('does not take a sentence naming a government, or another site\u2019s page about one, for a claim', () => {
    expect(run('https://www.lawfirm.com/', '<title>某某律师事务所_专业处理与市场监督管理局的行政复议</title>')).toEqual([]);
    expect(run('https://news.example.com/a', '<title>深圳市人民政府发布补贴新政 - 某某新闻网</title>')).toEqual([]);
    expect(run('http://liuyan.people.com.cn/t/1', '<title>湖北省人民政府_领导留言板_人民网</title><h1>湖北省人民政府</h1>')).toEqual([]);
    expect(run('https://www.co.com/', '<title>某某科技有限公司</title><div>Copyright © 2026 某某科技有限公司 承建：某某市人民政府网站</div><img src="/news/photo1.jpg" alt="深圳市人民政府">')).toEqual([]);
  });
  it('reads the CONAC mark written by document.write(unescape(…))', () => {
    const inner = encodeURIComponent("<script src='http://dcs.conac.cn/js/45/000/0000/40001234/CA450000000400012340001.js'></script>");
    expect(run('http://x.top/', `<script>document.write(unescape("${inner}"));</script>`)).toEqual([expect.objectContaining({ message: expect.stringContaining('CONAC') })]);
  });
  it('stays quiet on gov.cn, .政务 and configured official hosts, and on news headlines', () => {
    expect(run('https://www.hd.gov.cn/', '<meta name="SiteName" content="邯郸市人民政府">')).toEqual([]);
    expect(run('https://xn--fiqs8s.xn--zfr164b/', '<meta name="SiteName" content="邯郸市人民政府">')).toEqual([]);
    expect(run('https://a.official-platform.cn/', '<meta name="SiteName" content="邯郸市人民政府">')).toEqual([]);
    expect(run('https://news.example.com/1', '<title>邯郸市人民政府召开常务会议_某日报</title><p>主办：某日报社</p>')).toEqual([]);
  });
  it.each([
    ['a local file', 'file:///srv/cms/export/a.html'],
    ['an export record without an address', 'export:cms.jsonl#a1'],
    ['a CMS preview on a private address', 'http://10.1.2.3/preview/2'],
    ['a preview on a single-label host', 'http://cms-preview:8080/a/1'],
    ['an intranet copy', 'https://www.oa.internal/a.html'],
    ['a loopback copy', 'http://[::1]:8080/a.html'],
  ])('does not judge %s (no public site): it says why', (_what, url) => {
    expect(run(url, '<meta name="SiteName" content="邯郸市人民政府"><title>通知_邯郸市人民政府</title><p>主办单位：邯郸市人民政府办公室</p>')).toEqual({ skipped: expect.stringMatching(/no web address|private address/) });
  });
  it('an image captcha on a search form is not a request for secrets', () => {
    expect(run('http://hdgov.cn/', `<meta name="SiteName" content="邯郸市人民政府"><form><input name="q"><input name="yzm" placeholder="验证码"></form>`)).toEqual([expect.objectContaining({ severity: 'high' })]);
  });
});
