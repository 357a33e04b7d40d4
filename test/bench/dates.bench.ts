/**
 * Dates: publication-date extraction (every source) per 50 KB page, beside a baseline of one bare
 * date regex over the same HTML; and exact-day accuracy on the labelled set of CMS and news pages.
 */
import { createPage } from '../../checks/page';
import { bestPublicationDate, dateSources } from '../../checks/dates/date-sources';
import { labelledPages } from '../fixtures/dates/labelled-pages';
import { emit } from './emit';

function perCall(n: number, f: () => void): number {
  for (let i = 0; i < 20; i++) f();
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) f();
  return Number(process.hrtime.bigint() - t) / 1e6 / n;
}

const labelled = labelledPages();
// A 50 KB article: a TRS template page padded with a long body full of dates (the worst case).
const base = labelled.find((p) => p.template === 'list-heavy-article')!;
const filler = Array.from({ length: 420 }, (_, i) => `<p>${2010 + (i % 15)}年${1 + (i % 12)}月${1 + (i % 28)}日，示范市召开第${i}次专题会议，研究部署重点工作，要求各部门压实责任。</p>`).join('');
const html = base.html.replace('</table>', `</table>${filler}`);
const bytes = Buffer.byteLength(html);
// Visible text is shared by every family; time what dates add on top of it.
const pages = [0, 1].map((i) => createPage({ siteId: 'b', url: base.url, fetchedAt: 't', contentType: 'html', source: html + ' '.repeat(i), origin: 'crawl' }));
pages.forEach((p) => void p.text);
let k = 0;
const ours = perCall(500, () => {
  bestPublicationDate(dateSources(pages[k++ & 1]!));
});
const bare = perCall(500, () => {
  html.match(/\d{4}-\d{2}-\d{2}/g);
});
emit({ bench: `dates-extract-${Math.round(bytes / 1024)}KB`, metric: 'ms_per_page', value: Number(ours.toFixed(3)), unit: 'ms', vs: 'one bare date regex over the same HTML', ratio: Number((ours / bare).toFixed(1)) });

for (const kind of ['gov', 'general'] as const) {
  const set = labelled.filter((p) => p.kind === kind);
  let right = 0;
  for (const p of set) {
    const page = createPage({ siteId: 'l', url: p.url, fetchedAt: 't', contentType: 'html', source: p.html, origin: 'crawl', headers: p.headers });
    if (bestPublicationDate(dateSources(page))?.slice(0, 10) === p.truth) right++;
  }
  emit({ bench: `dates-accuracy-${kind}`, metric: 'exact_day_accuracy', value: Number((right / set.length).toFixed(3)), unit: '', vs: `${right} of ${set.length} labelled pages (${new Set(set.map((p) => p.template)).size} templates, test/fixtures/dates)`, ratio: null });
}
