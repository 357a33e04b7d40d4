/**
 * Ordinary government pages, written as offices publish them, must stay quiet under every page
 * check: a procurement result (document numbers, a 代理机构 account, former names cited with their
 * year), a penalty decision and a relief roster with masked IDs and phones, an appointment notice,
 * registry and invoice numbers, homepages with hidden menus and the usual statistics, share,
 * accessibility, CONAC and 找错 scripts, a policy notice that cites the rules it replaces. Each page
 * once drew a wrong finding or is the kind that could; the one real leak among them (a contact's
 * mobile number in full) is still reported.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPage } from '../../checks/page';
import { CHECKS } from '../../checks/registry';
import type { PageCheck } from '../../checks/types';
import { runPageChecks } from '../../pipelines/page-checks';
import { testContext } from '../helpers/context';

const DIR = join(__dirname, '..', 'fixtures', 'quiet-pages');
const READ = new Date('2026-12-01T02:00:00Z');
/** What each page rightly draws. */
const EXPECTED: Record<string, string[]> = {
  'procurement-result.html': ['privacy.mobile'],
};

describe('ordinary government pages stay quiet', () => {
  const checks = CHECKS.filter((c): c is PageCheck => c.kind === 'page');
  it.each(readdirSync(DIR).filter((f) => f.endsWith('.html')))('%s', (file) => {
    const page = createPage({
      siteId: 'shifan', url: `https://www.shifan.gov.cn/zwgk/${file}`, fetchedAt: READ.toISOString(), contentType: 'html',
      source: readFileSync(join(DIR, file), 'utf8'), origin: 'crawl',
    });
    const r = runPageChecks(checks, page, testContext(READ), { dates: true, own: { resources: true, prints: false } });
    expect(r.errors).toEqual([]);
    expect(r.findings.map((f) => `${f.rule} ${f.title}`)).toEqual((EXPECTED[file] ?? []).map((rule) => expect.stringMatching(new RegExp(`^${rule.replace('.', '\\.')} `))));
  });
});
