/**
 * Personal numbers in a page's own address: `…/gone-13700031676.html`, `?sfzh=…`. A URL is read
 * by everyone it is shared with, sits in logs and search results, and is not visible text, so the
 * text rules never saw it. ID numbers count anywhere in the path or query (checksum, region and
 * birth date make a chance hit rare); mobiles only behind a phone-like parameter name, because an
 * 11-digit article id that looks like one is common in CMS addresses.
 */
import type { Span } from '../types';
import { findIdNumbers } from './id-card';
import { findMobiles } from './mobile';

const PHONE_PARAM = /(?:^|[?&;])(?:phone|mobile|tel|sjh|shouji|lxdh|dh)=([^&;#]*)/gi;

function decoded(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const raw = `${u.pathname}${u.search}`;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** ID numbers in the page's URL, as spans with the number as their target. */
export function idNumbersInUrl(url: string, asOf: Date): Span[] {
  const text = decoded(url);
  if (!text) return [];
  return findIdNumbers(text.replace(/[/?&=_.-]/g, ' '), asOf).map((s, i) => ({
    target: text.slice(s.start, s.end),
    message: '网址中含身份证号码 (ID number in the page URL)',
    discriminator: `url#${i + 1}`,
  }));
}

/** Mobile numbers given as a phone-like query parameter of the page's URL. */
export function mobilesInUrl(url: string): Span[] {
  const text = decoded(url);
  if (!text) return [];
  const out: Span[] = [];
  for (const m of text.matchAll(PHONE_PARAM)) {
    for (const s of findMobiles(m[1]!)) {
      out.push({ target: m[1]!.slice(s.start, s.end), message: '网址参数中含手机号码 (mobile number in a URL parameter)', discriminator: `url#${out.length + 1}` });
    }
  }
  return out;
}
