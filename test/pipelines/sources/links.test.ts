import { extractLinks, classify, attachmentKind, extensionOf } from '../../../pipelines/sources/links';

describe('extractLinks', () => {
  it('resolves against <base>, drops fragments and non-http schemes, keeps anchor text', () => {
    const links = extractLinks(
      '<base href="https://a.gov.cn/dir/"><a href="x.html#top">新闻 <b>标题</b></a><a href="javascript:void(0)">js</a><a href="mailto:a@b.c">m</a><a href="#only">f</a><img src="/i.png" alt="图"><iframe src="/frame.html"></iframe><area href="/map.html" alt="地图">',
      'https://a.gov.cn/index.html',
    );
    expect(links).toEqual([
      { url: 'https://a.gov.cn/dir/x.html', anchor: '新闻 标题', kind: 'page' },
      { url: 'https://a.gov.cn/i.png', anchor: '<img alt="图">', kind: 'resource' },
      { url: 'https://a.gov.cn/frame.html', anchor: '<iframe>', kind: 'page' },
      { url: 'https://a.gov.cn/map.html', anchor: '地图', kind: 'page' },
    ]);
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
