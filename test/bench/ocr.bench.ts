/**
 * OCR (tesseract.js 7, chi_sim from npm) of the scanned 公示 fixture: time per image once the
 * engine runs, beside the first image of a process, which pays the engine start.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeOcr, ocrImage } from '../../pipelines/sources/extract/ocr';
import { emit } from './emit';

async function main(): Promise<void> {
  const png = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'ocr', 'gongshi-scan.png'));
  let t = performance.now();
  const first = await ocrImage(png);
  const firstMs = performance.now() - t;
  if (!first.text.includes('110105199003071239')) throw new Error(`OCR lost the ID number: ${first.text}`);
  const runs = 5;
  t = performance.now();
  for (let i = 0; i < runs; i++) await ocrImage(png);
  const perImage = (performance.now() - t) / runs;
  emit({ bench: 'ocr-900x260-scan', metric: 'ms_per_image', value: Math.round(perImage), unit: 'ms', vs: `first image, engine start included: ${Math.round(firstMs)} ms`, ratio: Number((firstMs / perImage).toFixed(1)) });
  await closeOcr();
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 1;
});
