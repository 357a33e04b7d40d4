/**
 * `xunjian demo`: the whole main job on the embedded default, with no network and no config:
 * serve the sample site on loopback, crawl and check it, write findings.json and report.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
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
  /** Keep the sample site up after the scan, on this port (0: any free one), until `untilStopped` resolves. */
  serve?: { port: number; untilStopped: () => Promise<unknown>; onServing?: (text: string) => void };
}

/** The config the demo ran with, written beside its report so the next commands can name it. */
export const DEMO_CONFIG = 'xunjian.config.json';

export async function runDemo(o: DemoOptions): Promise<{ text: string; files: string[]; findings: number; status: string }> {
  const site = await serveSite(undefined, o.serve?.port ?? 0);
  try {
    const raw = {
      store: resolve(o.storePath ?? join('.xunjian', 'demo.db')),
      sites: [{ id: 'demo', name: '示范市人民政府', urls: [`${site.origin}/`], siteCode: '4501000001', icp: '桂ICP备00000000号', psb: '桂公网安备45010002000001号' }],
      // Our own loopback server: no need to be gentle, and no jitter so runs are comparable.
      // The demo runs with no network: the sample site's links to real government sites are not followed.
      crawl: { minIntervalMs: 0, jitterMs: 0, perOrigin: 4, concurrency: 4, maxExternalHosts: 0 },
      // Nor is the homepage rendered: a browser would load the sample's statistics and CONAC
      // scripts from the internet, and the demo needs no Debian package.
      tamper: { render: false },
      // Issues as Markdown files and the captured evidence, in a git ledger beside the report.
      evidence: { dir: resolve(o.outDir, 'evidence') },
      sinks: { ledger: { type: 'local' } },
      issues: { routing: Object.fromEntries(DUTIES.map((d) => [d, { sinks: ['ledger'] }])) },
    };
    mkdirSync(o.outDir, { recursive: true });
    const configFile = join(o.outDir, DEMO_CONFIG);
    writeFileSync(configFile, JSON.stringify(raw, null, 2) + '\n');
    const config = parseConfig(raw, configFile);
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
        `  the demo's store is ${config.store}; its config is ${configFile}. Next:`,
        `    xunjian issues --config ${configFile}`,
        `    xunjian report --format md --config ${configFile}`,
        `    xunjian evidence verify --config ${configFile}`,
        o.serve ? `    xunjian scan demo --config ${configFile}      (the sample site stays up at ${site.origin}/ until Ctrl-C)` : `    xunjian demo --serve      (keeps the sample site up, to point scan, probe and check at it)`,
        '',
      ];
      const text = lines.join('\n');
      if (o.serve) {
        o.serve.onServing?.(text);
        await o.serve.untilStopped();
      }
      return { text, files, findings: s.findings, status: s.status };
    } finally {
      store.close();
    }
  } finally {
    await site.close();
  }
}
