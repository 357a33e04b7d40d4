/**
 * PDF text and metadata with pdf.js (pdfjs-dist 5.6.205, the last release for Node 20), in a worker
 * thread: pdf.js is ESM-only while this project is CommonJS, and a hostile PDF must not be able to
 * hang or exhaust the run, so the worker has a deadline and a heap limit and is killed past them.
 * CJK text needs the packed CMaps shipped in the package.
 */
import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentPart } from '../../../checks/types';
import { ExtractError } from './zip';

export interface PdfLimits {
  timeoutMs: number;
  maxHeapMb: number;
  maxPages: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = { timeoutMs: 30_000, maxHeapMb: 512, maxPages: 2000 };

// Runs in the worker, as plain CommonJS (dynamic import() reaches the ESM library).
const WORKER = `
const { parentPort, workerData: w } = require('node:worker_threads');
(async () => {
  const pdfjs = await import(w.lib);
  const doc = await pdfjs.getDocument({
    data: w.bytes, cMapUrl: w.cmaps, cMapPacked: true, standardFontDataUrl: w.fonts,
    isEvalSupported: false, disableFontFace: true, stopAtErrors: false, verbosity: 0,
  }).promise;
  const parts = [];
  const pages = Math.min(doc.numPages, w.maxPages);
  for (let i = 1; i <= pages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) if ('str' in item) { text += item.str; if (item.hasEOL) text += '\\n'; }
    parts.push({ part: 'page ' + i, text, hidden: false });
    page.cleanup();
  }
  const meta = await doc.getMetadata().catch(() => ({ info: {} }));
  for (const key of ['Author', 'Creator', 'Producer', 'Title', 'Subject', 'Keywords', 'CreationDate', 'ModDate']) {
    const v = meta.info && meta.info[key];
    if (typeof v === 'string' && v.trim()) parts.push({ part: 'pdf:' + key, text: v.trim(), hidden: true });
  }
  parentPort.postMessage({ parts, truncated: doc.numPages > pages });
})().catch((e) => parentPort.postMessage({ error: String((e && e.message) || e), name: e && e.name }));
`;

function libraryPaths(): { lib: string; cmaps: string; fonts: string } {
  const base = dirname(require.resolve('pdfjs-dist/package.json'));
  return { lib: pathToFileURL(join(base, 'legacy', 'build', 'pdf.mjs')).href, cmaps: `${join(base, 'cmaps')}/`, fonts: `${join(base, 'standard_fonts')}/` };
}

export function extractPdf(bytes: Buffer, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<DocumentPart[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { ...libraryPaths(), bytes: new Uint8Array(bytes), maxPages: limits.maxPages },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (f: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    const timer = setTimeout(() => finish(() => reject(new ExtractError('timeout', `PDF not read within ${limits.timeoutMs} ms`))), limits.timeoutMs);
    worker.on('message', (m: { parts?: DocumentPart[]; truncated?: boolean; error?: string; name?: string }) => {
      if (m.parts) {
        const parts = m.parts;
        if (m.truncated) parts.push({ part: 'pdf:note', text: `only the first ${limits.maxPages} pages were read`, hidden: true });
        finish(() => resolve(parts));
        return;
      }
      const code = m.name === 'PasswordException' ? 'encrypted' : m.name === 'InvalidPDFException' ? 'corrupt' : 'unsupported';
      finish(() => reject(new ExtractError(code, `PDF: ${m.error}`)));
    });
    worker.on('error', (e) => finish(() => reject(new ExtractError('unsupported', `PDF reader failed: ${e.message}`))));
    worker.on('exit', (c) => finish(() => reject(new ExtractError('unsupported', `PDF reader stopped (exit ${c}; memory limit ${limits.maxHeapMb} MB?)`))));
  });
}
