import { createPage } from '../../../checks/page';
import { bestPublicationDate, citedDocuments, dateSources, parseLooseDate, urlDate } from '../../../checks/dates/date-sources';

const page = (html: string, url = 'https://www.example.gov.cn/a.html', headers: Record<string, string> = {}, publishedAt?: string) =>
  createPage({ siteId: 's', url, fetchedAt: 't', contentType: 'html', source: html, origin: 'crawl', headers, claims: publishedAt ? { publishedAt } : {} });

describe('date sources', () => {
  it('reads the real-world PubDate variants, Beijing time by default', () => {
    expect(parseLooseDate('2026-09-29 14:46')).toBe('2026-09-29T14:46:00+08:00');
    expect(parseLooseDate('2022-04-17 14:46:00')).toBe('2022-04-17T14:46:00+08:00');
    expect(parseLooseDate('2026/07/15 10:00')).toBe('2026-07-15T10:00:00+08:00');
    expect(parseLooseDate('2026-06-13 14∶06')).toBe('2026-06-13T14:06:00+08:00');
    expect(parseLooseDate('2023年8月21日')).toBe('2023-08-21T00:00:00+08:00');
    expect(parseLooseDate('2023-08-21T01:02:03Z')).toBe('2023-08-21T01:02:03Z');
  });
  it('rejects dates that do not exist and two-digit years', () => {
    expect(parseLooseDate('2023-02-30')).toBeUndefined();
    expect(parseLooseDate('23-08-21')).toBeUndefined();
    expect(parseLooseDate('2023-08-21 25:00')).toBeUndefined();
  });
  it('reads TRS, Hanweb and gov.cn URL dates', () => {
    expect(urlDate('https://a.gov.cn/zwgk/202410/t20241030_4917654.htm')).toBe('2024-10-30T00:00:00+08:00');
    expect(urlDate('https://a.gov.cn/art/2026/9/30/art_50450_1139245.html')).toBe('2026-09-30T00:00:00+08:00');
    expect(urlDate('https://www.gov.cn/zhengce/content/2023-08/21/content_6899.htm')).toBe('2023-08-21T00:00:00+08:00');
    expect(urlDate('https://a.gov.cn/202308/t468451.html')).toBeUndefined();
  });
  it('reads the byline written in brackets, across an element edge, or under a bare 发布', () => {
    const byline = (info: string) => dateSources(page(`<html><body><h1>通知</h1><div class="info">${info}</div><p>正文。</p></body></html>`)).find((s) => s.source === 'byline')?.value;
    expect(byline('【发布日期】2023-08-21')).toBe('2023-08-21T00:00:00+08:00');
    expect(byline('[发布时间] 2023-08-21 09:30')).toBe('2023-08-21T09:30:00+08:00');
    expect(byline('<span>发布时间</span><span>2023-08-21</span>')).toBe('2023-08-21T00:00:00+08:00');
    expect(byline('发布：2023-08-21')).toBe('2023-08-21T00:00:00+08:00');
    // The page's today widget and a bare 时间 run into digits are no byline.
    expect(byline('今天是2023年8月21日 星期一')).toBeUndefined();
    expect(byline('办理时间2023-08-21')).toBeUndefined();
  });
  it('keeps every source and picks meta over byline over URL, not the footer year', () => {
    const p = page(
      '<html><head><meta name="PubDate" content="2023-08-21 09:30"></head><body><div>发布时间：2023-08-22 10:00 来源：办公室</div><p>2019年工作回顾</p><div>版权所有 2015-2026</div></body></html>',
      'https://a.gov.cn/202308/t20230820_1.html',
      { 'last-modified': 'Tue, 01 Oct 2024 02:00:00 GMT' },
    );
    const s = dateSources(p);
    expect(s).toEqual([
      { source: 'meta:PubDate', value: '2023-08-21T09:30:00+08:00' },
      { source: 'byline', value: '2023-08-22T10:00:00+08:00' },
      { source: 'url', value: '2023-08-20T00:00:00+08:00' },
      { source: 'http:last-modified', value: '2024-10-01T02:00:00.000Z' },
    ]);
    expect(bestPublicationDate(s)).toBe('2023-08-21T09:30:00+08:00');
  });
  it('prefers the CMS export field and returns null when nothing dates the page', () => {
    expect(bestPublicationDate(dateSources(page('<p>x</p>', 'https://a.gov.cn/202308/t20230820_1.html', {}, '2023-08-19T08:00:00+08:00')))).toBe('2023-08-19T08:00:00+08:00');
    expect(bestPublicationDate(dateSources(page('<p>无日期</p>')))).toBeNull();
  });
});

describe('bad and unusual dates', () => {
  it('gives nothing for dates that do not exist, two-digit years, 民国 and lunar dates, times without dates', () => {
    for (const t of ['2023-02-30', '23-08-21', '民国112年3月5日', '农历正月初五', '14:30', '2023-13-01', '1989-06-01']) expect(parseLooseDate(t)).toBeUndefined();
  });
  it('reads Chinese-numeral signatures and English dates, Beijing time when no zone is given', () => {
    expect(parseLooseDate('二〇二三年八月十八日')).toBe('2023-08-18T00:00:00+08:00');
    expect(parseLooseDate('二〇二〇年十二月三十一日')).toBe('2020-12-31T00:00:00+08:00');
    expect(parseLooseDate('March 5, 2024')).toBe('2024-03-05T00:00:00+08:00');
    expect(parseLooseDate('5 Sept 2024')).toBe('2024-09-05T00:00:00+08:00');
  });
  it('picks the labelled date among dozens, not the footer copyright year', () => {
    const many = Array.from({ length: 40 }, (_, i) => `<li>2019-0${1 + (i % 9)}-1${i % 9} 项目${i}</li>`).join('');
    const p = page(`<ul>${many}</ul><div>发布日期：2023-08-21</div><div>版权所有 © 2024</div>`);
    expect(bestPublicationDate(dateSources(p))).toBe('2023-08-21T00:00:00+08:00');
  });
  it('falls back to the first date of the text, skipping footer lines', () => {
    const p = page('<p>版权所有 2015-2024 备案 2024年1月1日</p><p>关于停电的公告（2023年8月21日）</p>');
    expect(dateSources(p).find((s) => s.source === 'text')?.value).toBe('2023-08-21T00:00:00+08:00');
  });
});

describe('cited documents', () => {
  it('spans the issuer (up to 12 Han characters), the year and the number', () => {
    const text = '根据国办秘函〔2019〕19号、桂政办发[2023]第5号和（〔2020〕3号）。';
    expect(citedDocuments(text).map((d) => [text.slice(d.start, d.end), d.year])).toEqual([['根据国办秘函〔2019〕19号', 2019], ['桂政办发[2023]第5号', 2023]]);
    const long = '一二三四五六七八九十甲乙丙丁发〔2021〕7号';
    expect(citedDocuments(long).map((d) => long.slice(d.start, d.end))).toEqual(['四五六七八九十甲乙丙丁发〔2021〕7号']);
  });

  it('finds what the plain pattern finds, on generated text', () => {
    // The plain form: the issuer matched as a leading run (slow on long Han text, same answer).
    const plain = /[\u4e00-\u9fa5]{1,12}[〔[［]((?:19|20)\d{2})[〕\]］]\s*(?:第\s*)?\d{1,4}\s*号/gu;
    const alphabet = ['国', '办', '函', '发', '〔', '〕', '[', ']', '［', '］', '号', '第', ' ', '\n', '2', '0', '1', '9', 'a', '，'];
    let seed = 7;
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let k = 0; k < 20_000; k++) {
      let s = '';
      for (let i = next(50); i > 0; i--) s += next(3) === 0 ? '国' : alphabet[next(alphabet.length)];
      expect(citedDocuments(s).map((d) => [d.start, d.end, d.year])).toEqual([...s.matchAll(plain)].map((m) => [m.index, m.index + m[0].length, Number(m[1])]));
    }
  });
});
