/** Markup built with DOM calls, replayed in source order: links, their styles, their hidden boxes. */
import { domBuiltHtml } from '../../../checks/tamper/script-dom';
import { stringBindings } from '../../../checks/tamper/js-strings';

const built = (code: string) => domBuiltHtml(code, stringBindings(code));

describe('DOM-built markup', () => {
  it('nests a link in the box it is appended to, with the styles set on each', () => {
    expect(built(`var d=document.createElement('div');d.style.display='none';var a=document.createElement('a');a.href='http://b.top/';a.innerText='澳门葡京';d.appendChild(a);document.body.appendChild(d);`))
      .toEqual(['<div style="display:none"><a href="http://b.top/">澳门葡京</a></div>']);
  });
  it('reads setAttribute, cssText, camel-cased style properties and string variables', () => {
    expect(built(`var u='https://c.com/';var l=document.createElement("a");l.setAttribute("href",u);l.textContent="六合彩";l.style.cssText="position:absolute; left:-9999px";l.style.fontSize='0px';document.getElementById('x').appendChild(l);`))
      .toEqual(['<a href="https://c.com/" style="position:absolute;left:-9999px;font-size:0px">六合彩</a>']);
  });
  it('reads Object.assign and jQuery element chains', () => {
    expect(built(`var a=document.createElement('a');Object.assign(a,{href:'http://f.top/',innerText:'百家乐',title:'x'});a.style.display='none';document.body.appendChild(a);`))
      .toEqual(['<a href="http://f.top/" title="x" style="display:none">百家乐</a>']);
    expect(built(`$('<a>').attr('href','http://g.top/').text('六合彩').css({position:'absolute',left:'-999px'}).addClass('k').appendTo('body');jQuery('<a/>').attr({href:'http://h.top/'}).text('快三').hide().appendTo('#ft');`))
      .toEqual(['<a href="http://g.top/" class="k" style="position:absolute;left:-999px">六合彩</a>', '<a href="http://h.top/" style="display:none">快三</a>']);
  });
  it('returns no tree without a link, and no link whose address is computed', () => {
    expect(built(`var s=document.createElement('script');s.src='https://hm.baidu.com/hm.js';document.head.appendChild(s);`)).toEqual([]);
    expect(built(`var w=document.createElement('a');w.href='http://service.weibo.com/share/share.php?url='+encodeURIComponent(location.href);w.innerText='分享';p.appendChild(w);`)).toEqual([]);
  });
  it('escapes what it serialises: text cannot open markup', () => {
    expect(built(`var a=document.createElement('a');a.href='http://d.top/?a="1"';a.innerText='<b>x</b>';`)).toEqual(['<a href="http://d.top/?a=&quot;1&quot;">&lt;b&gt;x&lt;/b&gt;</a>']);
  });
  it('refuses a cycle: an element appended into its own child', () => {
    expect(built(`var a=document.createElement('div');var b=document.createElement('a');b.href='http://c.top/';a.appendChild(b);b.appendChild(a);`)).toEqual(['<div><a href="http://c.top/"></a></div>']);
  });
  it('bounds a hostile script: 10,000 created elements', () => {
    const code = Array.from({ length: 10_000 }, (_, i) => `var e${i}=document.createElement('a');e${i}.href='http://e${i}.com/';`).join('');
    const t0 = Date.now();
    expect(built(code).length).toBe(200);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});
