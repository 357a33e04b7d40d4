/**
 * Each scenario's drill payload is safe and does what it is for: marked 演练 and with the drill's
 * marker, and caught by the rule the drill exercises when a page carries it.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePayload, syntheticIds } from '../../pipelines/drill/payload';
import { validateId18 } from '../../checks/privacy/id-number';
import { createPage } from '../../checks/page';
import { CHECKS } from '../../checks/registry';
import type { PageCheck } from '../../checks/types';
import type { Drill, Scenario } from '../../pipelines/store/drills';
import { FIXED_NOW, testContext } from '../helpers/context';
import { inventory } from '../fixtures/counterfeit/corpus';

const drill = (scenario: Scenario): Drill => ({ id: 'DR-20261205-abcd', scenario, site: 'shifan', status: 'running', startedAt: FIXED_NOW.toISOString(), events: [] });
const SITE = { name: '示范市人民政府', urls: ['https://www.shifan.gov.cn/'], siteCode: '4501000001', icp: '桂ICP备05001234号' };

function rulesOn(html: string, url: string): string[] {
  const page = createPage({ siteId: 's', url, fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: html, origin: 'crawl' });
  const ctx = { ...testContext(FIXED_NOW), inventory: inventory() };
  return CHECKS.filter((c): c is PageCheck => c.kind === 'page').flatMap((c) => {
    const r = c.run(page, ctx);
    return Array.isArray(r) && r.length ? [c.meta.id] : [];
  });
}

describe('drill payloads', () => {
  it('use synthetic ID numbers that pass the checksum but belong to no living person', () => {
    for (const id of syntheticIds(3)) {
      expect(validateId18(id, FIXED_NOW).valid).toBe(true);
      expect(id.slice(6, 10)).toBe('1900');
    }
  });
  it.each([
    ['隐私泄露', 'privacy.html', 'privacy.id-card'],
    ['泄密', 'secret.html', 'secrecy.marking'],
    ['暗链', 'hidden-link.html', 'tamper.hidden-link'],
    ['假冒网站', 'counterfeit.html', 'counterfeit.identity-copy'],
  ] as [Scenario, string, string][])('%s: marked, carrying the marker, and caught by %s', async (scenario, file, rule) => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-payload-'));
    const files = await writePayload(drill(scenario), dir, SITE);
    expect(files.map((f) => f.name)).toContain(`DR-20261205-abcd-README.md`);
    const html = readFileSync(join(dir, `DR-20261205-abcd-${file}`), 'utf8');
    expect(html).toContain('演练');
    expect(html).toContain('XJDRILL-DR-20261205-abcd');
    const url = scenario === '假冒网站' ? 'http://shifan-drill.example/' : 'https://www.shifan.gov.cn/drill.html';
    expect(rulesOn(html, url)).toContain(rule);
  });
  it('writes only a README for the scenarios a team causes by hand', async () => {
    for (const scenario of ['证书过期', '站点宕机'] as Scenario[]) {
      const dir = mkdtempSync(join(tmpdir(), 'xj-payload-'));
      await writePayload(drill(scenario), dir, SITE);
      expect(readdirSync(dir)).toEqual(['DR-20261205-abcd-README.md']);
    }
  });
});
