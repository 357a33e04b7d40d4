/**
 * Attachment bytes -> located parts, by what the bytes are (servers mislabel .doc/.xls freely).
 * A document that cannot be read becomes an error item that says why, next to the document
 * itself, so a partial check of an attachment is known to be partial.
 */
import type { DocumentFile, DocumentPart } from '../../../checks/types';
import type { SourceItem } from '../source';
import { extractDocx, extractXlsx, OOXML_PARTS } from './ooxml';
import { ExtractError, readZip, type InflateBudget } from './zip';
import { extractPdf } from './pdf';
import { extractLegacy } from './legacy';
import { imageType, MIN_OCR_BYTES, ocrImage } from './ocr';

/** An image's text by OCR; small images (icons, spacers) are not read. */
async function extractImage(bytes: Buffer): Promise<DocumentPart[]> {
  if (bytes.length < MIN_OCR_BYTES) return [];
  const { text, confidence } = await ocrImage(bytes);
  return text && confidence > 0 ? [{ part: 'image text (OCR)', text, hidden: false }] : [];
}

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Nested archives are followed this deep, no further. */
const MAX_DEPTH = 3;
/** What is read out of a plain archive. */
const INNER = /\.(docx|xlsx|zip|pdf|doc|xls|wps|txt|csv|html?)$/i;

/** A docx or xlsx package's parts (synchronous); undefined for a zip that is neither. */
export function extractOfficeParts(bytes: Buffer, budget: InflateBudget = { used: 0 }): DocumentPart[] | undefined {
  const ooxml = readZip(bytes, (n) => OOXML_PARTS.test(n), undefined, budget);
  if (ooxml.has('word/document.xml')) return extractDocx(ooxml);
  if (ooxml.has('xl/workbook.xml')) return extractXlsx(ooxml);
  return undefined;
}

/**
 * Any supported attachment, by its bytes: PDF (in a worker), OOXML (docx, xlsx), plain zip
 * archives (recursively, PDFs and documents inside included, under one inflate budget), and
 * legacy OLE files (read approximately, see legacy.ts).
 */
export async function extractDocument(bytes: Buffer, depth = 0, budget: InflateBudget = { used: 0 }): Promise<DocumentPart[]> {
  if (isPdf(bytes)) return extractPdf(bytes);
  if (imageType(bytes)) return extractImage(bytes);
  if (bytes.subarray(0, 8).equals(OLE)) return extractLegacy(bytes);
  if (bytes.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') {
    throw new ExtractError('unsupported', 'unknown file type (not zip, OOXML, OLE or PDF)');
  }
  const office = extractOfficeParts(bytes, budget);
  if (office) return office;
  if (depth >= MAX_DEPTH) throw new ExtractError('zip-bomb', `archives nested deeper than ${MAX_DEPTH}`);
  // A plain archive: read the documents and text files inside, each part prefixed with its path.
  const inner = readZip(bytes, (n) => INNER.test(n), undefined, budget);
  const parts: DocumentPart[] = [];
  for (const [name, data] of inner) {
    if (/\.(txt|csv|html?)$/i.test(name)) {
      parts.push({ part: name, text: data.toString('utf8'), hidden: false });
      continue;
    }
    let found: DocumentPart[];
    try {
      found = await extractDocument(data, depth + 1, budget);
    } catch (e) {
      // One unreadable member does not hide the others; the archive-level limits still abort all.
      if (e instanceof ExtractError && (e.code === 'zip-bomb' || e.code === 'too-many-entries')) throw e;
      parts.push({ part: `${name}/note`, text: `not read: ${(e as Error).message}`, hidden: true });
      continue;
    }
    for (const p of found) parts.push({ ...p, part: `${name}/${p.part}`, ...(p.cells ? { cells: p.cells.map((c) => ({ ...c, ref: `${name}/${c.ref}` })) } : {}) });
  }
  return parts;
}

export function isPdf(bytes: Buffer): boolean {
  // The header may follow some junk bytes (allowed within the first 1 KiB).
  return bytes.subarray(0, 1024).includes('%PDF-');
}

/** The document with its parts, plus an error item when its content could not be read. */
export async function documentItems(doc: DocumentFile): Promise<SourceItem[]> {
  try {
    doc.parts = await extractDocument(doc.bytes);
    return [{ kind: 'document', doc }];
  } catch (e) {
    const code = e instanceof ExtractError ? e.code : 'extract-failed';
    return [
      { kind: 'document', doc },
      { kind: 'error', error: { input: doc.url, code, message: `attachment not checked: ${(e as Error).message}` } },
    ];
  }
}
