import { extractLinks, classify, attachmentKind } from '../../../pipelines/sources/links';

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
});
