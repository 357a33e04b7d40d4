/**
 * A page of 100,000 nested elements once overflowed the stack in every check and took minutes of
 * CPU; an ID number at depth 5,000 was no longer found. Every page check must now run over it, find
 * what is buried in it, and give a finding a bounded location.
 */
import { CHECKS } from '../../../checks/registry';
import { createPage } from '../../../checks/page';
import { pageFindings } from '../../../pipelines/findings';
import { extractVisibleText } from '../../../checks/text/visible-text';
import { testContext, FIXED_NOW } from '../../helpers/context';
import type { PageCheck } from '../../../checks/types';

// A constructed, checksum-valid test number (not a person's).
const ID = '11010519491231002X';

function nested(depth: number, buriedAt: number): string {
  const parts: string[] = ['<html><head><title>深层嵌套</title></head><body>'];
  for (let i = 0; i < depth; i++) {
    parts.push(i === buriedAt ? `<div><span>身份证号：${ID}</span>` : '<div>');
  }
  parts.push('<script src="http://cdn.example.com/a.js"></script>', '</div>'.repeat(depth), '</body></html>');
  return parts.join('');
}

describe('a page nested 100,000 deep', () => {
  const html = nested(100_000, 60_000);
  const page = createPage({ siteId: 'test', url: 'https://www.example.gov.cn/deep.html', fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: html, origin: 'file' });

  it('every page check runs without overflowing the stack', () => {
    const ctx = testContext(FIXED_NOW);
    const pageChecks = CHECKS.filter((c): c is PageCheck => c.kind === 'page');
    expect(pageChecks.length).toBeGreaterThan(20);
    for (const check of pageChecks) expect(() => check.run(page, ctx)).not.toThrow();
  });

  it('finds the ID number buried at depth 60,000, with a bounded selector', () => {
    const idCard = CHECKS.find((c) => c.meta.id === 'privacy.id-card') as PageCheck;
    const spans = idCard.run(page, testContext(FIXED_NOW));
    expect(Array.isArray(spans) && spans.length).toBe(1);
    const [f] = pageFindings(idCard, spans as never, page);
    expect(f!.location.selector!.split(' > ').length).toBeLessThanOrEqual(32);
    expect(f!.location.selector!.endsWith('span')).toBe(true);
  });

  it('finds mixed content after the nesting (the walk reaches the end of the page)', () => {
    const mixed = CHECKS.find((c) => c.meta.id === 'headers.mixed-content') as PageCheck;
    const spans = mixed.run(page, testContext(FIXED_NOW));
    expect(Array.isArray(spans) && spans.map((s) => s.target)).toEqual(['http://cdn.example.com/a.js']);
  });

  it('a shallow page gives the same text as before (block breaks, cells, hidden marks)', () => {
    const vt = extractVisibleText('<div>一<div style="display:none">暗</div><table><tr><td>甲</td><td>乙</td></tr></table></div>尾');
    expect(vt.text).toBe('一\n暗\n甲\t乙\n尾');
    expect(vt.segments.find((s) => vt.text.slice(s.start, s.end) === '暗')!.hidden).toBe(true);
  });
});
