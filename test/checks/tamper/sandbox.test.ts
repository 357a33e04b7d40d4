/**
 * Inline scripts no static reading follows, run in the QuickJS sandbox (checks/tamper/sandbox.ts):
 * a string array rotated and decoded the way javascript-obfuscator writes it, a link built from
 * character codes in a loop, an XOR-decoded redirect, a decoded title. Each is missed by the static
 * reading (the first describe, before the engine loads) and found once it runs; code that loops
 * forever or reaches for the host is cut or finds nothing, and ordinary scripts add no finding.
 */
import { createPage } from '../../../checks/page';
import { hiddenLink } from '../../../checks/tamper/hidden-link';
import { injectedScript } from '../../../checks/tamper/injected-script';
import { titleHijack } from '../../../checks/tamper/title-hijack';
import { executeScripts, loadScriptSandbox } from '../../../checks/tamper/sandbox';
import type { PageCheck, Span } from '../../../checks/types';
import { FIXED_NOW, testContext } from '../../helpers/context';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const page = (script: string, body = '') =>
  createPage({ siteId: 't', url: 'https://www.example.gov.cn/index.html', fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', origin: 'crawl',
    source: `<html><head><title>示范市人民政府</title></head><body><div class="nav"><a href="/">首页</a></div>${body}<script>${script}</script></body></html>` });
const run = (rule: PageCheck, script: string, body?: string): Span[] => rule.run(page(script, body), testContext()) as Span[];

/** The shape of javascript-obfuscator's output: a rotated string array, a decoder, indexed calls. */
const OBFUSCATED = `var _0x4a1b=['${b64('<div style="display:none"><a href="http://www.pujing88.top/">澳门新葡京娱乐城</a></div>')}','${b64('write')}'];
(function(_0x2d8f05,_0x4b81bb){var _0x4d74cb=function(_0x32719f){while(--_0x32719f){_0x2d8f05['push'](_0x2d8f05['shift']());}};_0x4d74cb(++_0x4b81bb);}(_0x4a1b,0x1));
var _0x2e1f=function(_0x1d9c1a){_0x1d9c1a=_0x1d9c1a-0x0;var _0x3a6d2b=_0x4a1b[_0x1d9c1a];return decodeURIComponent(escape(atob(_0x3a6d2b)));};
document[_0x2e1f('0x0')](_0x2e1f('0x1'));`;
const codes = (s: string): string => [...s].map((c) => c.charCodeAt(0)).join(',');
const LOOP = `var k=[${codes('https://www.bet-88.top/')}],u='';for(var i=0;i<k.length;i++){u+=String.fromCharCode(k[i]);}
var d=document.createElement('div');d.style.position='absolute';d.style.left=(-8000-k.length)+'px';var a=document.createElement('a');a.href=u;a.innerText=[${codes('真人百家乐')}].map(function(c){return String.fromCharCode(c)}).join('');d.appendChild(a);document.body.appendChild(d);`;
const xor = (s: string): string => [...s].map((c) => c.charCodeAt(0) ^ 7).join(',');
const REDIRECT = `var z=[${xor('http://www.xpj-app.top/')}],o='';for(var i=0;i<z.length;i++)o+=String.fromCharCode(z[i]^7);setTimeout(function(){window.location.href=o;},300);`;
const TITLE = `var t=[${codes('六合彩开奖结果_')}].map(function(c){return String.fromCharCode(c)}).join('');document.title=t+document.title;`;

describe('before the sandbox loads: the static reading alone', () => {
  it('misses what only running the code shows', () => {
    expect(run(hiddenLink, OBFUSCATED)).toEqual([]);
    expect(run(hiddenLink, LOOP)).toEqual([]);
    expect(run(injectedScript, REDIRECT)).toEqual([]);
    expect(run(titleHijack, TITLE)).toEqual([]);
    expect(executeScripts(['document.write("x")'], 'https://a.gov.cn/', 't')).toBeUndefined();
  });
});

describe('with the sandbox', () => {
  beforeAll(() => loadScriptSandbox());

  it('finds the link an obfuscated string array writes', () => {
    const r = run(hiddenLink, OBFUSCATED);
    expect(r).toEqual([expect.objectContaining({ severity: 'critical', discriminator: 'pujing88.top' })]);
    expect(r[0]!.message).toMatch(/沙箱.*display:none/);
  });

  it('finds a link built from character codes in a loop and moved off the page', () => {
    expect(run(hiddenLink, LOOP)).toEqual([expect.objectContaining({ severity: 'critical', discriminator: 'bet-88.top' })]);
  });

  it('finds a redirect decoded with XOR and run by a timer, and a title set from codes', () => {
    expect(run(injectedScript, REDIRECT)).toEqual([expect.objectContaining({ discriminator: 'redirect|www.xpj-app.top', message: expect.stringMatching(/沙箱中运行后跳转到 www\.xpj-app\.top/) })]);
    expect(run(titleHijack, TITLE)).toEqual([expect.objectContaining({ discriminator: '脚本在沙箱中运行后的标题', message: expect.stringMatching(/六合彩/) })]);
  });

  it('follows markup parsed apart and inserted later, and handlers assigned to window.onload', () => {
    const link = `String.fromCharCode(${codes('<div style="display:none"><a href="http://www.pk10-kj.top/">北京赛车pk10</a></div>')})`;
    expect(run(hiddenLink, `var d=new DOMParser().parseFromString(${link},'text/html');document.body.appendChild(d.body.firstChild);`)).toEqual([expect.objectContaining({ discriminator: 'pk10-kj.top' })]);
    expect(run(hiddenLink, `document.body.appendChild(document.createRange().createContextualFragment(${link}));`)).toEqual([expect.objectContaining({ discriminator: 'pk10-kj.top' })]);
    expect(run(hiddenLink, `window.onload=function(){document.currentScript;document.getElementById('ft').innerHTML=${link};};`)).toEqual([expect.objectContaining({ discriminator: 'pk10-kj.top' })]);
  });

  it('runs code that fires by itself from an attribute (svg onload, img onerror) or a frame\'s javascript: address with the page\'s scripts', () => {
    const code = `var k=[${codes('http://www.lhc-kj.top/')}],u="";for(var i=0;i<k.length;i++)u+=String.fromCharCode(k[i]);document.body.insertAdjacentHTML("beforeend","<div style=display:none><a href="+u+">六合彩开奖</a></div>");`;
    expect(run(hiddenLink, '', `<svg width="0" height="0" onload='${code}'></svg>`)).toEqual([expect.objectContaining({ discriminator: 'lhc-kj.top' })]);
    expect(run(hiddenLink, '', `<img src="/none.gif" onerror='${code}'>`)).toEqual([expect.objectContaining({ discriminator: 'lhc-kj.top' })]);
    expect(run(hiddenLink, '', `<iframe width="0" height="0" src='javascript:${code}'></iframe>`)).toEqual([expect.objectContaining({ discriminator: 'lhc-kj.top' })]);
  });

  it('reads a title or keywords written through the title element, a meta or jQuery', () => {
    // Decoded in a loop, which the static reading does not follow.
    const decoded = (text: string): string => `(function(){var k=[${codes(text)}],s='';for(var i=0;i<k.length;i++)s+=String.fromCharCode(k[i]);return s})()`;
    const spam = decoded('澳门新葡京_');
    expect(run(titleHijack, `document.getElementsByTagName('title')[0].innerHTML=${spam}+document.title;`)).toEqual([expect.objectContaining({ discriminator: '脚本在沙箱中运行后的标题' })]);
    expect(run(titleHijack, `$('title').text(${spam});`)).toEqual([expect.objectContaining({ discriminator: '脚本在沙箱中运行后的标题' })]);
    expect(run(titleHijack, `document.querySelector('meta[name="keywords"]').setAttribute('content',${decoded('六合彩,正版资料大全')});`)).toEqual([expect.objectContaining({ discriminator: '脚本在沙箱中运行后的 <meta name="keywords">' })]);
    expect(run(titleHijack, `document.getElementsByName('description')[0].content=${decoded('政务公开目录')};`)).toEqual([]);
  });

  it('stays quiet on ordinary code that happens to decode: a checksum, a menu of the site\'s own links, a visible partner list', () => {
    const md5ish = 'function h(s){var x=0;for(var i=0;i<s.length;i++)x=(x*31+s.charCodeAt(i))|0;return x;}var id=h(location.href);';
    const menu = `var n=[${codes('政务公开')}];document.write('<a href="/zwgk/">'+String.fromCharCode.apply(null,n)+'</a>');`;
    const partners = `var p=['${b64('<ul><li><a href="https://www.hospital.com/">市人民医院</a></li><li><a href="https://www.bank.com/">农商银行</a></li></ul>')}'];document.getElementById('yq').innerHTML=decodeURIComponent(escape(atob(p[0])));`;
    for (const script of [md5ish, menu, partners]) {
      for (const rule of [hiddenLink, injectedScript, titleHijack]) expect([rule.meta.id, run(rule, script, '<div id="yq"></div>').filter((s) => !s.discriminator?.startsWith('obfuscated'))]).toEqual([rule.meta.id, []]);
    }
  });

  it('cuts code that never ends and keeps running the scripts after it; the host is out of reach', () => {
    const started = Date.now();
    const r = executeScripts(['while(true){}', "typeof require==='function'&&require('fs');typeof process!=='undefined'&&process.exit(1);", `document.write('<a href="http://x.top/">x</a>')`], 'https://www.a.gov.cn/', 't');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r?.written).toEqual([{ script: 2, html: '<a href="http://x.top/">x</a>' }]);
    // The page's whole budget spent, the rest is not run: an error of nothing, not a crash.
    expect(executeScripts(['for(;;){}', 'for(;;){}', 'document.write("late")'], 'https://www.a.gov.cn/', 't')?.written).toEqual([]);
  });
});
