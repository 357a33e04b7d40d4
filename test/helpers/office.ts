/**
 * The programs people open reports in, driven by tests: headless Chromium through playwright-core
 * (Debian's /usr/bin/chromium, never a downloaded browser) and LibreOffice's soffice to turn a
 * docx into PDF. `.ci/run` installs both; a machine without soffice validates the OOXML instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { extractPdf } from '../../pipelines/sources/extract/pdf';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Flags a sandboxed root CI needs, and none of Chromium's own network chatter. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export function soffice(): string | undefined {
  for (const p of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice']) if (existsSync(p)) return p;
  return undefined;
}

/** The text of a PDF, read by the project's own PDF extractor (pdf.js in a worker). */
export async function pdfText(file: string): Promise<string> {
  const parts = await extractPdf(readFileSync(file));
  return parts.filter((p) => p.part.startsWith('page')).map((p) => p.text).join('').replace(/\s+/g, '');
}

/**
 * What a reader of a docx sees: converted to PDF by LibreOffice where it is installed (so a file
 * Word or Writer cannot open fails here), else the text of word/document.xml after checking the
 * package's required parts.
 */
export async function docxText(file: string): Promise<{ text: string; via: 'libreoffice' | 'ooxml' }> {
  const bin = soffice();
  if (bin) {
    const out = mkdtempSync(join(tmpdir(), 'xj-soffice-'));
    execFileSync(bin, ['--headless', `-env:UserInstallation=file://${out}/profile`, '--convert-to', 'pdf', '--outdir', out, file], { stdio: 'pipe', timeout: 120_000 });
    const pdf = readdirSync(out).find((f) => f.endsWith('.pdf'));
    if (!pdf) throw new Error(`LibreOffice did not convert ${file}`);
    return { text: await pdfText(join(out, pdf)), via: 'libreoffice' };
  }
  const parts = unzipSync(readFileSync(file));
  for (const need of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml']) if (!parts[need]) throw new Error(`${file}: no ${need}`);
  const xml = Buffer.from(parts['word/document.xml']!).toString('utf8');
  return { text: [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('').replace(/\s+/g, ''), via: 'ooxml' };
}
