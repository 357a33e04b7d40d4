/**
 * PDF text and metadata with pdf.js (pdfjs-dist 5.6.205, the last release for Node 20), in a worker
 * thread: pdf.js is ESM-only while this project is CommonJS, and a hostile PDF must not be able to
 * hang or exhaust the run, so the worker has a deadline and a heap limit and is killed past them.
 * Loading pdf.js takes a worker about a second, longer than most attachments take to read, so
 * workers are kept and reused (a few at a time, one PDF each) and only a failed one is replaced.
 * CJK text needs the packed CMaps shipped in the package.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentPart } from '../../../checks/types';
import { ExtractError } from './zip';
import { ocrImage } from './ocr';

export interface PdfLimits {
  timeoutMs: number;
  maxHeapMb: number;
  maxPages: number;
  /** Scanned pages read by OCR per PDF (about half a second each, more for a full page). */
  maxOcrPages: number;
  /** Larger pictures are not read (a 600 dpi A4 scan is about 35 MP). */
  maxOcrPixels: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = { timeoutMs: 30_000, maxHeapMb: 512, maxPages: 2000, maxOcrPages: 20, maxOcrPixels: 40_000_000 };

/** A decoded picture of a scanned page, as pdf.js hands it over. */
export interface PageImage {
  page: number;
  width: number;
  height: number;
  /** pdf.js ImageKind: 1 = 1 bit grey, 2 = RGB, 3 = RGBA. */
  kind: number;
  data: Uint8Array;
}

// Runs in the worker, as plain CommonJS (dynamic import() reaches the ESM library).
const WORKER = `
const { parentPort, workerData: lib } = require('node:worker_threads');
const loading = import(lib.lib);
parentPort.on('message', (w) => read(w).then(
  (r) => parentPort.postMessage(r, r.images.map((m) => m.data.buffer)),
  (e) => parentPort.postMessage({ error: String((e && e.message) || e), name: e && e.name }),
));
async function read(w) {
  const pdfjs = await loading;
  const doc = await pdfjs.getDocument({
    data: w.bytes, cMapUrl: lib.cmaps, cMapPacked: true, standardFontDataUrl: lib.fonts,
    isEvalSupported: false, disableFontFace: true, stopAtErrors: false, verbosity: 0,
  }).promise;
  const O = pdfjs.OPS;
  const FILLS = new Set([O.fill, O.eoFill, O.fillStroke, O.eoFillStroke]);
  const mul = (m, n) => [m[0]*n[0]+m[2]*n[1], m[1]*n[0]+m[3]*n[1], m[0]*n[2]+m[2]*n[3], m[1]*n[2]+m[3]*n[3], m[0]*n[4]+m[2]*n[5]+m[4], m[1]*n[4]+m[3]*n[5]+m[5]];
  const apply = (m, x, y) => [m[0]*x+m[2]*y+m[4], m[1]*x+m[3]*y+m[5]];
  const dark = (hex) => typeof hex === 'string' && /^#[0-3][0-9a-f][0-3][0-9a-f][0-3][0-9a-f]$/i.test(hex);
  // Dark filled rectangles in page space: where a redaction was drawn over text instead of removing it.
  function blackBoxes(ops) {
    const boxes = [];
    let ctm = [1, 0, 0, 1, 0, 0], fill = '#000000';
    const stack = [];
    for (let i = 0; i < ops.fnArray.length; i++) {
      const f = ops.fnArray[i], a = ops.argsArray[i];
      if (f === O.save) stack.push([ctm, fill]);
      else if (f === O.restore) { const t = stack.pop(); if (t) { ctm = t[0]; fill = t[1]; } }
      else if (f === O.transform) ctm = mul(ctm, a);
      else if (f === O.setFillRGBColor) fill = a[0];
      else if (f === O.setFillGray) fill = typeof a[0] === 'number' ? (a[0] < 0.2 ? '#000000' : '#ffffff') : a[0];
      else if (f === O.setFillCMYKColor) fill = typeof a[0] === 'string' ? a[0] : (a[3] > 0.8 ? '#000000' : '#ffffff');
      else if (f === O.constructPath && FILLS.has(a[0]) && dark(fill) && a[2]) {
        const mm = a[2];
        const p1 = apply(ctm, mm[0], mm[1]), p2 = apply(ctm, mm[2], mm[3]);
        const box = [Math.min(p1[0], p2[0]), Math.min(p1[1], p2[1]), Math.max(p1[0], p2[0]), Math.max(p1[1], p2[1])];
        if (box[2] - box[0] >= 6 && box[3] - box[1] >= 4 && box[2] - box[0] < 2000) boxes.push(box);
      }
    }
    return boxes;
  }
  function covered(item, boxes) {
    const n = item.str.length;
    if (!n || !boxes.length) return false;
    const x0 = item.transform[4], y0 = item.transform[5], h = item.height || Math.abs(item.transform[3]) || 10;
    const step = (item.width || n * h) / n;
    for (let i = 0; i < n; i++) {
      const cx = x0 + step * (i + 0.5), cy = y0 + h * 0.3;
      if (boxes.some((b) => cx >= b[0] && cx <= b[2] && cy >= b[1] && cy <= b[3])) return true;
    }
    return false;
  }
  const IMAGE_OPS = new Set([O.paintImageXObject, O.paintInlineImageXObject, O.paintJpegXObject].filter((x) => x !== undefined));
  // A page with (almost) no text but a picture is a scan: its largest picture goes back for OCR.
  function scanImage(page, ops) {
    let best;
    for (let i = 0; i < ops.fnArray.length; i++) {
      if (!IMAGE_OPS.has(ops.fnArray[i])) continue;
      const a = ops.argsArray[i];
      const img = typeof a[0] === 'string' ? (page.objs.has(a[0]) ? page.objs.get(a[0]) : page.commonObjs.has(a[0]) ? page.commonObjs.get(a[0]) : undefined) : a[0];
      if (!img || !img.data || !img.width || !img.height) continue;
      const px = img.width * img.height;
      if (px < 200 * 100 || px > w.maxOcrPixels) continue;
      if (!best || px > best.width * best.height) best = img;
    }
    return best && { width: best.width, height: best.height, kind: best.kind, data: new Uint8Array(best.data) };
  }
  const images = [];
  const parts = [];
  const pages = Math.min(doc.numPages, w.maxPages);
  for (let i = 1; i <= pages; i++) {
    const page = await doc.getPage(i);
    const annotations = await page.getAnnotations().catch(() => []);
    const ops = await page.getOperatorList().catch(() => ({ fnArray: [], argsArray: [] }));
    const boxes = blackBoxes(ops);
    // A Redact annotation marks text for removal; until it is applied the text is still there.
    for (const an of annotations) if (an.subtype === 'Redact' && an.rect) boxes.push(an.rect);
    const content = await page.getTextContent();
    let text = '', under = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      if (covered(item, boxes)) under += item.str + '\\n';
      else { text += item.str; if (item.hasEOL) text += '\\n'; }
    }
    parts.push({ part: 'page ' + i, text, hidden: false });
    if (text.replace(/\\s/g, '').length < 20 && images.length < w.maxOcrPages) {
      const img = scanImage(page, ops);
      if (img) images.push({ page: i, ...img });
    }
    if (under) parts.push({ part: 'page ' + i + ' (under a black box)', text: under, hidden: true });
    let k = 0;
    for (const an of annotations) {
      const c = an.contentsObj && an.contentsObj.str;
      if (typeof c === 'string' && c.trim()) parts.push({ part: 'page ' + i + ' annotation ' + (++k) + ' (' + an.subtype + ')', text: c.trim(), hidden: true });
    }
    page.cleanup();
  }
  const meta = await doc.getMetadata().catch(() => ({ info: {} }));
  for (const key of ['Author', 'Creator', 'Producer', 'Title', 'Subject', 'Keywords', 'CreationDate', 'ModDate']) {
    const v = meta.info && meta.info[key];
    if (typeof v === 'string' && v.trim()) parts.push({ part: 'pdf:' + key, text: v.trim(), hidden: true });
  }
  // XMP packet (dc:creator, xmp:CreatorTool, pdf:Producer ...): often keeps what Info was cleared of.
  const xmp = meta.metadata && typeof meta.metadata[Symbol.iterator] === 'function' ? [...meta.metadata] : [];
  for (const [key, v] of xmp.slice(0, 50)) {
    const t = Array.isArray(v) ? v.join('; ') : v;
    if (typeof t === 'string' && t.trim()) parts.push({ part: 'xmp:' + key, text: t.trim().slice(0, 2000), hidden: true });
  }
  const truncated = doc.numPages > pages;
  await doc.destroy();
  return { parts, images, truncated };
}
`;

function libraryPaths(): { lib: string; cmaps: string; fonts: string } {
  const base = dirname(require.resolve('pdfjs-dist/package.json'));
  return { lib: pathToFileURL(join(base, 'legacy', 'build', 'pdf.mjs')).href, cmaps: `${join(base, 'cmaps')}/`, fonts: `${join(base, 'standard_fonts')}/` };
}

/** A 24-bit BMP of a pdf.js picture: the simplest format the OCR engine reads. */
export function toBmp(img: PageImage): Buffer {
  const { width: w, height: h, kind, data } = img;
  const rowBytes = (w * 3 + 3) & ~3;
  const out = Buffer.alloc(54 + rowBytes * h);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(w, 18);
  out.writeInt32LE(h, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(rowBytes * h, 34);
  const bitRow = Math.ceil(w / 8);
  for (let y = 0; y < h; y++) {
    const dst = 54 + (h - 1 - y) * rowBytes;
    for (let x = 0; x < w; x++) {
      let r: number, g: number, b: number;
      if (kind === 1) r = g = b = (data[y * bitRow + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
      else {
        const step = kind === 3 ? 4 : 3;
        const i = (y * w + x) * step;
        r = data[i]!;
        g = data[i + 1]!;
        b = data[i + 2]!;
      }
      out[dst + x * 3] = b;
      out[dst + x * 3 + 1] = g;
      out[dst + x * 3 + 2] = r;
    }
  }
  return out;
}

/**
 * Text, metadata and annotations per page; a page that is only a picture (a scan) is read by OCR
 * into a part of its own, `page N (OCR)`, after the worker has finished.
 */
export async function extractPdf(bytes: Buffer, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<DocumentPart[]> {
  const { parts, images } = await readPdf(bytes, limits);
  for (const img of images) {
    let text: string;
    try {
      ({ text } = await ocrImage(toBmp(img)));
    } catch (e) {
      parts.push({ part: 'pdf:note', text: `page ${img.page} is a scan; OCR failed: ${(e as Error).message}`, hidden: true });
      continue;
    }
    const at = parts.findIndex((p) => p.part === `page ${img.page}`);
    parts.splice(at + 1, 0, { part: `page ${img.page} (OCR)`, text, hidden: false });
  }
  return parts;
}

/** PDFs read at once; each holds a worker with its own heap. */
const READERS = Math.max(1, Math.min(4, availableParallelism()));
/** A worker is replaced after this many PDFs, so nothing pdf.js keeps between documents piles up. */
const JOBS_PER_WORKER = 200;

interface Reader {
  worker: Worker;
  heapMb: number;
  jobs: number;
  exited: boolean;
}

const idle: Reader[] = [];
const waiting: (() => void)[] = [];
let reading = 0;

async function acquire(heapMb: number): Promise<Reader> {
  while (reading >= READERS) await new Promise<void>((r) => waiting.push(r));
  reading++;
  const i = idle.findIndex((r) => r.heapMb === heapMb);
  if (i !== -1) {
    const r = idle.splice(i, 1)[0]!;
    r.worker.ref();
    return r;
  }
  const worker = new Worker(WORKER, { eval: true, workerData: libraryPaths(), resourceLimits: { maxOldGenerationSizeMb: heapMb }, stdout: true, stderr: true });
  const reader: Reader = { worker, heapMb, jobs: 0, exited: false };
  // A reader that dies while idle leaves the pool; unhandled, its error would end the process.
  worker.on('error', () => undefined);
  worker.on('exit', () => {
    reader.exited = true;
    const at = idle.indexOf(reader);
    if (at !== -1) idle.splice(at, 1);
  });
  return reader;
}

function release(r: Reader, healthy: boolean): void {
  reading--;
  waiting.shift()?.();
  if (healthy && !r.exited && r.jobs < JOBS_PER_WORKER && idle.length < READERS) {
    // Kept for the next PDF, but not keeping the process alive.
    r.worker.unref();
    idle.push(r);
  } else void r.worker.terminate();
}

async function readPdf(bytes: Buffer, limits: PdfLimits): Promise<{ parts: DocumentPart[]; images: PageImage[] }> {
  const reader = await acquire(limits.maxHeapMb);
  reader.jobs++;
  const { worker } = reader;
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (healthy: boolean, f: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.off('message', onMessage);
      release(reader, healthy);
      f();
    };
    const onError = (e: Error): void => finish(false, () => reject(new ExtractError('unsupported', `PDF reader failed: ${e.message}`)));
    const onExit = (c: number): void => finish(false, () => reject(new ExtractError('unsupported', `PDF reader stopped (exit ${c}; memory limit ${limits.maxHeapMb} MB?)`)));
    const timer = setTimeout(() => finish(false, () => reject(new ExtractError('timeout', `PDF not read within ${limits.timeoutMs} ms`))), limits.timeoutMs);
    const onMessage = (m: { parts?: DocumentPart[]; images?: PageImage[]; truncated?: boolean; error?: string; name?: string }): void => {
      if (m.parts) {
        const parts = m.parts;
        if (m.truncated) parts.push({ part: 'pdf:note', text: `only the first ${limits.maxPages} pages were read`, hidden: true });
        finish(true, () => resolve({ parts, images: m.images ?? [] }));
        return;
      }
      const code = m.name === 'PasswordException' ? 'encrypted' : m.name === 'InvalidPDFException' ? 'corrupt' : 'unsupported';
      // pdf.js said no to this file; the worker itself is fine.
      finish(true, () => reject(new ExtractError(code, `PDF: ${m.error}`)));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    const copy = new Uint8Array(bytes);
    worker.postMessage({ bytes: copy, maxPages: limits.maxPages, maxOcrPages: limits.maxOcrPages, maxOcrPixels: limits.maxOcrPixels }, [copy.buffer]);
  });
}
