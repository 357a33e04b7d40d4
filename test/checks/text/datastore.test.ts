/**
 * Lists a 大汉 (Hanweb) jpage template ships as data (test/fixtures/cms/hanweb-jpage-home.html, a
 * homepage in its shape): read as the list a visitor sees — text, dates and links — with offsets into
 * the page's own source; a script of code, or data that is no datastore, stays unread.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPage } from '../../../checks/page';
import { pageDatesOf } from '../../../checks/dates/page-dates';
import { extractLinks } from '../../../pipelines/sources/links';

const HOME = readFileSync(join(__dirname, '..', '..', 'fixtures', 'cms', 'hanweb-jpage-home.html'), 'utf8');
const page = (html: string) => createPage({ siteId: 's', url: 'https://www.shifan.gov.cn/', fetchedAt: '2026-12-01T00:00:00Z', contentType: 'html', source: html, origin: 'crawl' });

describe('a list shipped as a datastore', () => {
  it('is text a reader sees, at its place in the source', () => {
    const p = page(HOME);
    expect(p.text.text).toContain('政务动态\n示范市召开政府常务会议2026-11-28\n市领导调研重点项目建设2026-11-25\n主办');
    const at = p.text.text.indexOf('市领导调研');
    const seg = p.text.segments.find((s) => s.start <= at && at < s.end)!;
    expect(HOME.slice(seg.sourceStart, seg.sourceStart + 5)).toBe('市领导调研');
  });

  it('dates the homepage as a list', () => {
    expect(pageDatesOf(page(HOME)).listDates).toEqual(['2026-11-28T00:00:00+08:00', '2026-11-25T00:00:00+08:00']);
  });

  it('links its articles for the crawler', () => {
    const urls = extractLinks(HOME, 'https://www.shifan.gov.cn/', 'utf-8').map((l) => [l.url, l.anchor]);
    expect(urls).toEqual(expect.arrayContaining([
      ['https://www.shifan.gov.cn/art/2026/11/28/art_123_456789.html', '示范市召开政府常务会议'],
      ['https://www.shifan.gov.cn/art/2026/11/25/art_123_456788.html', '市领导调研重点项目建设'],
    ]));
  });

  it('leaves code, and data that is no datastore, unread', () => {
    const code = '<html><body><script>var s = "<datastore><recordset><record><![CDATA[<li>2026-11-28 秘密</li>]]></record></recordset></datastore>";</script>' +
      '<script type="text/xml"><config><item><![CDATA[<li>2026-11-27 绝密</li>]]></item></config></script><p>正文</p></body></html>';
    expect(page(code).text.text.trim()).toBe('正文');
    expect(extractLinks(code.replace(/<li>/g, '<li><a href="/x.html">x</a>'), 'https://www.shifan.gov.cn/', 'utf-8')).toEqual([]);
  });
});
