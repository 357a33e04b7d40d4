/**
 * Publication-date accuracy on the labelled set (test/fixtures/dates/labelled-pages.ts): exact
 * day, at least 95% on government templates and 90% on general pages, with every miss listed.
 */
import { createPage } from '../../../checks/page';
import { bestPublicationDate, dateSources } from '../../../checks/dates/date-sources';
import { labelledPages } from '../../fixtures/dates/labelled-pages';

describe('publication-date extraction on the labelled set', () => {
  const pages = labelledPages();
  const results = pages.map((p) => {
    const page = createPage({ siteId: 'l', url: p.url, fetchedAt: '2026-11-28T00:00:00Z', contentType: 'html', source: p.html, origin: 'crawl', headers: p.headers });
    const best = bestPublicationDate(dateSources(page));
    // The day as the page writes it: a UTC timestamp of 21:05 is that day, not the next Beijing day.
    return { ...p, got: best ? best.slice(0, 10) : null };
  });
  it.each([['gov', 0.95], ['general', 0.9]] as const)('%s pages: exact-day accuracy at least %s', (kind, bar) => {
    const set = results.filter((r) => r.kind === kind);
    const wrong = set.filter((r) => r.got !== r.truth);
    const accuracy = 1 - wrong.length / set.length;
    if (accuracy < bar) throw new Error(`${accuracy.toFixed(3)}:\n${wrong.map((w) => `${w.template} ${w.truth} got ${w.got}`).join('\n')}`);
    expect(set.length).toBeGreaterThanOrEqual(100);
  });
  it('misses no template entirely', () => {
    const byTemplate = new Map<string, number>();
    for (const r of results) if (r.got === r.truth) byTemplate.set(r.template, (byTemplate.get(r.template) ?? 0) + 1);
    for (const t of new Set(results.map((r) => r.template))) expect(byTemplate.get(t) ?? 0).toBeGreaterThan(15);
  });
});
