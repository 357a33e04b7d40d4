/**
 * counterfeit.page-copy over a copy corpus built from published documents: originals stored the
 * way a crawl stores them (the real store, in memory), copies judged as `check --url`, a crawl or
 * `lookalikes` would judge them.
 */
import { testStore } from '../../helpers/test-store';
import { createPage } from '../../../checks/page';
import { pageCopy } from '../../../checks/counterfeit/page-copy';
import { printsOf } from '../../../checks/counterfeit/prints';
import type { Context, Span } from '../../../checks/types';
import { originalsIndex, recordPrints } from '../../../pipelines/store/identity';
import { FIXED_NOW, testContext } from '../../helpers/context';
import { inventory } from '../../fixtures/counterfeit/corpus';
import { copyCorpus, corpusArticles } from '../../fixtures/counterfeit/copies';

const page = (url: string, html: string) => createPage({ siteId: 'shifan', url, fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: html, origin: 'crawl' });

describe('counterfeit.page-copy', () => {
  const { originals, cases } = copyCorpus(corpusArticles(30));
  const store = testStore();
  for (const o of originals) {
    const p = page(o.url, o.html);
    recordPrints(store, o.siteId, o.url, p.sha256, p.text.title, () => printsOf(p.text), FIXED_NOW.toISOString());
  }
  const ctx: Context = { ...testContext(FIXED_NOW), inventory: inventory(), originals: originalsIndex(store) };
  const judge = (c: { url: string; html: string }) => {
    const p = page(c.url, c.html);
    const r = pageCopy.run(p, ctx);
    return { page: p, spans: Array.isArray(r) ? r : [] };
  };
  afterAll(() => store.close());

  it('has copies of every kind and pages that must stay quiet', () => {
    expect(cases.filter((c) => c.expect !== 'none').length).toBeGreaterThanOrEqual(40);
    expect(cases.filter((c) => c.expect === 'none').length).toBeGreaterThanOrEqual(30);
  });

  it('finds at least 95% of the copies, with the right severity', () => {
    const positives = cases.filter((c) => c.expect !== 'none');
    const missed = positives.filter((c) => !judge(c).spans.some((s) => (s.severity ?? 'critical') === c.expect)).map((c) => c.name);
    expect(1 - missed.length / positives.length).toBeGreaterThanOrEqual(0.95);
    expect(missed).toEqual([]);
  });

  it('stays quiet on the originals, news republications and quoting blogs', () => {
    const noisy = cases.filter((c) => c.expect === 'none').filter((c) => judge(c).spans.length).map((c) => c.name);
    expect(noisy).toEqual([]);
  });

  it('names the original and locates the inserted words in the copy', () => {
    for (const c of cases.filter((x) => x.shows)) {
      const { page: p, spans } = judge(c);
      const s = spans[0] as Span;
      expect(s.message).toMatch(/复制了 https:\/\/[^ ]+\.gov\.cn\/art\//);
      expect({ name: c.name, located: p.text.text.slice(s.start, s.end) }).toEqual({ name: c.name, located: expect.stringContaining(c.shows!) });
    }
  });

  it('says the copy is word for word when nothing was changed', () => {
    const o = originals[0]!;
    const { spans } = judge({ url: 'http://www.shifan-gov.cn/same.html', html: o.html.replace(/<meta name="SiteIDCode"[^>]*>/, '') });
    expect(spans[0]!.message).toMatch(/与原页文字一致/);
    expect(spans[0]!.target).toBe('http://www.shifan-gov.cn/same.html');
  });

  it('skips without a store, and pages with no address', () => {
    const o = originals[0]!;
    expect(pageCopy.run(page('http://x.top/', o.html), testContext(FIXED_NOW))).toEqual({ skipped: expect.stringContaining('store') });
    expect(pageCopy.run(createPage({ siteId: 's', url: 'a.html', fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: o.html, origin: 'file' }), ctx)).toEqual({ skipped: expect.any(String) });
  });
});
