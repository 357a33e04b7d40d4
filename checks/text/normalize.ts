/**
 * Character folding for matching (applied by the term matcher while it scans, so offsets stay
 * the reader's), and repair of broken input.
 *
 * Full NFKC is deliberately not used: it rewrites ①, ㈠, ㎡ and CJK compatibility ideographs,
 * which changes what "the same text" means for wording rules. We fold only what evasion and
 * sloppy input actually produce: full-width ASCII, the ideographic space, zero-width and
 * soft-hyphen characters.
 */

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

/** Replace lone UTF-16 surrogates (broken input) with U+FFFD so later stages never see them. */
export function repairSurrogates(s: string): string {
  // Nearly every page has no surrogates at all, or only valid pairs; the lookaround pass is dearer.
  if (!/[\ud800-\udfff]/.test(s)) return s;
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Full-width digits, Latin letters and the signs numbers and addresses are written with (＋－＊＠．). */
const WIDE_ALNUM = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff0a\uff0b\uff0d\uff0e\uff20]/;
const WIDE_ALNUM_ALL = new RegExp(WIDE_ALNUM.source, 'g');

/**
 * `１３９０７９４１２３４` → `13907941234`, one UTF-16 unit for one, so offsets into the result are
 * offsets into the original. Chinese punctuation (：（，) is left alone: rules read it as written.
 */
export function foldWideAlnum(text: string): string {
  if (!WIDE_ALNUM.test(text)) return text;
  return text.replace(WIDE_ALNUM_ALL, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}
