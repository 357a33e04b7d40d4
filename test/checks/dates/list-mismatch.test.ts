/** dates.list-mismatch: a column list and the article it lists disagree on the date — read end to end from the pages' HTML. */
import { createPage } from '../../../checks/page';
import { pageDatesOf } from '../../../checks/dates/page-dates';
import { listMismatch } from '../../../checks/dates/list-mismatch';
import type { Span } from '../../../checks/types';
import { testContext, testSite } from '../../helpers/context';

const HOST = 'https://www.shifan.gov.cn';
const page = (path: string, html: string) =>
  createPage({ siteId: 's', url: `${HOST}${path}`, fetchedAt: '2026-12-01T02:00:00Z', contentType: 'html', source: html, origin: 'crawl' });
const article = (path: string, published: string, extra = '') =>
  page(path, `<html><head><title>文章</title></head><body><div class="info">发布日期：${published}\u3000来源：市政府办公室</div>${extra}<div class="zw"><p>${'为深入贯彻落实市委市政府决策部署，现将有关事项通知如下。'.repeat(6)}</p></div></body></html>`);
/** A TRS-style column: <li><a>title</a><span>date</span></li>. */
const trsList = (items: [string, string][]) =>
  page('/zwgk/gzdt/', `<html><head><title>工作动态</title></head><body><div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a></div><ul class="list">${items.map(([href, d]) => `<li><a href="${href}">关于做好冬季安全生产工作的通知</a><span>${d}</span></li>`).join('')}</ul></body></html>`);

const run = (pages: ReturnType<typeof page>[]): Span[] => {
  const r = listMismatch.run(testSite({ pages: pages.map((p) => pageDatesOf(p)) }), testContext());
  return Array.isArray(r) ? r : [];
};

describe('dates.list-mismatch', () => {
  const list = trsList([
    ['./art_1.html', '2026-11-25'],
    ['./art_2.html', '2026-10-08'],
    ['./art_3.html', '2026-10-09'],
    ['./art_4.html', '2026-11-10'],
  ]);
  it('pairs each list item with its link, and finds the article re-dated after the list printed it', () => {
    expect(pageDatesOf(list).listItems).toEqual([
      { url: `${HOST}/zwgk/gzdt/art_1.html`, date: expect.stringMatching(/^2026-11-25/) },
      { url: `${HOST}/zwgk/gzdt/art_2.html`, date: expect.stringMatching(/^2026-10-08/) },
      { url: `${HOST}/zwgk/gzdt/art_3.html`, date: expect.stringMatching(/^2026-10-09/) },
      { url: `${HOST}/zwgk/gzdt/art_4.html`, date: expect.stringMatching(/^2026-11-10/) },
    ]);
    const spans = run([
      list,
      article('/zwgk/gzdt/art_1.html', '2026-11-25 10:30'),
      // Re-dated: the list still says 10-08.
      article('/zwgk/gzdt/art_2.html', '2026-11-28 09:00'),
      // The list prints its 成文日期: it agrees with one of the article's own dates.
      article('/zwgk/gzdt/art_3.html', '2026-10-20 09:00', '<table><tr><td>成文日期：</td><td>2026-10-09</td></tr></table>'),
      // A midnight publication: one day off.
      article('/zwgk/gzdt/art_4.html', '2026-11-11 00:05'),
    ]);
    expect(spans.map((s) => [s.url, s.message])).toEqual([[`${HOST}/zwgk/gzdt/art_2.html`, expect.stringMatching(/文章页日期 2026-11-28，而列表：.*显示 2026-10-08/)]]);
  });
  it('reads table rows too, and leaves items with two links and articles it did not crawl', () => {
    const rows = page('/xxgk/tzgg/', `<html><body><table>${[['a1.html', '2026-09-01'], ['a2.html', '2026-09-02'], ['a3.html', '2026-09-03']].map(([h, d]) => `<tr><td><a href="${h}">通知公告标题</a></td><td>${d}</td></tr>`).join('')}<tr><td><a href="a4.html">标题</a> <a href="/xxgk/">信息公开</a></td><td>2026-09-04</td></tr></table></body></html>`);
    expect(pageDatesOf(rows).listItems!.map((i) => i.url.replace(HOST, ''))).toEqual(['/xxgk/tzgg/a1.html', '/xxgk/tzgg/a2.html', '/xxgk/tzgg/a3.html']);
    const spans = run([rows, article('/xxgk/tzgg/a1.html', '2026-10-15'), article('/xxgk/tzgg/a4.html', '2026-10-15')]);
    expect(spans.map((s) => s.url)).toEqual([`${HOST}/xxgk/tzgg/a1.html`]);
  });
  it('pairs no row that prints two dates (发布日期 and 截止日期 of a 招标公告)', () => {
    const tenders = page('/zbgg/', `<html><body><table>${[['t1.html', '2026-12-20', '2026-11-20'], ['t2.html', '2026-12-21', '2026-11-21'], ['t3.html', '2026-12-22', '2026-11-22']].map(([h, due, pub]) => `<tr><td><a href="${h}">招标公告</a></td><td>截止：${due}</td><td>${pub}</td></tr>`).join('')}</table></body></html>`);
    expect(pageDatesOf(tenders).listItems).toEqual([]);
    expect(run([tenders, article('/zbgg/t1.html', '2026-11-20')])).toEqual([]);
  });
  it('pairs nothing on a list that prints 成文日期: its dates are not its pages\' publication dates', () => {
    const catalogue = page('/xxgk/zcwj/', `<html><body><table><tr><th>标题</th><th>成文日期</th></tr>${[['a1.html', '2026-09-01'], ['a2.html', '2026-09-02'], ['a3.html', '2026-09-03']].map(([h, d]) => `<tr><td><a href="${h}">政策文件</a></td><td>${d}</td></tr>`).join('')}</table></body></html>`);
    expect(pageDatesOf(catalogue).listItems).toBeUndefined();
    expect(run([catalogue, article('/xxgk/zcwj/a1.html', '2026-10-15')])).toEqual([]);
  });
  it('says nothing when list and page agree, or with no list in the crawl', () => {
    expect(run([trsList([['a.html', '2026-11-01'], ['b.html', '2026-11-02'], ['c.html', '2026-11-03']]), article('/zwgk/gzdt/a.html', '2026-11-01')])).toEqual([]);
    expect(run([article('/zwgk/gzdt/a.html', '2026-11-01')])).toEqual([]);
    // A TRS address carries the day the document was created; a list printing it agrees with the page.
    expect(run([trsList([['./202610/t20261008_2.html', '2026-10-08'], ['b.html', '2026-11-02'], ['c.html', '2026-11-03']]), article('/zwgk/gzdt/202610/t20261008_2.html', '2026-11-28')])).toEqual([]);
  });
});
