/**
 * Pages built to hurt a crawler (the hostile bench's shapes): every check and every fact a run
 * derives must read them without throwing. A page of 100,000 sibling links once failed the whole
 * scan ("Maximum call stack size exceeded": its children spread as call arguments), and a page
 * whose facts cannot be read must cost only that page.
 */
import { createPage } from '../../checks/page';
import { CHECKS } from '../../checks/registry';
import type { Page, PageCheck } from '../../checks/types';
import { runPageChecks } from '../../pipelines/page-checks';
import { extractLinks } from '../../pipelines/sources/links';
import { FIXED_NOW, testContext } from '../helpers/context';

const pageChecks = CHECKS.filter((c): c is PageCheck => c.kind === 'page');
const html = (body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>测试_示范市人民政府</title></head><body><h1>测试</h1>${body}</body></html>`;
const page = (source: string): Page => createPage({ siteId: 's', url: 'https://www.example.gov.cn/a.html', fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source, origin: 'crawl' });
const everything = { dates: true, own: { resources: true, prints: true } };

describe('pages built to hurt a crawler', () => {
  it('reads 150,000 sibling links and comments with every check and fact', () => {
    const p = page(html(Array.from({ length: 150_000 }, (_, i) => `<a href="/x/${i}.html">${i}</a><!-- c${i} -->`).join('')));
    const r = runPageChecks(pageChecks, p, testContext(FIXED_NOW), everything);
    expect(r.errors).toEqual([]);
    expect(r.facts.title).toBe('测试_示范市人民政府');
    expect(r.facts.resources).toBeDefined();
    expect(extractLinks(p.source, p.url).length).toBe(150_000);
  }, 120_000);

  it('reads 100,000 levels of nesting and finds what is inside', () => {
    const p = page(html(`${'<div>'.repeat(100_000)}<p>联系人身份证号：11010519491231002X</p>${'</div>'.repeat(100_000)}`));
    const r = runPageChecks(pageChecks, p, testContext(FIXED_NOW), everything);
    expect(r.errors).toEqual([]);
    expect(r.findings.map((f) => f.rule)).toContain('privacy.id-card');
  }, 120_000);

  it('keeps a page whose facts cannot be read, saying why', () => {
    const p = page(html('<p>正文</p>'));
    Object.defineProperty(p, 'text', { get: () => { throw new Error('unreadable text'); } });
    const r = runPageChecks([], p, testContext(FIXED_NOW), everything);
    expect(r.errors).toEqual([{ check: 'page-facts', message: expect.stringContaining('unreadable text') }]);
    expect(r.facts.dateSources).toEqual([]);
  });
});
