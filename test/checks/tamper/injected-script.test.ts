/** tamper.injected-script: hidden frames, odd or new origins, obfuscation, cloaking, miners, redirects. */
import { runCheckCases } from '../../helpers/check-tester';
import { createPage } from '../../../checks/page';
import { injectedScript } from '../../../checks/tamper/injected-script';
import type { Span } from '../../../checks/types';
import { FIXED_NOW, testContext } from '../../helpers/context';

const run = (html: string, origins?: string[], trustedHosts?: string[]) =>
  injectedScript.run(createPage({ siteId: 't', url: 'https://www.example.gov.cn/a.html', fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: html, origin: 'crawl' }), {
    ...testContext(), ...(origins ? { known: { linkDomains: new Set(), scriptOrigins: new Set(origins) } } : {}), ...(trustedHosts ? { trustedHosts } : {}),
  }) as Span[];

runCheckCases(injectedScript, {
  valid: [
    { name: 'Baidu statistics', html: '<script>var _hmt=_hmt||[];(function(){var hm=document.createElement("script");hm.src="https://hm.baidu.com/hm.js?abc";var s=document.getElementsByTagName("script")[0];s.parentNode.insertBefore(hm,s);})();</script>' },
    { name: 'CNZZ written by document.write(unescape())', html: `<script>var cnzz_protocol=(("https:"==document.location.protocol)?"https://":"http://");document.write(unescape("%3Cspan id='cnzz_stat_icon_1'%3E%3C/span%3E%3Cscript src='"+cnzz_protocol+"s9.cnzz.com/z_stat.php%3Fid%3D1' type='text/javascript'%3E%3C/script%3E"));</script>` },
    { name: 'a mobile redirect to its own mobile site', html: '<script>if(/(iPhone|Android)/i.test(navigator.userAgent)){window.location.href="/m/";}</script>' },
    { name: 'a visible video frame from another gov site', html: '<iframe src="https://v.other.gov.cn/p?id=1" width="640" height="360"></iframe>' },
    { name: 'an external library from an ordinary CDN, without history', html: '<script src="https://cdn.bootcdn.net/ajax/libs/jquery/3.6.0/jquery.min.js"></script>' },
  ],
  invalid: [
    { name: 'a zero-size frame to another site', html: '<iframe src="http://www.evil.com/x.htm" width="0" height="0"></iframe>', spans: [{ match: 'http://www.evil.com/x.htm', severity: 'high' }] },
    { name: 'a script from an IP address', html: '<script src="http://1.2.3.4/j.js"></script>', spans: [{ match: 'http://1.2.3.4/j.js', severity: 'high' }] },
    { name: 'a miner', html: '<script>var m=new CoinHive.Anonymous("k");m.start();</script>', spans: [{ match: 'https://www.example.gov.cn/a.html#script-1', severity: 'critical' }] },
    { name: 'a meta refresh off the site', html: '<meta http-equiv="refresh" content="0; url=http://www.xpj.net/">', spans: [{ match: 'http://www.xpj.net/', severity: 'high' }] },
  ],
});

describe('tamper.injected-script, beyond the cases', () => {
  it('reports an origin the site never loaded before, unless it is a trusted host', () => {
    const html = '<script src="https://cdn.newstat.com/s.js"></script>';
    expect(run(html, ['https://hm.baidu.com'])[0]!.message).toMatch(/本站以前从未加载该来源/);
    expect(run(html, ['https://cdn.newstat.com'])).toEqual([]);
    expect(run(html, ['https://hm.baidu.com'], ['newstat.com'])).toEqual([]);
  });
  it('reads spider cloaking and never quotes markup unescaped', () => {
    const r = run("<script>if(navigator.userAgent.match(/baiduspider|sogou/i)){document.write('<a href=\"http://www.xpj.top/\">新葡京</a>')}</script>");
    expect(r[0]).toMatchObject({ severity: 'critical', message: expect.stringMatching(/爬虫 User-Agent/) });
    expect(r[0]!.message).not.toMatch(/<a/);
  });
  it('reads a 1 MB one-line script within bounds', () => {
    const code = `var a="${'x'.repeat(1_000_000)}";`;
    const t0 = Date.now();
    expect(run(`<script>${code}</script>`)).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});

describe('tamper.injected-script: resources that are not in the markup', () => {
  it('vets what a script creates or writes as if it were markup, and says so', () => {
    const created = run("<script>var f=document.createElement('iframe');f.src='http://www.ttyy-game.com/';f.style.display='none';document.body.appendChild(f);</script>");
    expect(created.map((s) => s.message)).toEqual([expect.stringMatching(/由内联脚本创建的 <iframe> 加载 http:\/\/www\.ttyy-game\.com：不可见（脚本创建的框架 display:none）/)]);
    const written = run(`<script>document.write('<script src="http://js.tongji-hm.net/c.js"></scr'+'ipt>');</script>`, ['https://hm.baidu.com']);
    expect(written.map((s) => s.message)).toEqual([expect.stringMatching(/由脚本写入的 <script> 加载 http:\/\/js\.tongji-hm\.net：本站以前从未加载该来源/)]);
    // Baidu's own loader is created by script too, and stays quiet.
    expect(run('<script>var hm=document.createElement("script");hm.src="https://hm.baidu.com/hm.js?abc";document.head.appendChild(hm);</script>', ['https://hm.baidu.com'])).toEqual([]);
  });
  it('reads a hidden data: frame, Function(atob(…)), a mining-pool socket and code run by <body onload>', () => {
    const b64 = Buffer.from('<script>location.href="http://evil.cc/"</script>').toString('base64');
    expect(run(`<iframe src="data:text/html;base64,${b64}" width="0" height="0"></iframe>`)[0]!.message).toMatch(/以 data: 内联一个不可见的页面/);
    expect(run(`<iframe src="data:text/html;base64,${b64}" width="600" height="400"></iframe>`)).toEqual([]);
    const fn = run(`<script>Function(atob("${Buffer.from("document.write('<iframe src=http://x.y.net width=0 height=0></iframe>')").toString('base64')}"))()</script>`);
    expect(fn.map((s) => s.message).join('\n')).toMatch(/Function 执行解码后的代码/);
    expect(run("<script>var w=new WebSocket('wss://pool.minexmr-proxy.com:443/');</script>")[0]!.severity).toBe('critical');
    expect(run("<script>var w=new WebSocket('wss://im.example.gov.cn/chat');</script>")).toEqual([]);
    expect(run(`<body onload="location.href='http://www.evil-jump.com/'"><p>x</p></body>`)[0]!.message).toMatch(/<body> 的事件代码把访问者跳转到 www\.evil-jump\.com/);
    // A tab switcher's timer is no executor of decoded code.
    expect(run('<script>setTimeout(function(){document.getElementById("t1").className="on";},3000)</script>')).toEqual([]);
  });
});

describe('tamper.injected-script: search ranking handed to another site', () => {
  it('reports a canonical or mobile alternate off the site and gov.cn, not one on them', () => {
    expect(run('<link rel="canonical" href="http://www.hg0088-vip.com/news/1.html">').map((s) => s.message)).toEqual(['<link rel="canonical"> 把搜索引擎引向 www.hg0088-vip.com（搜索排名被劫持）']);
    expect(run('<link rel="alternate" media="only screen and (max-width: 640px)" href="http://m.bet-site.com/">')[0]!.message).toMatch(/media="only screen and \(max-width: 640px\)".*m\.bet-site\.com/);
    expect(run('<link rel="canonical" href="https://www.example.gov.cn/a.html"><link rel="canonical" href="https://www.other.gov.cn/a.html"><link rel="alternate" hreflang="en" href="https://en.example.com/">')).toEqual([]);
  });
});

describe('tamper.injected-script: redirects however the address is written', () => {
  it.each([
    ['in a string a timer runs', `<script>setTimeout("location.href='http://www.xpj-jump.net/'",0)</script>`],
    ['through document.location', "<script>document.location.href='http://www.xpj-jump.net/'</script>"],
    ['through a variable', "<script>var u='http://www.xpj-jump.net/';window.location.href=u;</script>"],
    ['as joined literals', '<script>location.href="http://"+"www.xpj-jump.net/"</script>'],
  ])('%s', (_name, html) => {
    expect(run(html).map((s) => s.message)).toEqual([expect.stringMatching(/把访问者跳转到 www\.xpj-jump\.net/)]);
  });
  it('does not read a comparison or a read of location as a redirect', () => {
    expect(run("<script>if(location.href=='http://www.xpj-jump.net/'){}var x=window.location.href;</script>")).toEqual([]);
  });
});

describe('tamper.injected-script on broken code', () => {
  it('reads a lone \\u or \\x and an escape past U+10FFFF without throwing, and an unusable address as none', () => {
    expect(() => run(`<script>document.write('<a href="http://x.top/">\\u\\x\\u{110000}</a>');location.href='http://'+'';</script>`)).not.toThrow();
    expect(run("<script>location.href='http://'+'';</script>")).toEqual([]);
  });
});

describe('tamper.injected-script: pop-ups', () => {
  it('reports a window opened off the site as the page loads, not one a click or a named function opens', () => {
    expect(run("<script>$(function(){ window.open('http://www.xpj-ad.net/'); });</script>")[0]!.message).toMatch(/在页面打开时弹出 www\.xpj-ad\.net 的窗口/);
    expect(run("<script>function go(){window.open('http://www.xpj-ad.net/')}$('#b').click(function(){window.open('http://www.partner.com/')});window.open('https://www.other.gov.cn/zt/');</script>")).toEqual([]);
  });
});
