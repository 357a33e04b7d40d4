/** tamper.hidden-link: hidden AND external AND a spam signal; how it is hidden and why it is spam, named. */
import { runCheckCases } from '../../helpers/check-tester';
import { createPage } from '../../../checks/page';
import { hiddenLink } from '../../../checks/tamper/hidden-link';
import type { Span } from '../../../checks/types';
import { FIXED_NOW, testContext } from '../../helpers/context';

const run = (html: string, url = 'https://www.example.gov.cn/a.html', known?: string[]) =>
  hiddenLink.run(createPage({ siteId: 't', url, fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: html, origin: 'crawl' }), { ...testContext(), ...(known ? { known: { linkDomains: new Set(known), scriptOrigins: new Set() } } : {}) }) as Span[];

runCheckCases(hiddenLink, {
  valid: [
    { name: 'a visible gambling-news link is not hidden', html: '<p><a href="http://news.example.com/a">澳门新葡京被查处</a></p>' },
    { name: 'a hidden internal menu', html: '<ul style="display:none"><li><a href="/zwgk/">政务公开</a></li></ul>' },
    { name: 'hidden links to other gov.cn sites', html: '<div style="display:none"><a href="http://www.a.gov.cn/">甲</a><a href="http://www.b.gov.cn/">乙</a><a href="http://www.c.gov.cn/">丙</a><a href="http://www.d.gov.cn/">丁</a><a href="http://www.e.gov.cn/">戊</a></div>' },
    { name: 'one hidden external link with nothing against it', html: '<div style="display:none"><a href="https://www.partner.com/">合作单位</a></div>' },
    { name: 'a dropdown shown on hover', html: '<style>.m ul{display:none}.m:hover ul{display:block}</style><div class="m"><ul><li><a href="http://a1.com/">一</a></li><li><a href="http://a2.com/">二</a></li><li><a href="http://a3.com/">三</a></li><li><a href="http://a4.com/">四</a></li><li><a href="http://a5.com/">五</a></li></ul></div>' },
    { name: 'a rule hiding a class later overridden by a more specific one', html: '<style>.x{display:none} div#y.x{display:block}</style><div id="y" class="x"><a href="http://www.xpj.top/">新葡京</a></div>' },
    { name: 'the CONAC badge written by script', html: `<script>document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='http://dcs.conac.cn/js/45/000/0000/40001234/CA450000000400012340001.js'%3E%3C/script%3E"));</script>` },
    { name: 'javascript:, mailto: and fragment links', html: '<div style="display:none"><a href="javascript:void(0)">六合彩</a><a href="mailto:a@b.com">彩票</a><a href="#top">新葡京</a></div>' },
    { name: 'an open <dialog> of partner links', html: '<dialog open><a href="http://w1.com/">一</a><a href="http://w2.com/">二</a><a href="http://w3.com/">三</a><a href="http://w4.com/">四</a><a href="http://w5.com/">五</a></dialog>' },
    { name: 'a labelled <details> of partner links (a reader opens it)', html: `<details><summary>友情链接</summary>${[1, 2, 3, 4, 5].map((i) => `<a href="http://w${i}.com/">站${i}</a>`).join('')}</details>` },
    { name: 'a popover of partner links its button opens', html: `<button popovertarget="fl">友情链接</button><div id="fl" popover>${[1, 2, 3, 4, 5].map((i) => `<a href="http://w${i}.com/">站${i}</a>`).join('')}</div>` },
    { name: 'the summary of a closed <details> shows', html: '<details><summary><a href="http://www.partner.com/">合作单位</a></summary><p>简介</p></details>' },
  ],
  invalid: [
    { name: 'display:none with a gambling brand', html: '<div style="display:none"><a href="http://www.xpj.com/">澳门新葡京</a></div>', spans: [{ match: '澳门新葡京', severity: 'critical', hidden: true }] },
    { name: 'a class rule in <style>', html: '<style>.ft{position:absolute;left:-3000px}</style><div class="ft"><a href="http://www.bet.com/">bet365</a></div>', spans: [{ match: 'bet365', severity: 'critical' }] },
    { name: 'a link farm of neutral words', html: `<div style="display:none">${[1, 2, 3, 4, 5].map((i) => `<a href="http://w${i}.com/">站${i}</a>`).join('')}</div>`, spans: [1, 2, 3, 4, 5].map((i) => ({ match: `站${i}`, severity: 'high' as const })) },
    { name: 'in an HTML comment', html: '<!-- <a href="http://www.av.com/">国产精品</a> -->', spans: [{ match: 'http://www.av.com/', severity: 'critical' }] },
    { name: 'in a <dialog> never opened', html: '<dialog><a href="http://www.xpj.com/">澳门新葡京</a></dialog>', spans: [{ match: '澳门新葡京', severity: 'critical' }] },
    { name: 'in a popover no button opens', html: '<div popover><a href="http://www.xpj.com/">澳门新葡京</a></div>', spans: [{ match: '澳门新葡京', severity: 'critical' }] },
    { name: 'in a closed <details> with an empty label', html: '<details><summary></summary><a href="http://www.xpj.com/">澳门新葡京</a></details>', spans: [{ match: '澳门新葡京', severity: 'critical' }] },
    { name: 'in a labelled closed <details>, with spam words', html: '<details><summary>更多</summary><a href="http://www.xpj.com/">澳门新葡京</a></details>', spans: [{ match: '澳门新葡京', severity: 'critical' }] },
    { name: 'clipped away by clip-path: inset(100%)', html: '<div style="clip-path:inset(100%)"><a href="http://www.xpj.com/">澳门新葡京</a></div>', spans: [{ match: '澳门新葡京', severity: 'critical' }] },
  ],
});

describe('tamper.hidden-link, beyond the cases', () => {
  it('names a domain new to the site only when the site has history', () => {
    const html = '<div style="display:none"><a href="https://www.friend.com/">合作伙伴</a></div>';
    expect(run(html)).toEqual([]);
    expect(run(html, undefined, ['xinhuanet.com'])[0]!.message).toMatch(/本站以前从未链接该域名/);
    expect(run(html, undefined, ['friend.com'])).toEqual([]);
  });
  it('follows <base href> off the site: relative links become external', () => {
    const r = run('<base href="http://www.spam-base.top/"><div style="display:none"><a href="/x">快三</a></div>');
    expect(r[0]!.message).toMatch(/spam-base\.top/);
  });
  it('says how the link is hidden, through ancestors and the cascade', () => {
    const r = run('<style>#w .inner{font-size:0}</style><div id="w"><div class="inner"><span><a href="http://www.lhc.com/">六合彩开奖</a></span></div></div>');
    expect(r[0]!.message).toMatch(/font-size:0/);
    const c = run('<div style="background:#003366"><span style="color:#003366"><a href="http://www.lhc.com/">六合彩</a></span></div>');
    expect(c[0]!.message).toMatch(/文字颜色 #003366 与背景 #003366 相同/);
  });
  it('bounds hostile input: 10,000 CSS rules, broken CSS, invalid entities, deep tables', () => {
    const css = Array.from({ length: 10_000 }, (_, i) => `.c${i}{display:none;color:#${(i % 999).toString().padStart(3, '0')}}`).join('\n');
    const t0 = Date.now();
    const r = run(`<style>${css}</style><div class="c9999"><a href="http://www.xpj.com/">新葡京</a></div>`);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(r[0]!.message).toMatch(/display:none/);
    // Past the bound: the page is skipped with the reason, not passed as clean.
    const huge = Array.from({ length: 25_000 }, (_, i) => `.k${i}{display:none}`).join('');
    expect(hiddenLink.run(createPage({ siteId: 't', url: 'https://www.example.gov.cn/', fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: `<style>${huge}</style><p>x</p>`, origin: 'crawl' }), testContext())).toEqual({ skipped: expect.stringMatching(/only the first 20000 hiding rules/) });
    expect(run('<style>.x{display:none;;;color:}}} .y{{{</style><div class="x"><a href="http://www.xpj.com/">新葡京</a></div>')[0]!.severity).toBe('critical');
    expect(run('<div style="display:none"><a href="http://www.xpj.com/">&#xZZZ;&#99999999;新葡京&amp</a></div>')[0]!.severity).toBe('critical');
    const deep = '<table><tr><td>'.repeat(20_000) + '<div style="display:none"><a href="http://www.xpj.com/">新葡京</a></div>' + '</td></tr></table>'.repeat(20_000);
    expect(run(deep)[0]!.severity).toBe('critical');
  });
});

describe('tamper.hidden-link: hiding a static reader has to work out', () => {
  const spam = '<a href="http://www.hg0088-vip.com/">皇冠体育投注</a>';
  it.each([
    ['fixed above the screen', `<div style="position:fixed;top:-300px">${spam}</div>`, /top:-300px（移出屏幕）/],
    ['a negative margin', `<div style="margin-left:-6000px">${spam}</div>`, /margin-left:-6000px/],
    ['translated without a unit on x', `<div style="transform:translate(0,-3000px)">${spam}</div>`, /translate\(0,-3000px\)/],
    ['under the page by z-index', `<div style="position:absolute;z-index:-5">${spam}</div>`, /z-index:-5（可能被页面其他内容遮盖）/],
    ['a marquee too fast to read', `<marquee scrollamount="8000">${spam}</marquee>`, /滚动过快/],
    ['hidden by a script at load', `<div id="k9">${spam}</div><script>document.getElementById('k9').style.display='none';</script>`, /页面脚本将 #k9 设为隐藏/],
    ['hidden by jQuery when ready', `<p class="k9">${spam}</p><script>$(document).ready(function(){ $('.k9').hide(); });</script>`, /页面脚本将 \.k9 设为隐藏/],
    ['a hot spot of an image map no image uses', '<map name="m"><area shape="rect" coords="0,0,1,1" href="http://www.dk88.com/" alt="无视征信黑户可贷"></map>', /图像热区（<map name="m">）未被任何图片引用/],
    ['a link whose address is its javascript: code', `<div style="display:none"><a href="javascript:window.open('http://www.hg0088-vip.com/')">皇冠体育</a></div>`, /hg0088-vip\.com/],
    ['a # link that goes where its onclick says', `<div style="display:none"><a href="#" onclick="location.href='http://www.hg0088-vip.com/'">皇冠体育</a></div>`, /hg0088-vip\.com/],
    ['written in pieces: the wrapper, the link, the close', `<script>document.writeln("<div style='position:absolute;left:-9999px'>");document.writeln("<a href='http://www.hg0088-vip.com/'>皇冠体育</a>");document.writeln("</div>");</script>`, /由脚本写入.*left:-9999px/],
    ['the page\u2019s own link inside a hiding wrapper two scripts write around it', `<script>document.write('<div style="display:none">')</script><a href="http://www.hg0088-vip.com/">皇冠体育</a><script>document.write('</div>')</script>`, /被脚本写入而未闭合的隐藏元素包裹（display:none/],
    ['a framework\u2019s hiding class the page does not define', `<div class="d-none"><a href="http://www.hg0088-vip.com/">皇冠体育</a></div>`, /常见 CSS 框架的隐藏类 class="d-none"/],
    ['a span that opens the site when clicked', `<div style="display:none"><span onclick="window.open('http://www.hg0088-vip.com/')">皇冠体育</span></div>`, /皇冠体育/],
  ])('%s', (_, html, how) => {
    const r = run(html);
    expect(r).toHaveLength(1);
    expect(r[0]!.severity).toBe('critical');
    expect(r[0]!.message).toMatch(how);
  });
  const six = Array.from({ length: 6 }, (_, i) => `<li><a href="http://www.partner${i}.com/">单位${i}</a></li>`).join('');
  it('does not take menus, carousels and tabs for hiding', () => {
    expect(run(`<style>.m li ul{position:absolute;left:-9999px}.m li:hover ul{left:auto}</style><ul class="m"><li>链接<ul>${six}</ul></li></ul>`)).toEqual([]);
    expect(run(`<ul style="margin-left:-2400px;width:6000px">${six}</ul>`)).toEqual([]);
    // A banner laid behind the menu's dropdowns by a negative z-index is no farm by that alone.
    expect(run(`<div class="banner" style="position:relative;z-index:-1"><ul>${six}</ul></div>`)).toEqual([]);
    expect(run(`<div id="t2"><ul>${six}</ul></div><script>function tab(n){document.getElementById('t2').style.display='none';}</script>`)).toEqual([]);
    // Hidden by script at load, six neutral partners are a tab until a spam word says otherwise.
    expect(run(`<div id="t3"><ul>${six}</ul></div><script>document.getElementById('t3').style.display='none';</script>`)).toEqual([]);
    expect(run(`<div style="display:none"><a href="https://dl.partner-app.com/app.apk">APP下载</a></div>`)).toEqual([]);
    // Hidden only by a framework class, six neutral partners are a collapsed panel; after the wrapper closes, links show again.
    expect(run(`<div class="hide"><ul>${six}</ul></div>`)).toEqual([]);
    expect(run(`<style>.yq{display:none}</style><a onclick="$('#yq').toggle()">更多</a><div class="yq" id="yq"><ul>${six}</ul></div>`)).toEqual([]);
    // The same panel with no code that opens it is a farm of six.
    expect(run(`<style>.yq{display:none}</style><div class="yq" id="yq"><ul>${six}</ul></div>`)).toHaveLength(6);
    expect(run(`<script>document.write('<div style="display:none">')</script><script>document.write('</div>')</script><a href="http://www.hg0088-vip.com/">皇冠体育</a>`)).toEqual([]);
    expect(run(`<div style="display:none"><a href="https://dl.partner-app.com/app.apk" download>APP下载</a></div>`)[0]!.message).toMatch(/隐藏的可执行文件直接下载/);
  });
});
