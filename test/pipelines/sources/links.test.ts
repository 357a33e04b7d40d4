import { extractLinks, classify, attachmentKind, extensionOf } from '../../../pipelines/sources/links';

describe('extractLinks', () => {
  it('reads no tag inside another tag\u2019s attribute value, as a browser does not, however many there are', () => {
    const page = (attr: string) => `<html><body><div title="${attr}"><a href="/real.html">真</a></div></body></html>`;
    expect(extractLinks(page("<a href='/inside.html'>假</a>"), 'http://x.gov.cn/').map((l) => l.url)).toEqual(['http://x.gov.cn/real.html']);
    // 50,000 tag starts in one attribute: each was tried to the end of the page (10 s; now at once).
    expect(extractLinks(page('<a '.repeat(50_000)), 'http://x.gov.cn/').map((l) => l.url)).toEqual(['http://x.gov.cn/real.html']);
  });
  it('resolves against <base>, keeps the fragment apart, drops non-http schemes, keeps anchor text', () => {
    const links = extractLinks(
      '<base href="https://a.gov.cn/dir/"><a href="x.html#top">新闻 <b>标题</b></a><a href="javascript:void(0)">js</a><a href="mailto:a@b.c">m</a><a href="#only">f</a><img src="/i.png" alt="图"><iframe src="/frame.html"></iframe><area href="/map.html" alt="地图">',
      'https://a.gov.cn/index.html',
    );
    expect(links).toEqual([
      { url: 'https://a.gov.cn/dir/x.html', anchor: '新闻 标题', kind: 'page' },
      // `#only` under <base> is the base page at that element, as a browser resolves it.
      { url: 'https://a.gov.cn/dir/', anchor: 'f', kind: 'page', fragment: 'only' },
      { url: 'https://a.gov.cn/i.png', anchor: '<img alt="图">', kind: 'resource' },
      { url: 'https://a.gov.cn/frame.html', anchor: '<iframe>', kind: 'page' },
      { url: 'https://a.gov.cn/map.html', anchor: '地图', kind: 'page' },
    ]);
  });
  it('names the element a fragment points at, but not #, #top, a script route or state', () => {
    const links = extractLinks('<a href="#">t</a><a href="#top">t</a><a href="#/list">r</a><a href="#!x">r</a><a href="/p.html#%E7%AC%AC%E4%B8%80%E7%AB%A0">章</a><a href="#sec2">2</a><a href="#page=2">p</a>', 'https://a.gov.cn/a.html');
    expect(links.map((l) => [l.url, l.fragment])).toEqual([
      ['https://a.gov.cn/p.html', '第一章'],
      ['https://a.gov.cn/a.html', 'sec2'],
    ]);
  });
  it('asks for the query of a link on a GBK page in GBK, and keeps GBK escapes as written', () => {
    const gbk = extractLinks('<a href="/search.jsp?kw=政府&amp;p=1">搜</a><a href="/s.jsp?kw=%D5%FE%B8%AE">搜</a><a href="/附件.pdf">附</a>', 'https://a.gov.cn/', 'gb18030');
    expect(gbk.map((l) => l.url)).toEqual([
      'https://a.gov.cn/search.jsp?kw=%D5%FE%B8%AE&p=1',
      'https://a.gov.cn/s.jsp?kw=%D5%FE%B8%AE',
      // A path is always UTF-8, whatever the page's encoding.
      'https://a.gov.cn/%E9%99%84%E4%BB%B6.pdf',
    ]);
    expect(extractLinks('<a href="/search.jsp?kw=政府">搜</a>', 'https://a.gov.cn/', 'utf-8')[0]!.url).toBe('https://a.gov.cn/search.jsp?kw=%E6%94%BF%E5%BA%9C');
  });
  it('steps over schemes that are not fetched, clamps ../ past the root, and reads IDN hosts', () => {
    const links = extractLinks(
      '<a href="javascript:;">j</a><a href="mailto:x@a.gov.cn">m</a><a href="tel:12345">t</a><a href="data:text/html,x">d</a>' +
        '<a href="../../../../up.html">u</a><a href="http://政府.cn/a">i</a><a href="http://[::1">bad</a>',
      'https://a.gov.cn/x/y.html',
    );
    expect(links.map((l) => l.url)).toEqual(['https://a.gov.cn/up.html', 'http://xn--mxtq1m.cn/a']);
  });
  it('reads a page of 10,000 links', () => {
    const html = Array.from({ length: 10_000 }, (_, i) => `<li><a href="/art/${i}.html">第${i}条</a></li>`).join('');
    const links = extractLinks(html, 'https://a.gov.cn/');
    expect(links).toHaveLength(10_000);
    expect(links[9_999]).toEqual({ url: 'https://a.gov.cn/art/9999.html', anchor: '第9999条', kind: 'page' });
  });
  it('classifies attachments by extension', () => {
    expect(classify('https://a.gov.cn/P0201.xlsx')).toBe('attachment');
    expect(attachmentKind('https://a.gov.cn/f.PDF')).toBe('pdf');
    expect(classify('https://a.gov.cn/a.css')).toBe('resource');
    expect(classify('https://a.gov.cn/col/')).toBe('page');
  });
  it('survives unclosed anchors and malformed markup', () => {
    const links = extractLinks('<a href="/a">未闭合<div><a href="/b">b</a>', 'https://a.gov.cn/');
    expect(links.map((l) => l.url)).toEqual(['https://a.gov.cn/a', 'https://a.gov.cn/b']);
  });
  it('ignores links inside comments, scripts and styles; reads quoted ">" and entities in attributes', () => {
    const links = extractLinks(
      '<!-- <a href="/old">旧</a> --><script>document.write("<a href=\'/js\'>x</a>")</script><style>a[href="/css"]{}</style>' +
        '<A HREF="/q?a=1&amp;b=2" title="x > y">查询</A><a href=/unquoted.html>无引号</a><a href="/t" title="标题"><img src="/i.gif"></a>',
      'https://a.gov.cn/',
    );
    expect(links.map((l) => [l.url, l.anchor])).toEqual([
      ['https://a.gov.cn/q?a=1&b=2', '查询'],
      ['https://a.gov.cn/unquoted.html', '无引号'],
      ['https://a.gov.cn/i.gif', '<img>'],
      ['https://a.gov.cn/t', '标题'],
    ]);
  });
  it('reads the extension of the path only', () => {
    const cases: [string, string][] = [
      ['https://a.gov.cn/f.PDF', 'pdf'], ['https://a.gov.cn/x.html?q=a.pdf', 'html'], ['https://a.gov.cn/dir.v2/', ''],
      ['https://a.gov.cn', ''], ['https://a.gov.cn/x#f.pdf', ''], ['https://a.gov.cn/x.toolong', ''], ['https://a.gov.cn/a.tar.gz', 'gz'],
    ];
    for (const [url, ext] of cases) expect(extensionOf(url)).toBe(ext);
  });
});
