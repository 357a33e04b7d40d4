/**
 * Reporters are pure functions of a finished run: the same result renders byte for byte the same
 * as the saved outputs. Regenerate with UPDATE_GOLDEN=1 after an intended change, and review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../../pipelines/run';
import { renderJson } from '../../reports/json';
import { renderMarkdown } from '../../reports/markdown';
import { renderSarif } from '../../reports/sarif';
import { renderText } from '../../reports/text';
import { Writable } from 'node:stream';
import { streamReport } from '../../reports/render';

const result: RunResult = {
  schemaVersion: 1,
  findings: [
    {
      id: 'a'.repeat(64), check: 'privacy', rule: 'privacy.id-card', severity: 'high', duty: 'privacy', title: '身份证号码泄露 (ID number exposed)',
      site: 'demo', url: 'https://www.example.gov.cn/tzgg/1.html', location: { start: 40, end: 58, selector: 'table > tr > td', hidden: true },
      match: '11**************39', excerpt: '身份证号码 | 11**************39 | 3', basis: '个人信息保护法 第28条', confidence: 0.95,
      evidence: { fetchedAt: '2026-11-28T00:00:00.000Z', status: 200, headers: { 'content-type': 'text/html' }, sha256: 'b'.repeat(64) },
    },
    {
      id: 'c'.repeat(64), check: 'links', rule: 'links.broken', severity: 'low', duty: 'operations', title: '链接不可用 (broken link): -> https://www.example.gov.cn/gone (HTTP 404)',
      site: 'demo', url: 'https://www.example.gov.cn/a.html', location: {}, match: 'https://www.example.gov.cn/gone', excerpt: '-> https://www.example.gov.cn/gone (HTTP 404)',
      basis: '国办秘函〔2019〕19号', evidence: { fetchedAt: '2026-11-28T00:00:01.000Z' },
    },
  ],
  pages: [{ url: 'https://www.example.gov.cn/tzgg/1.html', kind: 'page', title: '公示', publishedAt: null, dateSources: [], findings: 1 }],
  sites: [{ id: 'demo', url: 'https://www.example.gov.cn/', name: '示范市人民政府' }],
  summary: {
    runId: 7, newFindings: 1, command: 'scan', target: 'crawl https://www.example.gov.cn/', status: 'complete',
    startedAt: '2026-11-28T00:00:00.000Z', finishedAt: '2026-11-28T00:00:05.000Z', pages: 1, documents: 0, findings: 2,
    bySeverity: { critical: 0, high: 1, medium: 0, low: 1, info: 0 }, byRule: { 'privacy.id-card': 1, 'links.broken': 1 },
    outcomes: { finding: 2, pass: 3, skipped: 0, error: 0 }, skippedUrls: 0, errors: 1,
  },
  errors: [{ input: 'https://www.example.gov.cn/gone', code: 'http-404', message: 'HTTP 404', status: 404 }],
};

const cases: [string, string][] = [
  ['report.json', renderJson(result)],
  ['report.md', renderMarkdown(result)],
  ['report.sarif', renderSarif(result, '0.0.0-test')],
  ['report.txt', renderText(result)],
];

describe('reporters', () => {
  it.each(cases)('%s matches the saved output', (name, text) => {
    const file = join(__dirname, '..', 'fixtures', 'reports', name);
    if (process.env['UPDATE_GOLDEN'] || !existsSync(file)) writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
  // A pipe to a slower reader buffers whatever it has not taken: the report must wait for it.
  it('streams a large JSON report no faster than its reader takes it, byte for byte', async () => {
    const big = structuredClone(result);
    big.findings = Array.from({ length: 3000 }, (_, i) => ({ ...result.findings[0]!, id: String(i).padStart(64, '0') }));
    let received = '';
    let mostPending = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      decodeStrings: false,
      write(chunk: string, _enc, done) {
        received += chunk;
        setImmediate(done);
      },
    });
    const original = slow.write.bind(slow);
    slow.write = ((chunk: string) => {
      const ok = original(chunk);
      mostPending = Math.max(mostPending, slow.writableLength);
      return ok;
    }) as typeof slow.write;
    await streamReport(big, 'json', slow);
    expect(received).toBe(renderJson(big));
    expect(received.length).toBeGreaterThan(1_000_000);
    // One 64 KB piece beyond the stream's own limit at most, not the whole report.
    expect(mostPending).toBeLessThan(16 * 1024 + 64 * 1024 * 2);
  });

  it('escape table cells in Markdown', () => {
    const r = structuredClone(result);
    r.findings[0]!.excerpt = 'a | b\nc';
    expect(renderMarkdown(r)).toContain('a \\| b c');
  });
});
