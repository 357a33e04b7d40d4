/**
 * Privacy and secrecy checks: per 50 KB article page (text extraction included), beside a baseline
 * of two bare regexes over the same text; and a 10 MB, 100,000-cell workbook end to end
 * (unzip, extract, every text check) with its peak RSS.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPage } from '../../checks/page';
import { CHECKS } from '../../checks/registry';
import type { PageCheck } from '../../checks/types';
import { buildXlsx } from '../../pipelines/demo/office';
import { extractOfficeParts } from '../../pipelines/sources/extract';
import { silentLogger } from '../../pipelines/log';
import { emit } from './emit';

const ctx = { clock: { now: () => new Date() }, log: silentLogger, firstSeen: () => undefined };
const checks = CHECKS.filter((c): c is PageCheck => c.kind === 'page' && (c.meta.family === 'privacy' || c.meta.family === 'secrecy'));

function corpusText(chars: number): string {
  const dir = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'gov-docs');
  let text = '';
  try {
    for (const f of readdirSync(dir)) {
      text += readFileSync(join(dir, f), 'utf8');
      if (text.length > chars) break;
    }
  } catch {
    text = '为深入贯彻落实党中央、国务院决策部署，进一步提升政务公开工作质量，现就有关事项通知如下。联系人：张三，电话13800000000。';
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

function page50k(): void {
  // About 50 KB of UTF-8 HTML: ~16,000 Chinese characters in paragraphs.
  const paras = corpusText(16_000).match(/[^\n]{1,300}/g) ?? [];
  const html = `<html><head><title>t</title></head><body><div class="content">${paras.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`;
  const bytes = Buffer.byteLength(html);
  // The rules alone, on a page whose visible text is already derived (it is shared by every family).
  const shared = createPage({ siteId: 'b', url: 'https://a.gov.cn/', fetchedAt: 't', contentType: 'html', source: html, origin: 'file' });
  const text = shared.text.text;
  const ours = time(300, () => {
    for (const c of checks) c.run(shared, ctx);
  });
  const withParse = time(200, () => {
    const page = createPage({ siteId: 'b', url: 'https://a.gov.cn/', fetchedAt: 't', contentType: 'html', source: html, origin: 'file' });
    for (const c of checks) c.run(page, ctx);
  });
  const baseline = time(200, () => {
    text.match(/\d{17}[\dXx]/g);
    text.match(/1[3-9]\d{9}/g);
  });
  emit({ bench: `privacy+secrecy-page-${Math.round(bytes / 1024)}KB`, metric: 'ms_per_page_rules', value: Number(ours.toFixed(3)), unit: 'ms', vs: 'two bare regexes on the same text (no validation)', ratio: Number((ours / baseline).toFixed(1)) });
  emit({ bench: `privacy+secrecy-page-${Math.round(bytes / 1024)}KB`, metric: 'ms_per_page_with_html_to_text', value: Number(withParse.toFixed(3)), unit: 'ms', vs: 'rules alone', ratio: Number((withParse / ours).toFixed(1)) });
}

function workbook(): void {
  // Distinct text in every cell (slices of real documents), so the file is as large as real ones.
  const source = corpusText(3_000_000).replace(/\s+/g, '');
  const rows: string[][] = [];
  let at = 0;
  const slice = (n: number): string => {
    const s = source.slice(at, at + n);
    at = (at + n) % (source.length - n);
    return s;
  };
  for (let i = 0; i < 20_000; i++) rows.push([String(i + 1), `张${i % 100}*`, i % 1000 === 0 ? '110105199003071239' : '4501**********1234', slice(260), slice(260)]);
  const xlsx = buildXlsx([{ name: '名单', rows, hiddenColumns: [2] }]);
  // The wording lexicon (every list plus the generated leader-name variants) is built once per
  // process, on first use: time it on its own, so the workbook figure is what each attachment costs.
  const lt = process.hrtime.bigint();
  const tiny = createPage({ siteId: 'b', url: 'https://a.gov.cn/', fetchedAt: 't', contentType: 'text', source: '习近平总书记', origin: 'file' });
  for (const c of CHECKS) if (c.kind === 'page') c.run(tiny, ctx);
  emit({ bench: 'wording-lexicon', metric: 'build_once_per_process_ms', value: Math.round(Number(process.hrtime.bigint() - lt) / 1e6), unit: 'ms', vs: 'per-attachment cost below', ratio: null });
  const mb = xlsx.length / 2 ** 20;
  // Twice: the privacy and secrecy rules (what a 公示 spreadsheet is checked for), then every text check.
  for (const [label, which] of [['privacy+secrecy', checks], ['every text check', CHECKS.filter((c): c is PageCheck => c.kind === 'page')]] as const) {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const t = process.hrtime.bigint();
    const parts = extractOfficeParts(xlsx)!;
    peak = Math.max(peak, process.memoryUsage().rss);
    let spans = 0;
    for (const part of parts) {
      const page = createPage({ siteId: 'b', url: 'https://a.gov.cn/x.xlsx', fetchedAt: 't', contentType: 'text', source: part.text, origin: 'file' });
      for (const c of which) {
        const r = c.run(page, ctx);
        if (Array.isArray(r)) spans += r.length;
      }
    }
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
    if (spans < 20) throw new Error(`expected the seeded ID numbers, found ${spans} spans`);
    emit({ bench: `xlsx-${mb.toFixed(1)}MB-100k-cells`, metric: `seconds (unzip, extract, ${label})`, value: Number(seconds.toFixed(2)), unit: 's', vs: 'budget 3 s', ratio: Number((seconds / 3).toFixed(2)) });
    emit({ bench: `xlsx-${mb.toFixed(1)}MB-100k-cells`, metric: `peak_rss (${label})`, value: Math.round(peak / 2 ** 20), unit: 'MB', vs: 'budget 500 MB', ratio: Number((peak / 2 ** 20 / 500).toFixed(2)) });
  }
}

page50k();
workbook();
