import { createPage } from '../../../checks/page';
import { findYearlessDates } from '../../../checks/dates/parse';
import { pageDatesOf } from '../../../checks/dates/page-dates';
import { homepageStale } from '../../../checks/health/homepage-stale';
import { testContext, testSite } from '../../helpers/context';

const READ = '2026-12-01T02:00:00Z';
const days = (text: string): string[] => findYearlessDates(text, READ).map((d) => d.value.slice(0, 10));

describe('list dates printed without their year', () => {
  it.each([
    ['a row whose title runs into its date', '市政府召开第12次常务会议11-30', ['2026-11-30']],
    ['a bracketed date first', '[11-28] 我市启动冬季安全生产大检查', ['2026-11-28']],
    ['a slash form in full-width brackets', '市领导调研重点项目（11/27）', ['2026-11-27']],
    ['a December row read on 1 December is last year’s', '年终工作总结 12-05', ['2025-12-05']],
    ['a row dated in characters', '示范市召开常务会议11月28日', ['2026-11-28']],
    ['a calendar badge over its row', '28\n2026.11\n示范市召开常务会议', ['2026-11-28']],
    ['a calendar badge run together with its row', '282026-11示范市召开常务会议', ['2026-11-28']],
    ['a badge with the year and month first', '2026年11月\n28\n示范市召开常务会议', ['2026-11-28']],
    ['a date first with its title run on', '11-21关于开展冬季消防安全检查的通知\n11/20我市召开常务会议', ['2026-11-21', '2026-11-20']],
  ])('reads %s', (_what, text, expected) => {
    expect(days(text)).toEqual(expected);
  });

  it.each([
    ['a range in a sentence', '办理时限为3-5个工作日，请耐心等待。'],
    ['an article number', '依据第11-30条规定'],
    ['a phone number', '咨询电话：0771-12-30'],
    ['a date inside a sentence', '会议于12-31召开'],
    ['a full date', '有效期至2026-12-31'],
    ['the tail of a full date in characters', '示范市召开常务会议 2025年11月28日'],
    ['a sentence that opens with its day', '11月28日，示范市召开常务会议。'],
    ['a count in a table above a month', '本年新收申请\t12\n2026年11月\t报告'],
    ['an ordinal before a year', '第3\n2026-11'],
    ['ranges of a count starting a line', '3-5岁儿童免费\n12-15个工作日办结\n10-12月份集中整治\n1-2楼为办事大厅\n11-20人参加'],
    ['a table\'s serial numbers beside its months', '序号\t月份\t件数\n1\t2026年1月\t12\n2\t2026年2月\t9\n2026年3月\n3\t8'],
  ])('does not read %s', (_what, text) => {
    expect(days(text)).toEqual([]);
  });

  it('a homepage whose news rows print 11-30 is updated, not 单项否决 stale on its one old full date', () => {
    const html = `<html><head><title>示范市人民政府门户网站</title></head><body><div class="news"><h2>政务要闻</h2><ul>
      <li><a href="/a/1.html">市政府召开第12次常务会议</a><span>11-30</span></li>
      <li><a href="/a/2.html">我市启动冬季安全生产大检查</a><span>11-28</span></li>
      <li><a href="/a/3.html">市领导调研重点项目建设</a><span>11-27</span></li></ul></div>
      <div><h2>政策文件</h2><ul><li><a href="/c/1.html">关于印发优化营商环境若干措施的通知</a>2025-03-12</li></ul></div>
      <div class="footer">主办：示范市人民政府办公室 2019年12月改版</div></body></html>`;
    const page = createPage({ siteId: 't', url: 'https://www.example.gov.cn/', fetchedAt: READ, contentType: 'html', source: html, origin: 'crawl' });
    const site = testSite({ urls: ['https://www.example.gov.cn/'], pages: [pageDatesOf(page)] });
    expect(homepageStale.run(site, testContext(new Date('2026-12-01T04:00:00Z')))).toEqual([]);
  });
});
