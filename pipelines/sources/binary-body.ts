/**
 * Whether bytes handed in as a page or a text are something else: an archive, an image, a PDF or
 * a database dump renamed `.html` or served as `text/html`. Decoded, such bytes read as a few
 * characters of noise that no rule finds anything in, and the run called the file clean.
 */

/** The bytes looked at: a binary format shows itself in its first kilobytes. */
const SAMPLE = 8 * 1024;
/**
 * Share of control bytes that makes the sample binary. Random and compressed bytes hold ~11% (27
 * of the 256 values); text holds none but tabs, line ends and form feeds, and an HTML page with a
 * stray NUL or two from its CMS is still a page browsers show, and is checked.
 */
const BINARY_SHARE = 0.05;

/** A byte order mark of UTF-16 or UTF-32, whose text holds NULs by design. */
function wideBom(b: Buffer): boolean {
  return (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff);
}

/** The share of control bytes in the sample, when it is too many for text; undefined for text. */
export function binaryShare(bytes: Buffer): number | undefined {
  if (bytes.length === 0 || wideBom(bytes)) return undefined;
  const n = Math.min(bytes.length, SAMPLE);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = bytes[i]!;
    // C0 controls but tab, line feed, form feed, carriage return and escape (ISO-2022 text), and DEL.
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d && c !== 0x1b) || c === 0x7f) controls++;
  }
  const share = controls / n;
  return share >= BINARY_SHARE ? share : undefined;
}

/** What a reader is told of such bytes. */
export function binaryMessage(share: number): string {
  return `binary content (${Math.round(share * 100)}% control bytes in its first ${SAMPLE / 1024} KiB), not a web page or text`;
}
