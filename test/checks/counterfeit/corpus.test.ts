/**
 * The counterfeit page rules over the template corpus (copies, scams, and the pages that must stay
 * quiet), and over the clean government corpus served at gov.cn addresses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPage } from '../../../checks/page';
import { identityCopy } from '../../../checks/counterfeit/identity-copy';
import { govClaim } from '../../../checks/counterfeit/gov-claim';
import { CHECKS } from '../../../checks/registry';
import type { Context, PageCheck, Span } from '../../../checks/types';
import { testContext, FIXED_NOW } from '../../helpers/context';
import { corpus, inventory } from '../../fixtures/counterfeit/corpus';

const RULES: PageCheck[] = [identityCopy, govClaim];

function ctx(): Context {
  return { ...testContext(FIXED_NOW), inventory: inventory() };
}

function fired(url: string, html: string, c: Context = ctx()): { rule: string; severity: string; message: string }[] {
  const page = createPage({ siteId: 'test', url, fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: html, origin: 'crawl' });
  return RULES.flatMap((r) => {
    const spans = r.run(page, c);
    return Array.isArray(spans) ? spans.map((s: Span) => ({ rule: r.meta.id, severity: s.severity ?? r.meta.severity, message: s.message ?? '' })) : [];
  });
}

describe('counterfeit page rules on the template corpus', () => {
  const cases = corpus();

  it('has copies, scams and look-alikes that must not fire', () => {
    expect(cases.filter((c) => c.expect !== 'none').length).toBeGreaterThan(60);
    expect(cases.filter((c) => c.expect === 'none').length).toBeGreaterThan(20);
  });

  it('finds at least 95% of the counterfeits with the right rule and severity', () => {
    const positives = cases.filter((c) => c.expect !== 'none');
    const missed = positives.filter((c) => {
      const want = c.expect as { rule: string; severity: string };
      return !fired(c.url, c.html).some((f) => f.rule === want.rule && f.severity === want.severity);
    });
    expect({ recall: 1 - missed.length / positives.length, missed: missed.map((c) => c.name) }).toEqual({ recall: 1, missed: [] });
  });

  it('fires on none of the real sites, mirrors, gov.cn siblings, .政务 hosts, news and company pages', () => {
    const noisy = cases.filter((c) => c.expect === 'none').map((c) => ({ name: c.name, fired: fired(c.url, c.html) })).filter((c) => c.fired.length);
    expect(noisy).toEqual([]);
  });

  it('names each copied mark and the site it belongs to', () => {
    const c = cases.find((x) => x.name === 'copy t0 shifan marks#5')!;
    const [f] = fired(c.url, c.html);
    expect(f!.message).toContain('示范市人民政府');
    for (const mark of ['网站标识码 4501000001', 'ICP备案号 桂ICP备05001234号', '公安备案号 桂公网安备45010002000001号']) expect(f!.message).toContain(mark);
  });

  it('a copy whose marks the config does not list is still a government claim', () => {
    const c = cases.find((x) => x.name === 'copy t1 kjb marks#0')!;
    const bare = { ...testContext(FIXED_NOW), inventory: { sites: [], officialHosts: [] } };
    expect(fired(c.url, c.html, bare).map((f) => f.rule)).toEqual(['counterfeit.gov-claim']);
  });

  it('skips pages with no web address, and says why', () => {
    const page = createPage({ siteId: 't', url: 'file.html', fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: '<p>x</p>', origin: 'file' });
    expect(govClaim.run(page, ctx())).toEqual({ skipped: expect.stringContaining('--url') });
  });
});

describe('the clean corpus at gov.cn addresses', () => {
  const dir = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'gov-docs');
  it('gives no high or critical finding from any counterfeit rule', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).slice(0, 200);
    expect(files.length).toBeGreaterThan(100);
    const counterfeit = CHECKS.filter((c): c is PageCheck => c.kind === 'page' && c.meta.family === 'counterfeit');
    let hits = 0;
    for (const [i, f] of files.entries()) {
      const text = readFileSync(join(dir, f), 'utf8');
      const html = `<html><head><meta charset="utf-8"><title>${f.replace(/\.txt$/, '')}_中国政府网</title><meta name="SiteIDCode" content="bm01000001"></head><body>${text.split('\n').map((l) => `<p>${l}</p>`).join('')}<div>主办：国务院办公厅 网站标识码bm01000001 京ICP备05070218号</div></body></html>`;
      const page = createPage({ siteId: 'gov', url: `https://www.gov.cn/zhengce/${i}.htm`, fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: html, origin: 'crawl' });
      for (const c of counterfeit) {
        const r = c.run(page, ctx());
        if (Array.isArray(r)) hits += r.length;
      }
    }
    expect(hits).toBe(0);
  });
});
