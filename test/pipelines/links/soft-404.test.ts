import { createPage } from '../../../checks/page';
import { errorPageFrom, looksLikeErrorPage } from '../../../pipelines/links/soft-404';

/** A page of the crawl as the soft-404 test sees it: short, not redirected. */
function seen(title: string, text = '正文较短。'): Parameters<typeof looksLikeErrorPage>[0] {
  return { url: 'https://www.example.gov.cn/art/1.html', finalUrl: 'https://www.example.gov.cn/art/1.html', redirected: false, title, text: () => text };
}

describe('soft 404 by title', () => {
  it.each([
    '404',
    '404 Not Found',
    '404错误',
    '404页面_示范市人民政府',
    '404_示范市人民政府门户网站',
    '出错啦！404',
    'Error 404',
    'HTTP 404 - 找不到页面',
    '页面不存在_示范市人民政府',
    '您访问的页面不存在',
    'Not Found',
  ])('%s is an error page', (title) => {
    expect(looksLikeErrorPage(seen(title), undefined)).toBe(true);
  });

  it.each([
    '第404篇_示范市人民政府',
    '国务院令第404号',
    '关于G4045国道改建工程的公告',
    'S404省道养护通知',
    '404路公交线路调整的公告',
    '2024年第404号公告',
    '第1404期 政务简报',
    '示范市人民政府',
  ])('%s is not', (title) => {
    expect(looksLikeErrorPage(seen(title), undefined)).toBe(false);
  });

  it.each([
    ['该信息已撤稿', '首页\n政务公开\n该信息已撤稿\n主办：示范市人民政府办公室'],
    ['文章不存在或已删除！', '首页\n文章不存在或已删除！\n返回首页'],
    ['抱歉，您访问的信息已过期', '抱歉，您访问的信息已过期\n3秒后返回首页'],
  ])('a line of its own saying %s, under the site\u2019s own title, is an error page', (_line, text) => {
    expect(looksLikeErrorPage(seen('示范市人民政府', text), undefined)).toBe(true);
  });

  it.each([
    ['an article about removed pages', '首页\n关于网站信息已删除情况的说明：经核查，部分页面不存在有效内容的问题已整改，现将有关情况说明如下。'],
    ['a notice headed by the words in a longer line', '信息不存在的问题整改通报，请各单位对照检查网站栏目和链接'],
    ['a list page with nothing yet', '首页\n通知公告\n暂无信息'],
  ])('%s is not', (_name, text) => {
    expect(looksLikeErrorPage(seen('示范市人民政府', text), undefined)).toBe(false);
  });

  it('reads a page\u2019s text for a gone notice only when its markup has a word of one', () => {
    let read = 0;
    const page = (html: string) => ({ ...seen('示范市人民政府'), html, text: () => (read++, html.replace(/<[^>]+>/g, '\n')) });
    expect(looksLikeErrorPage(page('<p>首页</p><p>关于做好冬季供暖工作的通知</p>'), undefined)).toBe(false);
    expect(read).toBe(0);
    expect(looksLikeErrorPage(page('<p>首页</p><p>该信息已撤稿</p>'), undefined)).toBe(true);
    expect(read).toBe(1);
  });

  it('a title that says so on a long page is an article about it, not an error page', () => {
    expect(looksLikeErrorPage(seen('页面不存在问题整改通报', '正文'.repeat(1200)), undefined)).toBe(false);
  });

});

describe('soft 404 by likeness to the host’s error page', () => {
  // A CMS template whose navigation and footer outweigh a short page, as on most portals.
  const nav = ['首页', '政务公开', '政务服务', '互动交流', '走进示范', '新闻中心', '政策文件', '政策解读', '人事信息', '财政资金', '重点领域', '建议提案', '规划计划', '统计信息', '应急管理', '公示公告', '招标采购', '办事指南', '在线访谈', '市长信箱', '民意征集', '依申请公开', '政府信息公开年报', '政府信息公开指南'].map((n, i) => `<a href="/col/${i}.html">${n}</a>`).join(' ');
  const footer = '<div class="footer">主办单位：示范市人民政府办公室 承办单位：示范市大数据发展局 地址：示范市民族大道100号 联系电话：0771-1234567 网站标识码：4501000001 桂ICP备12345678号 桂公网安备45010202000001号 版权所有 示范市人民政府 网站地图 联系我们 我为政府网站找错</div>';
  const page = (title: string, body: string): string => `<html><head><title>${title}</title></head><body><div class="nav">${nav}</div><div class="loc">当前位置：首页 &gt; 公示公告</div><div class="content"><h1>${title}</h1>${body}</div>${footer}</body></html>`;
  const text = (html: string): string => createPage({ siteId: 's', url: 'https://www.example.gov.cn/a.html', fetchedAt: 't', contentType: 'html', source: html, origin: 'crawl' }).text.text;
  const errorHtml = (path: string): string => page('示范市人民政府', `<p>抱歉，您访问的页面 ${path} 暂时无法显示，${5}秒后返回首页。</p>`);
  const learnt = errorPageFrom(text(errorHtml('/xunjian-missing-3f2a.html')), 'https://www.example.gov.cn/xunjian-missing-3f2a.html', false);
  const judged = (html: string, title = '示范市人民政府'): boolean => looksLikeErrorPage({ ...seen(title, text(html)) }, learnt);

  it('the error page again, echoing another address, is a soft 404', () => {
    expect(judged(errorHtml('/art/2024/1404.html'))).toBe(true);
  });

  it.each([
    ['a one-line notice', '停电通知', '<p>明日9时至12时停电。</p>'],
    ['an attachment-only page', '关于公布年度名单的通知', '<p>附件：<a href="/u/1.pdf">名单.pdf</a></p>'],
    ['a page titled with the site name only', '示范市人民政府', '<p>2026年第3期</p>'],
    ['an image-only page', '示范市人民政府', '<p><img src="/u/1.jpg" alt="领导活动"></p>'],
  ])('%s on the same template is not', (_what, title, body) => {
    expect(judged(page(title, body), title)).toBe(false);
  });
});

describe('soft 404 on a page with a long run of letters', () => {
  it('judges it at once: 1,000,000 letters with no dot or slash are read in linear time', () => {
    const error = errorPageFrom('您访问的页面不存在\n返回首页', 'https://www.example.gov.cn/404.html', false);
    const blob = 'QUJD'.repeat(250_000);
    // Quadratic before: 40,000 letters took 1.3 s, so a million would have taken about 14 minutes.
    expect(looksLikeErrorPage(seen('附件编码', `附件编码：${blob}`), error)).toBe(false);
  });
});
