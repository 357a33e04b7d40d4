/**
 * Personal numbers in a page's own URL are found (the text rules never saw them), and the
 * look-alikes CMS addresses are full of are not.
 */
import { idNumbersInUrl, mobilesInUrl } from '../../../checks/privacy/in-url';
import { idCard } from '../../../checks/privacy/id-card';
import { mobile } from '../../../checks/privacy/mobile';
import { email } from '../../../checks/privacy/email';
import { createPage } from '../../../checks/page';
import { pageFindings } from '../../../pipelines/findings';
import { testContext, FIXED_NOW } from '../../helpers/context';

// Constructed, checksum-valid test numbers (not people's).
const ID = '11010519491231002X';
const MOBILE = '13700031676';

describe('numbers in the page URL', () => {
  it.each([
    [`https://www.example.gov.cn/gs/${ID}.html`],
    [`https://www.example.gov.cn/query?sfzh=${ID}&name=%E5%BC%A0`],
    [`https://www.example.gov.cn/cx/%E8%BA%AB%E4%BB%BD/${ID.toLowerCase()}`],
  ])('finds the ID number in %s', (url) => {
    expect(idNumbersInUrl(url, FIXED_NOW).map((s) => s.target!.toUpperCase())).toEqual([ID]);
  });

  it.each([
    ['https://www.example.gov.cn/art/2026/11/20/art_1229_110105194912310021.html'], // checksum fails
    ['https://www.example.gov.cn/t20261120_1234567.html'],
    ['https://www.example.gov.cn/content/post_8800012345678901.html'],
  ])('leaves the CMS address %s alone', (url) => {
    expect(idNumbersInUrl(url, FIXED_NOW)).toEqual([]);
  });

  it('finds a mobile number only behind a phone-like parameter', () => {
    expect(mobilesInUrl(`https://www.example.gov.cn/yy?tel=${MOBILE}`).map((s) => s.target)).toEqual([MOBILE]);
    expect(mobilesInUrl(`https://www.example.gov.cn/yy?lxdh=137-0003-1676&x=1`).map((s) => s.target)).toEqual(['137-0003-1676']);
    // An 11-digit article id that happens to look like a mobile is not one.
    expect(mobilesInUrl(`https://www.example.gov.cn/art/${MOBILE}.html`)).toEqual([]);
  });

  it('raises a masked finding from the rules themselves, with the number never shown whole', () => {
    const page = createPage({ siteId: 's', url: `https://www.example.gov.cn/gs/${ID}.html?tel=${MOBILE}`, fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: '<p>公示</p>', origin: 'crawl' });
    const ctx = testContext(FIXED_NOW);
    const id = pageFindings(idCard, idCard.run(page, ctx) as never, page);
    const mob = pageFindings(mobile, mobile.run(page, ctx) as never, page);
    expect(id.map((f) => f.title)).toEqual([expect.stringContaining('网址中含身份证号码')]);
    expect(mob.map((f) => f.title)).toEqual([expect.stringContaining('网址参数中含手机号码')]);
    for (const f of [...id, ...mob]) {
      expect(JSON.stringify({ ...f, url: '' })).not.toContain(ID);
      expect(JSON.stringify({ ...f, url: '' })).not.toContain(MOBILE);
    }
  });

  it('finds an ID number in an address the page links or loads, once each, masked; not a checksum-failing id', () => {
    const source = `<p>查询结果</p><a href="/cx/result.html?sfzh=${ID}">张某</a><img src="/upload/${ID}.jpg"><a href="/art/2026/11/20/art_1229_110105194912310021.html">通知</a>`;
    const page = createPage({ siteId: 's', url: 'https://www.example.gov.cn/gs/list.html', fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source, origin: 'crawl' });
    const found = pageFindings(idCard, idCard.run(page, testContext(FIXED_NOW)) as never, page);
    expect(found.map((f) => f.title)).toEqual([expect.stringContaining('<a href> 的网址中含身份证号码')]);
    expect(JSON.stringify(found)).not.toContain(ID);
  });

  it('finds a mobile only a tel: link holds and a personal address only a mailto: link holds, masked; not an office line or mailbox, nor what the text shows', () => {
    const source = `<p>请<a href="tel:+86-${MOBILE}">拨打联系人电话</a>或<a href="mailto:zhangsan@163.com?subject=咨询">发邮件</a></p>`
      + '<p><a href="tel:0771-2345678">办公室</a><a href="mailto:xxgk@example.gov.cn">信息公开</a></p>';
    const page = createPage({ siteId: 's', url: 'https://www.example.gov.cn/lx.html', fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source, origin: 'crawl' });
    const ctx = testContext(FIXED_NOW);
    const mob = pageFindings(mobile, mobile.run(page, ctx) as never, page);
    const mail = pageFindings(email, email.run(page, ctx) as never, page);
    expect(mob.map((f) => f.title)).toEqual([expect.stringContaining('tel:')]);
    expect(mail.map((f) => [f.title, f.severity])).toEqual([[expect.stringContaining('mailto:'), 'medium']]);
    expect(JSON.stringify([...mob, ...mail])).not.toContain(MOBILE);
    expect(JSON.stringify([...mob, ...mail])).not.toContain('zhangsan@163.com');
    // Shown in the text too: the text rule reports it once, the link adds nothing.
    const shown = createPage({ siteId: 's', url: 'https://www.example.gov.cn/lx2.html', fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: `<p>手机：<a href="tel:${MOBILE}">${MOBILE}</a></p>`, origin: 'crawl' });
    expect((mobile.run(shown, ctx) as never[]).length).toBe(1);
  });
});
