/**
 * Legacy OLE files (.doc, .xls, .wps) and password-protected Office files (an OOXML package
 * encrypted inside an OLE container).
 *
 * No maintained pure-JS reader for Word 97 / BIFF8 is on npm (word-extractor 1.0.4 and the npm
 * build of SheetJS, frozen at 0.18.5 with an unfixed advisory, were both considered and not
 * adopted). What matters for privacy is that numbers and names in such files are still seen, so
 * the text runs are read straight from the bytes: Word and Excel keep Chinese text as UTF-16LE
 * and digits (ID numbers stored as text, phone numbers) as UTF-16LE or 8-bit runs. The result is
 * one approximate part with no cell or page locations, and is labelled so.
 */
import type { DocumentPart } from '../../../checks/types';
import { ExtractError } from './zip';

const ENCRYPTED = [Buffer.from('EncryptedPackage', 'utf16le'), Buffer.from('EncryptionInfo', 'utf16le')];
const MIN_RUN = 4;
const MIN_DIGITS = 6;

function isTextUnit(c: number): boolean {
  return (c >= 0x20 && c <= 0x7e) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || c === 0xb7;
}

function worthKeeping(run: string): boolean {
  return /[\u4e00-\u9fff]{2}/.test(run) || (run.match(/\d/g)?.length ?? 0) >= MIN_DIGITS;
}

/** UTF-16LE runs at both byte alignments, and 8-bit ASCII runs with enough digits to matter. */
export function textRuns(bytes: Buffer): string[] {
  const runs: string[] = [];
  for (const align of [0, 1]) {
    let cur = '';
    for (let i = align; i + 1 < bytes.length; i += 2) {
      const c = bytes[i]! | (bytes[i + 1]! << 8);
      if (isTextUnit(c)) cur += String.fromCharCode(c);
      else {
        if (cur.length >= MIN_RUN && worthKeeping(cur)) runs.push(cur);
        cur = '';
      }
    }
    if (cur.length >= MIN_RUN && worthKeeping(cur)) runs.push(cur);
  }
  let cur = '';
  for (let i = 0; i <= bytes.length; i++) {
    const c = i < bytes.length ? bytes[i]! : 0;
    if (c >= 0x20 && c <= 0x7e) cur += String.fromCharCode(c);
    else {
      if (cur.length >= MIN_DIGITS && (cur.match(/\d/g)?.length ?? 0) >= MIN_DIGITS) runs.push(cur);
      cur = '';
    }
  }
  return runs;
}

export function extractLegacy(bytes: Buffer): DocumentPart[] {
  if (ENCRYPTED.some((m) => bytes.includes(m))) {
    throw new ExtractError('encrypted', 'password-protected Office file: its content cannot be checked (ask the publisher for the unprotected file, or why it is protected on a public site)');
  }
  const runs = textRuns(bytes);
  if (runs.length === 0) throw new ExtractError('unsupported', 'legacy OLE file (.doc/.xls/.wps) with no readable text runs');
  return [{ part: 'legacy text (approximate: no cell or page locations)', text: runs.join('\n'), hidden: false }];
}
