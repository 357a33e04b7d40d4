/**
 * Normalisation for matching, with a map back to the original offsets so that a match in the
 * normalised text is reported where the reader sees it.
 *
 * Full NFKC is deliberately not used: it rewrites ①, ㈠, ㎡ and CJK compatibility ideographs,
 * which changes what "the same text" means for wording rules. We fold only what evasion and
 * sloppy input actually produce: full-width ASCII, the ideographic space, zero-width and
 * soft-hyphen characters.
 */

export interface NormalizedText {
  text: string;
  /** `toOriginal[i]` = offset in the original text of normalised char i; one extra entry for the end. */
  toOriginal: Int32Array;
}

const INVISIBLE = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x180e, 0x2061, 0x2062, 0x2063]);

/** Full-width ASCII -> ASCII, U+3000 -> space; everything else unchanged. */
export function foldWidthChar(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  if (code === 0x3000) return 0x20;
  return code;
}

export function isInvisible(code: number): boolean {
  return INVISIBLE.has(code);
}

export function normalizeForMatching(input: string): NormalizedText {
  const out: number[] = [];
  const map = new Int32Array(input.length + 1);
  let n = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (INVISIBLE.has(c)) continue;
    out.push(foldWidthChar(c));
    map[n++] = i;
  }
  map[n] = input.length;
  // String.fromCharCode on a large spread overflows the stack; build in chunks.
  let text = '';
  for (let i = 0; i < out.length; i += 8192) text += String.fromCharCode(...out.slice(i, i + 8192));
  return { text, toOriginal: map.subarray(0, n + 1) };
}

/** Map a [start, end) span in normalised text back to the original text. */
export function toOriginalSpan(nt: NormalizedText, start: number, end: number): { start: number; end: number } {
  const s = nt.toOriginal[start] ?? 0;
  // end is exclusive: map the last included character and step past it.
  const last = end > start ? (nt.toOriginal[end - 1] ?? s) + 1 : s;
  return { start: s, end: last };
}

/** Replace lone UTF-16 surrogates (broken input) with U+FFFD so later stages never see them. */
export function repairSurrogates(s: string): string {
  // Nearly every page has no surrogates at all, or only valid pairs; the lookaround pass is dearer.
  if (!/[\ud800-\udfff]/.test(s)) return s;
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
