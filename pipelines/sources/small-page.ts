/**
 * Small pages that stand in for the real one — a stub that sends the browser on, a firewall's bot
 * challenge — told from pages with content without building a DOM.
 */
import { decodeBody } from './charset';
import type { HttpResponse } from './fetch';

/**
 * About how many characters a reader sees in a small page: scripts, styles, comments, noscript and
 * the title out, tags and whitespace dropped, each entity one space. Stubs and challenges show next to nothing.
 */
export function visibleLength(html: string): number {
  return html
    .replace(/<script\b[\s\S]*?(?:<\/script\s*>|$)|<style\b[\s\S]*?(?:<\/style\s*>|$)|<!--[\s\S]*?(?:-->|$)|<noscript\b[\s\S]*?(?:<\/noscript\s*>|$)|<title\b[\s\S]*?(?:<\/title\s*>|$)/gi, '')
    .replace(/<[^<>]*>/g, '')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, '').length;
}

/**
 * An HTML answer's text when it is no larger than `maxBytes` and its bytes hold one of `markers`;
 * undefined otherwise, undecoded — most pages carry none of a stand-in's markers and pass at the cost of a byte search.
 */
export function smallHtmlText(res: Pick<HttpResponse, 'headers' | 'body'>, maxBytes: number, markers: readonly string[]): string | undefined {
  const ctype = res.headers['content-type'] ?? '';
  if (res.body.length === 0 || res.body.length > maxBytes || (ctype && !/html/i.test(ctype))) return undefined;
  if (!markers.some((m) => res.body.includes(m))) return undefined;
  return decodeBody(res.body, ctype).text;
}
