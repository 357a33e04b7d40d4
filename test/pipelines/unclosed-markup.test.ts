/**
 * Markup that never closes a tag, read by what the crawl runs on every page outside the checks:
 * link reading, the identity survey's marks, a stub's visible length. A pattern scanning from each
 * `<` to the next `>` is quadratic on a page with none: 330,000 `<a ` took the identity marks 8
 * minutes, and a link's anchor text over 330,000 `<b ` as long; a `class="logo logo …` of a
 * megabyte, minutes. Each answer here is what a browser would make of the page.
 */
import { extractLinks } from '../../pipelines/sources/links';
import { identityMarks } from '../../checks/counterfeit/marks';
import { visibleLength } from '../../pipelines/sources/small-page';

const N = 200_000;

describe('markup that never closes a tag', () => {
  it('is read for links once: the one real link, its text, and nothing from the rest', () => {
    expect(extractLinks(`<a href="/x.html">通知</a>${'<a '.repeat(N)}`, 'http://x.gov.cn/').map((l) => l.url)).toEqual(['http://x.gov.cn/x.html']);
    expect(extractLinks(`<a href="/x.html">${'<b '.repeat(N)}`, 'http://x.gov.cn/').map((l) => l.url)).toEqual(['http://x.gov.cn/x.html']);
  });
  it('shows no identity mark, and keeps the marks of the page before it', () => {
    const marks = identityMarks(`<p>网站标识码：4501000001</p><div class="${'logo '.repeat(N)}`);
    expect(marks.siteCodes).toEqual([{ value: '4501000001', from: 'footer' }]);
    expect(marks.logos).toEqual([]);
    expect(identityMarks('<a '.repeat(N)).logos).toEqual([]);
  });
  it('measures the visible length once: nothing after a script that never ends, and an unclosed tag\u2019s text as text', () => {
    expect(visibleLength(`<p>正文</p>${'<script '.repeat(N)}`)).toBe(2);
    expect(visibleLength(`<p>正文</p>${'<b '.repeat(N)}`)).toBe(2 + 2 * N);
  });
});
