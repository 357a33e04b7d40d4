/**
 * Personal numbers in a page's own address: `…/gone-13700031676.html`, `?sfzh=…`. A URL is read
 * by everyone it is shared with, sits in logs and search results, and is not visible text, so the
 * text rules never saw it. ID numbers count anywhere in the path or query (checksum, region and
 * birth date make a chance hit rare); mobiles only behind a phone-like parameter name, because an
 * 11-digit article id that looks like one is common in CMS addresses.
 */
import type { Page, Span } from '../types';
import { elements } from '../text/dom-walk';
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

/** Attributes that hold an address a page links or loads. */
const ADDRESS_ATTRS = ['href', 'src', 'data', 'action', 'poster'];
/** An ID number is 17 digits and a check character: an address without such a run holds none. */
const DIGIT_RUN = /\d{17}/;

/**
 * ID numbers in the addresses a page links or loads (`<a href="/cx?sfzh=…">`, a scan uploaded as
 * `/upload/<ID number>.jpg`): in the page's source for anyone to read, though in no visible text.
 */
export function idNumbersInLinks(page: Page, asOf: Date): Span[] {
  if (page.contentType !== 'html' || !DIGIT_RUN.test(page.source)) return [];
  const out: Span[] = [];
  const seen = new Set<string>();
  for (const el of elements(page.dom)) {
    for (const attr of ADDRESS_ATTRS) {
      const raw = el.attribs[attr];
      if (!raw || !DIGIT_RUN.test(raw)) continue;
      let url: string;
      try {
        url = new URL(raw, page.finalUrl || page.url).href;
      } catch {
        continue;
      }
      for (const s of idNumbersInUrl(url, asOf)) {
        if (seen.has(s.target!)) continue;
        seen.add(s.target!);
        out.push({ ...s, message: `<${el.name} ${attr}> 的网址中含身份证号码 (ID number in an address the page links or loads)`, discriminator: `link#${out.length + 1}` });
      }
    }
  }
  return out;
}

/** A link's scheme at the start of its href, and anywhere in the source (a page without it has no such link). */
const LINK_SCHEMES = {
  tel: { prefix: /^\s*(?:tel|sms):/i, anywhere: /(?:tel|sms):/i },
  mailto: { prefix: /^\s*mailto:/i, anywhere: /mailto:/i },
} as const;

/**
 * What the page's `tel:`/`sms:` or `mailto:` links hold, decoded, once each (`<a href="tel:139…">拨打联系人电话</a>`):
 * in the source for anyone, where the text shows only the link's words.
 */
export function linkTargets(page: Page, scheme: 'tel' | 'mailto'): string[] {
  const { prefix, anywhere } = LINK_SCHEMES[scheme];
  if (page.contentType !== 'html' || !anywhere.test(page.source)) return [];
  const out = new Set<string>();
  for (const el of elements(page.dom)) {
    const href = el.attribs['href'];
    if (!href || !prefix.test(href)) continue;
    let v = href.replace(prefix, '').split('?')[0]!;
    try {
      v = decodeURIComponent(v);
    } catch {
      // kept as written
    }
    if (v.trim()) out.add(v.trim());
  }
  return [...out];
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
