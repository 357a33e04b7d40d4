/**
 * Markup that never closes a tag, read by what the crawl runs on every page outside the checks:
 * link reading, the identity survey's marks, a stub's visible length. A pattern scanning from each
 * `<` to the next `>` is quadratic on a page with none: 330,000 `<a ` took the identity marks 8
 * minutes, and a link's anchor text over 330,000 `<b ` as long; a `class="logo logo …` of a
 * megabyte, minutes. Each answer here is what a browser would make of the page.
 */
import { extractLinks } from '../../pipelines/sources/links';
import { faviconHref, identityMarks, metaTags } from '../../checks/counterfeit/marks';
import { AnchorIndex } from '../../pipelines/links/anchors';
import { clientRedirectOf } from '../../pipelines/sources/client-redirect';
import { titleOf } from '../../pipelines/links/soft-404';
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
  it('reads the head\u2019s tags and the marks before a run of tags that never close', () => {
    const head = '<html><head><title>示范市人民政府</title><meta name="SiteIDCode" content="4501000001"><link rel="icon" href="/f.ico"></head><body>';
    for (const t of ['<meta ', '<img ', '<title>', '<link ', '<script ']) {
      const html = head + t.repeat(N);
      const marks = identityMarks(html);
      expect(marks.title).toBe('示范市人民政府');
      expect(marks.siteCodes).toEqual([{ value: '4501000001', from: 'meta' }]);
      expect(metaTags(html)).toEqual({ SiteIDCode: '4501000001' });
      expect(faviconHref(html)).toBe('/f.ico');
    }
    expect(identityMarks(`<title>${'<title>'.repeat(N)}`).title).toBe('');
    // The soft-404 test's title, read on every crawled page.
    expect(titleOf(`${head}${'<title '.repeat(N)}`)).toBe('示范市人民政府');
    expect(titleOf(`<title>${'长'.repeat(301)}</title>`)).toBe('');
    expect(titleOf('<p>x</p>'.concat('<title '.repeat(N)))).toBe('');
  });
  it('reads the names a page\u2019s scripts give before a script that never ends', () => {
    const anchors = new AnchorIndex();
    anchors.recordPage(['http://x.gov.cn/a.html'], `<script>tab("#news")</script>${'<script '.repeat(N)}`);
    anchors.noteLink('http://x.gov.cn/', 'http://x.gov.cn/a.html', 'news', '要闻');
    anchors.noteLink('http://x.gov.cn/', 'http://x.gov.cn/a.html', 'gone', '旧栏目');
    expect(anchors.missing().map((o) => o.missingAnchor)).toEqual(['gone']);
    expect(clientRedirectOf(`<script>location.href='/b.html'</script>${'<script '.repeat(N)}`, 'http://x.gov.cn/a.html')).toBeUndefined();
    expect(clientRedirectOf(`<script>location.href='/b.html'</script>`, 'http://x.gov.cn/a.html')).toBe('http://x.gov.cn/b.html');
  });
  it('measures the visible length once: nothing after a script that never ends, and an unclosed tag\u2019s text as text', () => {
    expect(visibleLength(`<p>正文</p>${'<script '.repeat(N)}`)).toBe(2);
    expect(visibleLength(`<p>正文</p>${'<b '.repeat(N)}`)).toBe(2 + 2 * N);
  });
});
