/**
 * parseHtml swaps htmlparser2's open-element stack for a linear one; the DOM it builds must be the
 * one parseDocument builds, on real pages and on the markup that exercises the stack (implied
 * closes, stray close tags, foreign content, self-closing, unclosed at the end).
 */
import { parseDocument } from 'htmlparser2';
import render from 'dom-serializer';
import { parseHtml } from '../../../checks/text/parse-html';
import { demoSite } from '../../../pipelines/demo/site';

const TRICKY = [
  '<p>一<p>二<div>三</div></p></p>',
  '<ul><li>甲<li>乙<ul><li>丙</ul></ul>',
  '<table><tr><td>1<td>2<tr><td>3</table>',
  '<div><span>未闭合<b>粗',
  '</div></span>孤立的结束标签<br/></br><p></p>',
  '<svg><circle r="1"/><text>图</text></svg><p>后</p><math><mi>x</mi></math>',
  '<select><option>一<option>二<optgroup><option>三</select>',
  '<dl><dt>术<dd>义<dt>又</dl><h1>标<h2>题</h2>',
  '<div>' + '<i>'.repeat(300) + '深' + '</b>'.repeat(10) + '</div>',
  '<script>var s = "</div><div>";</script><style>p>a{}</style><textarea><p>字</textarea>',
  '<!-- 注释 <div> --><![CDATA[x]]><?xml version="1.0"?><!DOCTYPE html><input type=hidden>',
];

const OPTIONS = { withStartIndices: true, decodeEntities: true, lowerCaseTags: true };

describe('parseHtml', () => {
  it.each(TRICKY.map((h) => [h]))('builds the same DOM as parseDocument for %s', (html) => {
    expect(render(parseHtml(html, OPTIONS))).toBe(render(parseDocument(html, OPTIONS)));
  });

  it('builds the same DOM, start indices included, for every page of the demo site', () => {
    let pages = 0;
    for (const [, r] of demoSite()) {
      const body = typeof r.body === 'string' ? r.body : r.body?.toString('utf8');
      if (!body || !/<html|<div|<p/i.test(body)) continue;
      pages++;
      const a = parseHtml(body, OPTIONS);
      const b = parseDocument(body, OPTIONS);
      expect(render(a)).toBe(render(b));
      const starts = (d: typeof a) => JSON.stringify(d, (k, v) => (k === 'parent' || k === 'prev' || k === 'next' ? undefined : v));
      expect(starts(a)).toBe(starts(b));
    }
    expect(pages).toBeGreaterThan(5);
  });

  it('parses 100,000 nested elements into a tree 100,001 deep, well inside the test budget', () => {
    const deep = (n: number) => '<div>'.repeat(n) + '底' + '</div>'.repeat(n);
    // Not a timing bar: the work is counted by the depth of the tree it returns, and the
    // parse of the deep page must finish inside the test's budget at all (the old one took minutes with every check).
    const doc = parseHtml(deep(100_000));
    let depth = 0;
    let n: { children?: unknown[] } = doc;
    while (n.children && n.children.length) {
      n = n.children[0] as { children?: unknown[] };
      depth++;
    }
    expect(depth).toBe(100_001);
  });
});
