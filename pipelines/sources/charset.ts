/**
 * Bytes -> text for government pages, many of which are GBK/GB2312 and some of which lie about it.
 *
 * Order: BOM, then the header and the in-document declaration (first 4 KiB) weighed against
 * whether the bytes are valid UTF-8, then statistical detection, then the site's default.
 * Every GB label is decoded with the GB18030 decoder: WHATWG decodes GBK that way, while
 * Node's 'gbk' decoder drops 4-byte characters such as 𠮷 (U+20BB7) found in personal names.
 */
import { Sniffer, ResultType } from 'encoding-sniffer/sniffer';
import { analyse } from 'chardet';
import { TextDecoder } from 'node:util';
import type { CharsetInfo } from '../../checks/types';

const GB_LABELS = new Set(['gbk', 'gb2312', 'gb18030', 'x-gbk', 'cp936', 'csgb2312', 'chinese', 'iso-ir-58', 'gb_2312-80', 'euc-cn']);
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);
const PRESCAN_BYTES = 4096;
/** Below this many bytes the detector's statistics are noise (two GBK characters can be valid UTF-8). */
const DETECT_MIN_BYTES = 512;

export function canonicalLabel(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (GB_LABELS.has(l)) return 'gb18030';
  if (UTF8_LABELS.has(l)) return 'utf-8';
  if (l === 'big5' || l === 'big5-hkscs' || l === 'x-x-big5') return 'big5';
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return undefined;
  }
}

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = contentType ? /charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType) : null;
  return m ? m[1] : undefined;
}

function sniffDocument(bytes: Buffer): { label?: string; bom: boolean } {
  const sniffer = new Sniffer({ maxBytes: PRESCAN_BYTES });
  sniffer.write(bytes.subarray(0, PRESCAN_BYTES));
  if (sniffer.resultType === ResultType.DEFAULT) return { bom: false };
  return { label: sniffer.encoding, bom: sniffer.resultType === ResultType.BOM };
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The text if the bytes are valid UTF-8, else undefined (decoded once, reused if UTF-8 wins). */
function strictUtf8(bytes: Buffer): string | undefined {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

export interface DecodeResult {
  text: string;
  charset: CharsetInfo;
}

/**
 * @param contentType the Content-Type header value, if the bytes came over HTTP
 * @param siteDefault what the site's other pages use (learned by the caller); gb18030 if unknown
 */
export function decodeBody(bytes: Buffer, contentType?: string, siteDefault = 'gb18030'): DecodeResult {
  const rawHeader = charsetFromContentType(contentType);
  const hdr = canonicalLabel(rawHeader);
  const utf8Text = strictUtf8(bytes);
  // Header says UTF-8 and the bytes are UTF-8: that is what every browser shows, whatever a
  // <meta> says, so there is nothing to weigh (and the prescan is skipped on the common path).
  if (hdr === 'utf-8' && utf8Text !== undefined) return finish(bytes, 'utf-8', 'header', rawHeader, undefined, [], utf8Text);
  const sniffed = sniffDocument(bytes);
  const doc = canonicalLabel(sniffed.label);
  const notes: string[] = [];

  if (sniffed.bom && doc) {
    return finish(bytes, doc, 'bom', rawHeader, sniffed.label, notes);
  }
  if (hdr && doc && hdr !== doc) {
    notes.push(`charset conflict: header says ${rawHeader}, document says ${sniffed.label} (browsers follow the header)`);
  }
  const utf8 = utf8Text !== undefined;
  // Valid UTF-8 decodes to one UTF-16 unit per byte only if every byte is ASCII.
  const nonAscii = !utf8 || utf8Text.length !== bytes.length;

  let label: string;
  let decidedBy: string;
  if (utf8 && nonAscii && (hdr === 'utf-8' || doc === 'utf-8' || (!hdr && !doc))) {
    label = 'utf-8';
    decidedBy = 'utf8-valid';
  } else if (hdr && hdr !== 'utf-8') {
    label = hdr;
    decidedBy = 'header';
  } else if (doc && doc !== 'utf-8') {
    label = doc;
    decidedBy = 'document';
  } else if (utf8) {
    label = 'utf-8';
    decidedBy = hdr || doc ? 'header' : 'utf8-valid';
  } else {
    if (hdr === 'utf-8' || doc === 'utf-8') notes.push('declared utf-8 but the bytes are not valid UTF-8');
    const guess = bytes.length >= DETECT_MIN_BYTES ? analyse(bytes).find((m) => m.confidence >= 50) : undefined;
    const guessed = guess && (guess.name === 'GB18030' || guess.name === 'Big5') ? canonicalLabel(guess.name) : undefined;
    label = guessed ?? siteDefault;
    decidedBy = guessed ? 'detected' : 'default';
  }
  if (hdr === 'utf-8' && label !== 'utf-8' && !notes.some((n) => n.startsWith('charset conflict'))) {
    notes.push(`header says utf-8 but the page is ${label}`);
  }
  return finish(bytes, label, decidedBy, rawHeader, sniffed.label, notes, label === 'utf-8' ? utf8Text : undefined);
}

function finish(bytes: Buffer, label: string, decidedBy: string, hdr: string | undefined, doc: string | undefined, notes: string[], decoded?: string): DecodeResult {
  if (decoded !== undefined) {
    const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
    return { text, charset: { encoding: label, declaredHeader: hdr, declaredDocument: doc, decidedBy, notes } };
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    notes.push(`unsupported charset ${label}; decoded as utf-8`);
    decoder = new TextDecoder('utf-8');
    label = 'utf-8';
  }
  // Strip a BOM ourselves: TextDecoder does for utf-8/16 only.
  let text = decoder.decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, charset: { encoding: label, declaredHeader: hdr, declaredDocument: doc, decidedBy, notes } };
}
