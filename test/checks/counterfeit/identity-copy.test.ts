/** counterfeit.identity-copy: a configured site's own marks on a host that is not one of its own. */
import { createPage } from '../../../checks/page';
import { identityCopy } from '../../../checks/counterfeit/identity-copy';
import { testContext, FIXED_NOW } from '../../helpers/context';
import { inventory } from '../../fixtures/counterfeit/corpus';

const run = (url: string, html: string) =>
  identityCopy.run(createPage({ siteId: 't', url, fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: html, origin: 'crawl' }), { ...testContext(FIXED_NOW), inventory: inventory() });

const FOOTER = '<div>主办：示范市人民政府办公室 网站标识码：4501000001 桂ICP备05001234号-2</div>';

describe('counterfeit.identity-copy', () => {
  it('fires on the site code and ICP number of a configured site at a lookalike host, naming both', () => {
    expect(run('http://www.shifan.gov.cn.com/a.html', `<title>通知_示范市人民政府</title>${FOOTER}`)).toEqual([
      expect.objectContaining({ discriminator: 'shifan', message: expect.stringMatching(/网站标识码 4501000001.*ICP备案号 桂ICP备05001234号.*网站名称 示范市人民政府/) }),
    ]);
  });
  it('stays quiet on the site itself, its mirror and another gov.cn host', () => {
    for (const url of ['https://www.shifan.gov.cn/a.html', 'https://shifan.org.cn/a.html', 'https://sub.shifan.org.cn/a.html', 'https://www.other.gov.cn/a.html']) expect(run(url, FOOTER)).toEqual([]);
  });
  it('fires on a copy that loads the site\u2019s own footer file from the site, carrying no mark itself', () => {
    expect(run('http://www.shifan-gov.cn.com/a.html', '<title>补贴申领</title><div id="ft"></div><script src="https://www.shifan.gov.cn/js/footer.js"></script>')).toEqual([
      expect.objectContaining({ discriminator: 'shifan', message: expect.stringContaining('加载本站页脚文件 https://www.shifan.gov.cn/js/footer.js') }),
    ]);
    // Its own footer file, or another site's script that is no footer, says nothing.
    expect(run('http://www.shifan-gov.cn.com/a.html', '<script src="/js/footer.js"></script><script src="https://www.shifan.gov.cn/js/jquery.js"></script>')).toEqual([]);
  });
  it('stays quiet on a page with marks of its own', () => {
    expect(run('https://www.company.cn/', '<div>版权所有 某公司 沪ICP备12345678号</div>')).toEqual([]);
  });
  it('skips without configured identities', () => {
    const page = createPage({ siteId: 't', url: 'http://x.com/', fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: FOOTER, origin: 'crawl' });
    expect(identityCopy.run(page, testContext(FIXED_NOW))).toEqual({ skipped: expect.stringContaining('no configured site identities') });
  });
});
