/**
 * What a run keeps of each page (its title and dates, the anchor text of its links) must not keep
 * the page's whole source alive: V8 makes a substring a view into its parent, and 5,000 kept
 * titles of 100 KB pages were half a gigabyte. Measured as the heap the kept values hold after a
 * full collection.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createPage } from '../../checks/page';
import { detachedFacts, runPageChecks } from '../../pipelines/page-checks';
import { extractLinks } from '../../pipelines/sources/links';
import { testContext, FIXED_NOW } from '../helpers/context';
import { CHECKS } from '../../checks/registry';
import type { PageCheck } from '../../checks/types';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const PAGES = 60;
/** A page of ~600 KB (Chinese text is two bytes a character), different each time. */
const bigPage = (i: number, head: string): string =>
  `<html><head><title>示范市人民政府关于做好第${i}项重点工作的通知</title></head><body>${head}<!-- ${`第${i}页的注释内容，不显示。`.repeat(30_000)} --><p>发布时间：2026-11-20</p></body></html>`;

/** Heap bytes still used after `keep` has built PAGES values and only those values are held. */
function heldBy(keep: (i: number) => unknown): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: unknown[] = [];
  for (let i = 0; i < PAGES; i++) kept.push(keep(i));
  gc();
  const after = process.memoryUsage().heapUsed;
  expect(kept).toHaveLength(PAGES);
  return after - before;
}

describe('strings a run keeps of its pages', () => {
  it('a page\'s title and dates hold only themselves', () => {
    const held = heldBy((i) => {
      const page = createPage({ siteId: 's', url: `https://www.example.gov.cn/${i}.html`, fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: bigPage(i, ''), origin: 'crawl' });
      // As the run's thread keeps what it derived itself (a check thread's come copied by their message).
      const facts = detachedFacts(runPageChecks([], page, testContext(FIXED_NOW), { dates: true, own: { resources: true, prints: false } }).facts);
      expect(facts.title).toContain(`第${i}项`);
      return { title: facts.title, dates: facts.dates, dateSources: facts.dateSources };
    });
    // The pages' sources are 36 MB together; what is kept of them is a few kilobytes each.
    expect(held).toBeLessThan(8 << 20);
  });

  it('a finding\'s match, excerpt and title hold only themselves', () => {
    const typo = CHECKS.filter((c): c is PageCheck => c.kind === 'page' && c.meta.id === 'wording.typo');
    const held = heldBy((i) => {
      // One long paragraph: the excerpt around the slip is cut from the text with no line break to rewrite.
      const filler = `第${i}页的正文内容，各单位要认真贯彻落实。`.repeat(10_000);
      const text = `<p>${filler}各部门要认真布署第${i}项重点工作。${filler}</p>`;
      const page = createPage({ siteId: 's', url: `https://www.example.gov.cn/${i}.html`, fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: bigPage(i, text), origin: 'crawl' });
      const { findings } = runPageChecks(typo, page, { ...testContext(FIXED_NOW), frequencies: undefined }, { dates: true, own: { resources: true, prints: false } });
      expect(findings.map((f) => f.match)).toContain('布署');
      return findings;
    });
    expect(held).toBeLessThan(8 << 20);
  });

  it('a link\'s anchor text (here its title attribute) holds only itself', () => {
    const held = heldBy((i) => {
      const html = bigPage(i, `<a href="/n/${i}.html" title="关于做好第${i}项重点工作的通知（全文）"><img src="/i.png"></a>`);
      const link = extractLinks(html, 'https://www.example.gov.cn/').find((l) => l.url.endsWith(`/n/${i}.html`));
      expect(link?.anchor).toContain(`第${i}项`);
      return link!.anchor;
    });
    expect(held).toBeLessThan(8 << 20);
  });
});
