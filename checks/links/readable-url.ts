/**
 * A URL as a person reads it: percent escapes decoded, as UTF-8 where they are UTF-8 and as GBK
 * where a GBK site wrote them (`?kw=%D5%FE%B8%AE` reads 政府). Only for messages: the escaped form is
 * what was fetched and what fingerprints use.
 */
const GBK = new TextDecoder('gb18030');
const ESCAPES = /(?:%[0-9A-Fa-f]{2})+/g;

export function readableUrl(url: string): string {
  if (!url.includes('%')) return url;
  return url.replace(ESCAPES, (run) => {
    const bytes = Uint8Array.from(run.slice(1).split('%'), (h) => parseInt(h, 16));
    // Escapes of ASCII stay escaped: `%2F`, `%20`, `%3F` mean something different written out.
    if (bytes.every((b) => b < 0x80)) return run;
    try {
      return decodeURIComponent(run);
    } catch {
      const text = GBK.decode(bytes);
      return text.includes('\uFFFD') ? run : text;
    }
  });
}
