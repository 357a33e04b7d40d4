/**
 * A run derives each page's dated facts (Site.pages) only when a rule reads them: the site rules of
 * the dates and health families (pipelines/run.ts, `pageDates`). Every other site rule must read
 * none, or a links-only run would hand it an empty list and it would judge nothing without saying so.
 */
import { CHECKS } from '../../checks/registry';
import type { Site, SiteCheck } from '../../checks/types';
import { testContext, testPageDates, testSite } from '../helpers/context';

const READERS = new Set(['dates', 'health']);

/** A site whose every observation is there to read, and whose `pages` tells when it is read. */
function watchedSite(): { site: Site; read: () => boolean } {
  let read = false;
  const pages = [testPageDates({ url: 'https://www.example.gov.cn/a.html', claimed: '2026-11-01T09:00:00+08:00', bodyHash: 'h' })];
  const site = testSite({
    links: [
      { from: 'https://www.example.gov.cn/', to: 'https://www.example.gov.cn/gone.html', status: 404, anchor: '通知' },
      { from: 'https://www.example.gov.cn/', to: 'https://partner.example.com/', status: 200, anchor: '市人民政府', external: true, hijack: 'parked: for sale' },
    ],
    documents: [{ url: 'https://www.example.gov.cn/a.pdf', linkedFrom: 'https://www.example.gov.cn/a.html', created: '2026-11-02T09:00:00+08:00' }],
  });
  Object.defineProperty(site, 'pages', {
    get: () => {
      read = true;
      return pages;
    },
  });
  return { site, read: () => read };
}

describe('page dates are derived for the rules that read them', () => {
  const siteChecks = CHECKS.filter((c): c is SiteCheck => c.kind === 'site');

  it.each(siteChecks.filter((c) => !READERS.has(c.meta.family)).map((c) => [c.meta.id, c] as const))('%s reads no page dates', (_id, check) => {
    const { site, read } = watchedSite();
    try {
      check.run(site, testContext());
    } catch {
      // A rule that needs an observation not given here is judged only on what it read before.
    }
    expect(read()).toBe(false);
  });

  it('has readers among the families that get them (the watch sees a read)', () => {
    const readers = siteChecks.filter((c) => READERS.has(c.meta.family));
    const reading = readers.filter((c) => {
      const { site, read } = watchedSite();
      try {
        c.run(site, testContext());
      } catch {
        // as above
      }
      return read();
    });
    expect(reading.map((c) => c.meta.id)).toEqual(expect.arrayContaining(['dates.reposted', 'dates.list-mismatch', 'health.homepage-stale', 'health.stale-columns']));
  });
});
