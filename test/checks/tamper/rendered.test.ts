/**
 * What the tamper rules read of a key page as Chromium rendered it (checks/tamper/rendered.ts):
 * links hidden only in the rendering count as weakly hidden (spam words needed), nothing the
 * served HTML already shows is reported twice, and a rendering's title, metas and final address
 * are judged like the served page's. The renderer itself is tested against Chromium in
 * test/pipelines/render.test.ts.
 */
import { createPage } from '../../../checks/page';
import { hiddenLink } from '../../../checks/tamper/hidden-link';
import { titleHijack } from '../../../checks/tamper/title-hijack';
import { injectedScript } from '../../../checks/tamper/injected-script';
import { cloaking } from '../../../checks/tamper/cloaking';
import { viewOf } from '../../../checks/tamper/profiles';
import type { RenderedPage } from '../../../checks/tamper/rendered';
import type { Site, Span } from '../../../checks/types';
import { FIXED_NOW, testContext } from '../../helpers/context';

const URL_ = 'https://www.example.gov.cn/';
const SERVED = '<html><head><title>示范市人民政府</title><link rel="stylesheet" href="/site.css"></head><body><div class="ft"><a href="https://www.xpj-casino.com/">澳门新葡京</a></div><p>政务公开</p></body></html>';
const page = (rendered: Partial<RenderedPage>, html = SERVED) =>
  createPage({ siteId: 't', url: URL_, fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: html, origin: 'crawl', rendered: { finalUrl: URL_, title: '示范市人民政府', metas: [], links: [], ...rendered } });
const run = (check: { run: (...a: never[]) => unknown }, p: ReturnType<typeof page>) => (check.run as (p: unknown, c: unknown) => Span[])(p, testContext());

describe('the rendering, as tamper.hidden-link reads it', () => {
  it('reports a link the served page shows but a stylesheet hides', () => {
    const r = run(hiddenLink, page({ links: [{ url: 'https://www.xpj-casino.com/', text: '澳门新葡京', title: '', hidden: '<div.ft> 位于页面之外' }] }));
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ severity: 'critical', discriminator: 'xpj-casino.com' });
    expect(r[0]!.message).toMatch(/浏览器渲染后：<div\.ft> 位于页面之外/);
  });

  it('reports a link only a script built, saying so', () => {
    const r = run(hiddenLink, page({ links: [{ url: 'https://www.duchang.top/', text: '澳门赌场在线', title: '', hidden: '链接位于页面之外（-7028, 93）' }] }));
    expect(r[0]!.message).toMatch(/浏览器渲染后（由脚本生成）/);
  });

  it('leaves hidden links without spam words: a share menu, a partner dropdown, many of them', () => {
    const share = ['weibo.com', 'qzone.qq.com', 'douban.com', 'renren.com', 'kaixin001.com', 'tieba.baidu.com'].map((h) => ({ url: `https://${h}/share`, text: '分享', title: '', hidden: '链接 display:none' }));
    expect(run(hiddenLink, page({ links: [...share, { url: 'https://www.partner.com/', text: '合作单位', title: '', hidden: '<ul.sub> display:none' }] }))).toEqual([]);
  });

  it('does not report twice what the served HTML already hides', () => {
    const served = '<html><head><title>t</title></head><body><div style="display:none"><a href="https://www.xpj-casino.com/">澳门新葡京</a></div></body></html>';
    const r = run(hiddenLink, page({ links: [{ url: 'https://www.xpj-casino.com/', text: '澳门新葡京', title: '', hidden: '<div> display:none' }] }, served));
    expect(r).toHaveLength(1);
    expect(r[0]!.message).not.toMatch(/浏览器渲染后/);
  });

  it('leaves a shown link shown, and the site\'s own hidden links alone', () => {
    expect(run(hiddenLink, page({ links: [{ url: 'https://www.xpj-casino.com/', text: '澳门新葡京', title: '' }] }))).toEqual([]);
    expect(run(hiddenLink, page({ links: [{ url: 'https://www.example.gov.cn/caipiao/', text: '彩票公益金使用情况', title: '', hidden: '链接 display:none' }] }))).toEqual([]);
  });
});

describe('the rendering, as the title, script and cloaking rules read it', () => {
  it('reads a title or keywords a script left, once', () => {
    const r = run(titleHijack, page({ title: '澳门新葡京官网_示范市人民政府', metas: [{ name: 'keywords', content: '六合彩,正版资料大全' }] }));
    expect(r.map((s) => s.discriminator)).toEqual(['浏览器渲染后的标题', '浏览器渲染后的 <meta name="keywords">']);
    // The served page's own spam title is reported from the served page only.
    const served = SERVED.replace('<title>示范市人民政府', '<title>澳门新葡京官网_示范市人民政府');
    expect(run(titleHijack, page({ title: '澳门新葡京官网_示范市人民政府' }, served)).map((s) => s.discriminator)).toEqual(['<title>']);
    expect(run(titleHijack, page({ title: '示范市人民政府 ' }))).toEqual([]);
    // A script the static reading follows in part (the known start of the new title) is one hijack, not two.
    const prefixed = SERVED.replace('</body>', '<script>var s="澳门新葡京官网_";document.title=s+document.title;</script></body>');
    expect(run(titleHijack, page({ title: '澳门新葡京官网_示范市人民政府' }, prefixed)).map((s) => s.discriminator)).toEqual(['脚本写入的 document.title']);
  });

  it('reports a key page that ends on another site once its scripts ran, not one that stays or goes to gov.cn', () => {
    const r = run(injectedScript, page({ finalUrl: 'https://www.duchang.top/?from=baidu' }));
    expect(r).toEqual([expect.objectContaining({ severity: 'critical', discriminator: 'rendered-redirect|www.duchang.top' })]);
    expect(run(injectedScript, page({ finalUrl: 'https://www.example.gov.cn/index.html' }))).toEqual([]);
    expect(run(injectedScript, page({ finalUrl: 'https://www.gd.gov.cn/' }))).toEqual([]);
  });

  it('vets what the page loaded while it rendered and no markup names: odd ports, IP addresses, risky TLDs, miners', () => {
    const loaded = (url: string, kind: 'script' | 'iframe' | 'websocket' = 'script') => run(injectedScript, page({ loaded: [{ url, kind }] }));
    expect(loaded('http://203.0.113.7:8081/c.js')).toEqual([expect.objectContaining({ severity: 'high', discriminator: 'script|http://203.0.113.7:8081', message: expect.stringMatching(/IP 地址；非常用端口 8081/) })]);
    expect(loaded('https://cdn.jsq-tj.top/x.js', 'iframe')).toEqual([expect.objectContaining({ discriminator: 'iframe|https://cdn.jsq-tj.top' })]);
    expect(loaded('wss://pool.minexmr.com/ws', 'websocket')).toEqual([expect.objectContaining({ severity: 'critical' })]);
    // A third-party script loading its own (a CDN, a map API): not read from novelty alone.
    expect(loaded('https://webapi.amap.com/maps?v=2.0')).toEqual([]);
    expect(loaded('https://www.example.gov.cn/js/common.js')).toEqual([]);
    // Named in the markup: the static reading judges it, once.
    const named = SERVED.replace('</body>', '<script src="https://cdn.jsq-tj.top/x.js"></script></body>');
    expect(run(injectedScript, page({ loaded: [{ url: 'https://cdn.jsq-tj.top/x.js', kind: 'script' }] }, named)).map((s) => s.discriminator)).toEqual(['script|https://cdn.jsq-tj.top']);
  });

  it('reads rendered cloaking for redirects and spam only, under its own name', () => {
    const html = (body: string) => `<html><head><title>示范市人民政府</title></head><body>${body}</body></html>`;
    const site = (views: ReturnType<typeof viewOf>[]): Site => ({ id: 't', name: 't', urls: [URL_], pages: [], documents: [], links: [], profiles: [{ url: URL_, at: FIXED_NOW.toISOString(), rendered: true, views }] }) as unknown as Site;
    const desktop = viewOf('desktop', URL_, URL_, 200, html('<p>今天天气晴。明天有雨。</p><a href="https://news.a.com/">新闻</a>'));
    // Live parts differ between two renderings: other links and other text are not cloaking.
    const calm = viewOf('search-visitor', URL_, URL_, 200, html('<p>推荐阅读一。推荐阅读二。推荐阅读三。</p><a href="https://news.b.com/">新闻</a>'));
    expect(cloaking.run(site([desktop, calm]), testContext())).toEqual([]);
    const sent = viewOf('search-visitor', URL_, 'https://www.duchang.top/', 200, html('<p>今天天气晴。</p>'));
    const r = cloaking.run(site([desktop, sent]), testContext()) as Span[];
    expect(r).toEqual([expect.objectContaining({ severity: 'critical', discriminator: 'rendered:search-visitor' })]);
    expect(r[0]!.message).toMatch(/浏览器渲染，脚本执行后.*www\.duchang\.top/);
  });
});
