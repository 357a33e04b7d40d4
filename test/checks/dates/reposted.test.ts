import { reposted } from '../../../checks/dates/reposted';
import type { PageDates } from '../../../checks/types';
import { testContext, testPageDates, testSite } from '../../helpers/context';
import { createPage } from '../../../checks/page';
import { pageDatesOf } from '../../../checks/dates/page-dates';

const run = (pages: PageDates[]) => {
  const r = reposted.run(testSite({ pages }), testContext());
  return Array.isArray(r) ? r : [];
};
const a = (url: string, claimed: string, bodyHash = 'h1') => testPageDates({ url: `https://www.example.gov.cn/${url}`, claimed, bodyHash });

describe('dates.reposted', () => {
  it('finds an old article re-posted a month later', () => {
    const spans = run([a('a.html', '2026-01-05T09:00:00+08:00'), a('b.html', '2026-02-10T09:00:00+08:00'), a('c.html', '2026-02-11T09:00:00+08:00', 'h2')]);
    expect(spans.map((s) => s.target)).toEqual(['https://www.example.gov.cn/b.html']);
    expect(spans[0]!.message).toContain('https://www.example.gov.cn/a.html');
  });
  it('leaves copies within two weeks (mirrored columns) and pages without a body fingerprint alone', () => {
    expect(run([a('a.html', '2026-01-05T09:00:00+08:00'), a('b.html', '2026-01-12T09:00:00+08:00')])).toEqual([]);
    expect(run([testPageDates({ url: 'https://x.gov.cn/1', claimed: '2026-01-01T00:00:00+08:00' }), testPageDates({ url: 'https://x.gov.cn/2', claimed: '2026-06-01T00:00:00+08:00' })])).toEqual([]);
  });
  it('finds the original in an earlier run when it was taken down, and only reports pages of this run', () => {
    const history = {
      previousRunAt: '2026-02-01T00:00:00Z',
      pages: [
        { url: 'https://www.example.gov.cn/old.html', firstSeen: '2026-01-05T00:00:00Z', claimed: '2026-01-05T09:00:00+08:00', bodyHash: 'h1' },
        { url: 'https://www.example.gov.cn/gone2.html', firstSeen: '2026-01-06T00:00:00Z', claimed: '2026-03-01T09:00:00+08:00', bodyHash: 'h1' },
      ],
    };
    const r = reposted.run(testSite({ pages: [a('new.html', '2026-02-20T09:00:00+08:00')], history }), testContext());
    const spans = Array.isArray(r) ? r : [];
    expect(spans.map((s) => s.target)).toEqual(['https://www.example.gov.cn/new.html']);
    expect(spans[0]!.message).toContain('old.html（2026-01-05，此前巡检所见）');
  });

  it('reads the article, not the site\'s long footer: two short notices are not one re-post, an article re-posted is', () => {
    const footer = '<div class="footer">主办单位：示范市人民政府办公室 承办单位：示范市大数据发展局 地址：示范市民族大道100号 邮编：530000 联系电话：0771-1234567 网站标识码：4501000001 桂ICP备12345678号 桂公网安备45010202000001号 建议使用1366×768分辨率浏览本网站 版权所有 示范市人民政府 未经授权不得转载</div>';
    const article = '<p>为深入贯彻落实党中央、国务院关于安全生产的决策部署，进一步压实各方责任，全面排查整治各类风险隐患，坚决防范遏制重特大事故发生，切实保障人民群众生命财产安全，确保全市安全生产形势持续稳定向好，经市人民政府同意，现就做好冬季安全生产工作有关事项通知如下。</p>';
    const dated = (url: string, title: string, day: string, body: string) => pageDatesOf(createPage({
      siteId: 't', url: `https://www.example.gov.cn/${url}`, fetchedAt: '2026-12-01T00:00:00Z', contentType: 'html', origin: 'crawl',
      source: `<html><head><title>${title}</title><meta name="PubDate" content="${day} 09:00"></head><body><div class="nav"><a href="/">首页</a></div><h1>${title}</h1><div class="content">${body}</div>${footer}</body></html>`,
    }));
    expect(run([dated('a.html', '停电通知', '2026-10-01', '<p>明日9时至12时停电。</p>'), dated('b.html', '停水通知', '2026-11-20', '<p>明日全天停水，请做好储水准备。</p>')])).toEqual([]);
    const spans = run([dated('c.html', '关于做好冬季安全生产工作的通知', '2026-10-01', article), dated('d.html', '关于做好冬季安全生产工作的通知', '2026-11-20', article)]);
    expect(spans.map((x) => x.target)).toEqual(['https://www.example.gov.cn/d.html']);
  });
});
