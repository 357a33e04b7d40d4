import { looksLikeErrorPage, type ErrorPage } from '../../../pipelines/links/soft-404';

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

  it('a title that says so on a long page is an article about it, not an error page', () => {
    expect(looksLikeErrorPage(seen('页面不存在问题整改通报', '正文'.repeat(1200)), undefined)).toBe(false);
  });

  it('a page that reads like the host’s own error page is one, whatever its title', () => {
    const probe: ErrorPage = { finalUrl: 'https://www.example.gov.cn/x.html', redirected: false, grams: new Set(['抱歉找', '歉找不', '找不到', '不到您', '到您要', '您要的', '要的页', '的页面']) };
    expect(looksLikeErrorPage(seen('示范市人民政府', '抱歉找不到您要的页面'), probe)).toBe(true);
    expect(looksLikeErrorPage(seen('示范市人民政府', '关于开展年度工作的通知'), probe)).toBe(false);
  });
});
