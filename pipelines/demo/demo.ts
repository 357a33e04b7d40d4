/**
 * `xunjian demo`: the whole main job on the embedded default, with no network and no config:
 * serve the sample site on loopback, crawl and check it, write findings.json and report.md.
 */
import { join, resolve } from 'node:path';
import type { Check, Logger } from '../../checks/types';
import { DUTIES } from '../../checks/types';
import { parseConfig } from '../config';
import { scan } from '../jobs';
import type { Progress } from '../progress';
import { Store } from '../store/store';
import { writeOutputs } from '../outputs';
import { serveSite } from './server';

export interface DemoOptions {
  outDir: string;
  log: Logger;
  progress: Progress;
  checks: readonly Check[];
  /** Where the demo's history is kept; separate from a real store so the demo never pollutes it. */
  storePath?: string;
}

export async function runDemo(o: DemoOptions): Promise<{ text: string; files: string[]; findings: number; status: string }> {
  const site = await serveSite();
  try {
    const config = parseConfig(
      {
        store: o.storePath ?? join('.xunjian', 'demo.db'),
        sites: [{ id: 'demo', name: '示范市人民政府', urls: [`${site.origin}/`] }],
        // Our own loopback server: no need to be gentle, and no jitter so runs are comparable.
        crawl: { minIntervalMs: 0, jitterMs: 0, perOrigin: 4, concurrency: 4 },
        // Issues as Markdown files and the captured evidence, in a git ledger beside the report.
        evidence: { dir: resolve(o.outDir, 'evidence') },
        sinks: { ledger: { type: 'local' } },
        issues: { routing: Object.fromEntries(DUTIES.map((d) => [d, { sinks: ['ledger'] }])) },
      },
      '(demo)',
    );
    const store = Store.open(config.store);
    try {
      const result = await scan(
        { config, clock: { now: () => new Date() }, log: o.log, store, onProgress: (p) => o.progress.update({ pages: p.pages, findings: p.findings }) },
        'demo',
        o.checks,
      );
      o.progress.done();
      const files = writeOutputs(result, o.outDir);
      const s = result.summary;
      const lines = [
        `巡检 demo: crawled the sample site at ${site.origin} (loopback only)`,
        `  ${s.pages} pages, ${s.documents} attachments, ${s.skippedUrls} URLs skipped (robots.txt), ${s.errors} inputs not (fully) read: see errors in findings.json`,
        `  ${s.findings} findings: ${Object.entries(s.bySeverity).filter(([, n]) => n).map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}`,
        ...Object.entries(s.byRule).map(([rule, n]) => `    ${rule.padEnd(22)} ${n}`),
        `  wrote ${files.join(' and ')}`,
        ...(s.issues ? [`  issues: ${s.issues.events['opened'] ?? 0} opened, ${s.issues.delivered} delivered to Markdown files in ${join(o.outDir, 'evidence', 'issues')}`] : []),
        ...(s.evidence ? [`  evidence: ${join(o.outDir, 'evidence', s.evidence.manifest)} (root ${s.evidence.root.slice(0, 16)}…), committed to the ledger's git history`] : []),
        '',
      ];
      return { text: lines.join('\n'), files, findings: s.findings, status: s.status };
    } finally {
      store.close();
    }
  } finally {
    await site.close();
  }
}
