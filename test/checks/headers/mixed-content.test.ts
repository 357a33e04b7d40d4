import { mixedContent } from '../../../checks/headers/mixed-content';
import { createPage } from '../../../checks/page';
import { testContext } from '../../helpers/context';

const run = (html: string, url = 'https://www.example.gov.cn/') => {
  const r = mixedContent.run(createPage({ siteId: 's', url, fetchedAt: 't', contentType: 'html', source: html, origin: 'crawl' }), testContext());
  return Array.isArray(r) ? r.map((s) => `${s.severity} ${s.target}`) : r;
};

describe('headers.mixed-content', () => {
  it('reports active content as high and passive as medium', () => {
    expect(run('<script src="http://a.example/x.js"></script><link rel="stylesheet" href="http://a.example/s.css"><img src="http://a.example/p.png"><form action="http://a.example/login"></form>'))
      .toEqual(['high http://a.example/x.js', 'high http://a.example/s.css', 'medium http://a.example/p.png', 'high http://a.example/login']);
  });
  it('is silent for https and relative resources, links, and http pages', () => {
    expect(run('<script src="/x.js"></script><img src="https://a.example/p.png"><a href="http://other.example/">链接</a>')).toEqual([]);
    expect(run('<script src="http://a.example/x.js"></script>', 'http://www.example.gov.cn/')).toEqual({ skipped: 'not an https HTML page' });
  });
});
