/** TRS-style list pages whose page numbers `createPageHTML` writes: every page of the column, and nothing for other scripts. */
import { scriptedListPages } from '../../../pipelines/sources/script-pagination';

const COLUMN = 'https://www.shifan.gov.cn/zwgk/tzgg/index_2.html';

describe('scriptedListPages', () => {
  it('lists every page of the column but the one read', () => {
    const html = '<div class="page"><script>createPageHTML(4, 2, "index", "html");</script></div>';
    expect(scriptedListPages(html, COLUMN)).toEqual([
      { url: 'https://www.shifan.gov.cn/zwgk/tzgg/index.html', page: 1 },
      { url: 'https://www.shifan.gov.cn/zwgk/tzgg/index_1.html', page: 2 },
      { url: 'https://www.shifan.gov.cn/zwgk/tzgg/index_3.html', page: 4 },
    ]);
  });

  it('reads the count from the template\'s variable, and caps a very long column', () => {
    const html = '<script>var countPage = 500;//共多少页\nvar currentPage = 0;\ncreatePageHTML(countPage, currentPage, "index", "shtml");</script>';
    const pages = scriptedListPages(html, 'https://www.shifan.gov.cn/xwzx/');
    expect(pages.length).toBe(200);
    expect(pages[1]).toEqual({ url: 'https://www.shifan.gov.cn/xwzx/index_1.shtml', page: 2 });
  });

  it('reads the newer call with the pager\'s id first and the record count last', () => {
    const html = "<div id=\"page_div\"></div><script>createPageHTML('page_div', 3, 0, 'index', 'shtml', 52);</script>";
    expect(scriptedListPages(html, 'https://www.shifan.gov.cn/zwgk/index.shtml')).toEqual([
      { url: 'https://www.shifan.gov.cn/zwgk/index_1.shtml', page: 2 },
      { url: 'https://www.shifan.gov.cn/zwgk/index_2.shtml', page: 3 },
    ]);
  });

  it('finds nothing in a single page or another script', () => {
    expect(scriptedListPages('<script>createPageHTML(1, 0, "index", "html");</script>', COLUMN)).toEqual([]);
    expect(scriptedListPages('<script>var pages = 5; showPage(pages);</script>', COLUMN)).toEqual([]);
  });
});
