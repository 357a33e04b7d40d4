/**
 * The tamper page rules over the synthetic injection corpus (every hiding technique and injection ×
 * place × template × encoding) and the pages that must stay quiet: recall and precision per
 * technique family, and silence on the clean government corpus and the demo site.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPage } from '../../../checks/page';
import { hiddenLink } from '../../../checks/tamper/hidden-link';
import { injectedScript } from '../../../checks/tamper/injected-script';
import { titleHijack } from '../../../checks/tamper/title-hijack';
import { loadScriptSandbox } from '../../../checks/tamper/sandbox';
import type { Context, PageCheck } from '../../../checks/types';
import { demoSite } from '../../../pipelines/demo/site';
import { FIXED_NOW, testContext } from '../../helpers/context';
import { tamperCorpus, type TamperCase, type TamperRule } from '../../fixtures/tamper/corpus';

const RULES: PageCheck[] = [hiddenLink, injectedScript, titleHijack];

export function firedOn(c: Pick<TamperCase, 'url' | 'html' | 'known'>): { rule: string; severity: string; message: string }[] {
  const page = createPage({ siteId: 's', url: c.url, fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: c.html, origin: 'crawl' });
  const ctx: Context = { ...testContext(FIXED_NOW), ...(c.known ? { known: { linkDomains: new Set(c.known.linkDomains), scriptOrigins: new Set(c.known.scriptOrigins) } } : {}) };
  return RULES.flatMap((r) => {
    const spans = r.run(page, ctx);
    return Array.isArray(spans) ? spans.map((s) => ({ rule: r.meta.id, severity: s.severity ?? r.meta.severity, message: s.message ?? '' })) : [];
  });
}

describe('tamper rules on the injection corpus', () => {
  const cases = tamperCorpus();
  // With the script sandbox loaded, as a run has it: what it runs must add no false alarm.
  let results: { c: TamperCase; fired: ReturnType<typeof firedOn> }[] = [];
  beforeAll(async () => {
    await loadScriptSandbox();
    results = cases.map((c) => ({ c, fired: firedOn(c) }));
  });

  it('covers every technique in every place of every template', () => {
    expect(cases.filter((c) => c.expect.length).length).toBeGreaterThan(600);
    expect(cases.filter((c) => !c.expect.length).length).toBeGreaterThan(50);
  });

  it.each(['hidden-link', 'injected-script', 'title-hijack'])('%s: recall and precision at least 95%%', (family) => {
    const rule = `tamper.${family}` as TamperRule;
    const mine = results.filter((r) => r.c.expect.includes(rule));
    const missed = mine.filter((r) => !r.fired.some((f) => f.rule === rule)).map((r) => r.c.name);
    const firedAll = results.filter((r) => r.fired.some((f) => f.rule === rule));
    const wrong = firedAll.filter((r) => !r.c.expect.includes(rule)).map((r) => `${r.c.name}: ${r.fired.filter((f) => f.rule === rule).map((f) => f.message).join(' | ')}`);
    expect({ recall: 1 - missed.length / mine.length >= 0.95, missed }).toEqual({ recall: true, missed: [] });
    expect({ precision: 1 - wrong.length / firedAll.length >= 0.95, wrong }).toEqual({ precision: true, wrong: [] });
  });

  it('says how each link is hidden and what marks it as spam', () => {
    const r = results.find((x) => x.c.technique === 'fromCharCode' && x.c.name.startsWith('trs body'))!;
    expect(r.fired.find((f) => f.rule === 'tamper.hidden-link')!.message).toMatch(/由脚本以混淆方式写入（fromCharCode）/);
    const css = results.find((x) => x.c.technique === 'style-id' && x.c.name.startsWith('hanweb footer'))!;
    expect(css.fired.find((f) => f.rule === 'tamper.hidden-link')!.message).toMatch(/position:absolute; top:-2000px|left:-2000px/);
  });
});

describe('silence where nothing was injected', () => {
  it('gives no high or critical tamper finding on the clean government corpus', () => {
    const dir = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'gov-docs');
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).slice(0, 300);
    let hits: string[] = [];
    for (const [i, f] of files.entries()) {
      const text = readFileSync(join(dir, f), 'utf8');
      const html = `<html><head><meta charset="utf-8"><title>${f.replace(/\.txt$/, '')}_中国政府网</title><meta name="keywords" content="${f.slice(0, 20)}"></head><body>${text.split('\n').map((l) => `<p>${l}</p>`).join('')}</body></html>`;
      hits = hits.concat(firedOn({ url: `https://www.gov.cn/zhengce/${i}.htm`, html }).filter((x) => x.severity === 'high' || x.severity === 'critical').map((x) => `${f}: ${x.message}`));
    }
    expect(hits).toEqual([]);
  });
  it('gives none on the demo site', () => {
    const hits: string[] = [];
    for (const [path, r] of demoSite()) {
      if (!/html/.test(r.headers['content-type'] ?? '')) continue;
      const html = r.body.toString('utf8');
      hits.push(...firedOn({ url: `https://www.demo.gov.cn${path}`, html }).map((x) => `${path}: ${x.message}`));
    }
    expect(hits).toEqual([]);
  });
});
