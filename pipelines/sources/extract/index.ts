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

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Nested archives are followed this deep, no further. */
const MAX_DEPTH = 3;

export function extractParts(bytes: Buffer, depth = 0, budget: InflateBudget = { used: 0 }): DocumentPart[] {
  if (bytes.subarray(0, 8).equals(OLE)) {
    throw new ExtractError('unsupported', 'OLE compound file (legacy .doc/.xls/.wps, or an encrypted Office file): text not extracted in this version');
  }
  if (bytes.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') {
    throw new ExtractError('unsupported', 'unknown file type (not zip, OOXML, OLE or PDF)');
  }
  const ooxml = readZip(bytes, (n) => OOXML_PARTS.test(n), undefined, budget);
  if (ooxml.has('word/document.xml')) return extractDocx(ooxml);
  if (ooxml.has('xl/workbook.xml')) return extractXlsx(ooxml);
  if (depth >= MAX_DEPTH) throw new ExtractError('zip-bomb', `archives nested deeper than ${MAX_DEPTH}`);
  // A plain archive: read the documents and text files inside, each part prefixed with its path.
  const inner = readZip(bytes, (n) => /\.(docx|xlsx|zip|txt|csv|html?)$/i.test(n), undefined, budget);
  const parts: DocumentPart[] = [];
  for (const [name, data] of inner) {
    if (/\.(txt|csv|html?)$/i.test(name)) parts.push({ part: name, text: data.toString('utf8'), hidden: false });
    else for (const p of extractParts(data, depth + 1, budget)) parts.push({ ...p, part: `${name}/${p.part}`, cells: p.cells?.map((c) => ({ ...c, ref: `${name}/${c.ref}` })) });
  }
  return parts;
}

export function isPdf(bytes: Buffer): boolean {
  // The header may follow some junk bytes (allowed within the first 1 KiB).
  return bytes.subarray(0, 1024).includes('%PDF-');
}

/** Any supported attachment: PDF in a worker, zip-based formats in process. */
export async function extractDocument(bytes: Buffer): Promise<DocumentPart[]> {
  return isPdf(bytes) ? extractPdf(bytes) : extractParts(bytes);
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
