/**
 * The tamper family: recall and precision per technique family over the synthetic injection corpus
 * (test/fixtures/tamper/corpus.ts) with the script sandbox loaded, and the cost of the tamper page rules on a 50 KB government
 * page whose DOM is already parsed (it is shared by every family), beside cheerio.load of the
 * same page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { createPage } from '../../checks/page';
import { hiddenLink } from '../../checks/tamper/hidden-link';
import { injectedScript } from '../../checks/tamper/injected-script';
import { titleHijack } from '../../checks/tamper/title-hijack';
import { loadScriptSandbox } from '../../checks/tamper/sandbox';
import type { Context, PageCheck } from '../../checks/types';
import { silentLogger } from '../../pipelines/log';
import { tamperCorpus, TEMPLATES, type TamperRule } from '../fixtures/tamper/corpus';
import { emit } from './emit';

const RULES: PageCheck[] = [hiddenLink, injectedScript, titleHijack];
const base: Context = { clock: { now: () => new Date() }, log: silentLogger, firstSeen: () => undefined };

function quality(): void {
  const cases = tamperCorpus();
  const fired = cases.map((c) => {
    const page = createPage({ siteId: 'b', url: c.url, fetchedAt: 't', contentType: 'html', source: c.html, origin: 'crawl' });
    const ctx: Context = { ...base, ...(c.known ? { known: { linkDomains: new Set(c.known.linkDomains), scriptOrigins: new Set(c.known.scriptOrigins) } } : {}) };
    return new Set(RULES.filter((r) => {
      const s = r.run(page, ctx);
      return Array.isArray(s) && s.length > 0;
    }).map((r) => r.meta.id));
  });
  for (const rule of ['tamper.hidden-link', 'tamper.injected-script', 'tamper.title-hijack'] as TamperRule[]) {
    const positives = cases.filter((c) => c.expect.includes(rule)).length;
    const found = cases.filter((c, i) => c.expect.includes(rule) && fired[i]!.has(rule)).length;
    const alerts = fired.filter((f) => f.has(rule)).length;
    const right = cases.filter((c, i) => fired[i]!.has(rule) && c.expect.includes(rule)).length;
    const techniques = new Set(cases.filter((c) => c.expect.includes(rule)).map((c) => c.technique)).size;
    emit({ bench: `tamper-corpus-${rule}`, metric: 'recall', value: Number((found / positives).toFixed(3)), unit: 'ratio', vs: `${positives} injected pages over ${techniques} techniques, places and encodings in ${TEMPLATES.length} templates; goal 0.95`, ratio: Number((found / positives / 0.95).toFixed(2)) });
    emit({ bench: `tamper-corpus-${rule}`, metric: 'precision', value: Number((right / Math.max(1, alerts)).toFixed(3)), unit: 'ratio', vs: `${alerts} pages alerted of ${cases.length} (${cases.filter((c) => !c.expect.length).length} must stay quiet); goal 0.95`, ratio: Number((right / Math.max(1, alerts) / 0.95).toFixed(2)) });
  }
}

function corpusText(chars: number): string {
  const dir = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'gov-docs');
  let text = '';
  try {
    for (const f of readdirSync(dir)) {
      text += readFileSync(join(dir, f), 'utf8');
      if (text.length > chars) break;
    }
  } catch {
    text = '为深入贯彻落实党中央、国务院决策部署，进一步提升政务公开工作质量，现就有关事项通知如下。';
  }
  while (text.length < chars) text += text;
  return text.slice(0, chars);
}

function time(n: number, f: () => void): number {
  for (let i = 0; i < 20; i++) f();
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) f();
  return Number(process.hrtime.bigint() - t) / 1e6 / n;
}

function speed(): void {
  // A TRS page: navigation, tabs, 友情链接, statistics and CONAC scripts, and ~14,000 characters of article.
  const paras = corpusText(14_000).match(/[^\n]{1,300}/g) ?? [];
  const list = Array.from({ length: 60 }, (_, i) => `<li><a href="/zwdt/2026${String(i).padStart(2, '0')}/t_${i}.html">政务动态第${i}条</a><span>2026-11-${String((i % 28) + 1).padStart(2, '0')}</span></li>`).join('');
  const html = TEMPLATES[0]!.render('关于做好冬季供暖保障工作的通知_示范市人民政府', (p) => (p === 'body' ? paras.map((x) => `<p>${x}</p>`).join('') + `<ul>${list}</ul>` : ''));
  const bytes = Buffer.byteLength(html);
  // A fresh page each time (the rules cache per page), its DOM and text derived before the clock starts.
  let ns = 0;
  const runs = 300;
  for (let i = 0; i < runs + 20; i++) {
    const page = createPage({ siteId: 'b', url: 'https://www.shifan.gov.cn/a.html', fetchedAt: 't', contentType: 'html', source: html, origin: 'crawl' });
    void page.dom;
    void page.text;
    const t = process.hrtime.bigint();
    for (const r of RULES) r.run(page, base);
    if (i >= 20) ns += Number(process.hrtime.bigint() - t);
  }
  const rulesMs = ns / 1e6 / runs;
  const cheerioMs = time(200, () => cheerio.load(html));
  emit({ bench: `tamper-page-rules-${Math.round(bytes / 1024)}KB`, metric: 'ms_per_page', value: Number(rulesMs.toFixed(3)), unit: 'ms', vs: `cheerio.load of the same page ${cheerioMs.toFixed(2)} ms; goal 2 ms`, ratio: Number((rulesMs / cheerioMs).toFixed(2)) });
}

// With the script sandbox loaded, as a run has it (inline scripts no static reading follows are run).
void loadScriptSandbox().then(() => {
  quality();
  speed();
});
