/**
 * OCR of images (scanned 公示 lists and notices posted as pictures) with tesseract.js 7 and the
 * simplified-Chinese model from the npm registry (@tesseract.js-data/chi_sim, LSTM 4.0.0): fully
 * offline, no model is fetched at run time. One engine per process, started on first use and
 * shared by every image; a deadline per image. `closeOcr()` stops it so the process can exit.
 */
import { createWorker, type Worker } from 'tesseract.js';
import { dirname, join } from 'node:path';
import { ExtractError } from './zip';
import { beforeDeadline } from '../../deadline';

/** The model package's own layout (its index.js says the same): gzipped LSTM data under 4.0.0/. */
const LANG_PATH = join(dirname(require.resolve('@tesseract.js-data/chi_sim/package.json')), '4.0.0');

/** Below this an image is an icon, a logo or a spacer, not a document. */
export const MIN_OCR_BYTES = 8 * 1024;
const TIMEOUT_MS = 60_000;

let engine: Promise<Worker> | undefined;
let queue: Promise<unknown> = Promise.resolve();

function start(): Promise<Worker> {
  engine ??= createWorker('chi_sim', 1, { langPath: LANG_PATH, gzip: true, cacheMethod: 'none', logger: () => undefined, errorHandler: () => undefined });
  return engine;
}

export async function closeOcr(): Promise<void> {
  const e = engine;
  engine = undefined;
  if (e) await (await e).terminate();
}

const IMAGE_MAGIC: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'png'],
  [[0xff, 0xd8, 0xff], 'jpeg'],
  [[0x47, 0x49, 0x46, 0x38], 'gif'],
  [[0x42, 0x4d], 'bmp'],
  [[0x49, 0x49, 0x2a, 0x00], 'tiff'],
  [[0x4d, 0x4d, 0x00, 0x2a], 'tiff'],
];

export function imageType(bytes: Buffer): string | undefined {
  return IMAGE_MAGIC.find(([m]) => m.every((b, i) => bytes[i] === b))?.[1];
}

/** Tesseract puts a space between CJK characters; the checks read Chinese without them. */
export function tidyOcrText(text: string): string {
  return text
    .replace(/([\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) +(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])/g, '$1')
    .replace(/([\u4e00-\u9fff]) +(?=[:：])|([:：]) +(?=\d)/g, '$1$2')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

/** The text of an image, one OCR at a time. */
export function ocrImage(bytes: Buffer, timeoutMs = TIMEOUT_MS): Promise<{ text: string; confidence: number }> {
  const run = queue.then(async () => {
    const worker = await start();
    try {
      const { data } = await beforeDeadline(worker.recognize(bytes), timeoutMs, () => new ExtractError('timeout', `image not read by OCR within ${timeoutMs} ms`));
      return { text: tidyOcrText(data.text), confidence: data.confidence };
    } catch (e) {
      if (e instanceof ExtractError) {
        // A stuck engine is replaced, so the next image is not stuck behind it.
        await closeOcr().catch(() => undefined);
        throw e;
      }
      throw new ExtractError('unsupported', `image not read by OCR: ${(e as Error).message ?? String(e)}`);
    }
  });
  queue = run.catch(() => undefined);
  return run;
}
