/**
 * The dated facts of one page that site-level rules compare across pages and crawls: its claim,
 * the TRS document id, a fingerprint of its body without dates (旧稿重发), and, for list pages
 * and the homepage, the dates of the items they list (freshness).
 */
import { createHash } from 'node:crypto';
import type { Element } from 'domhandler';
import type { Page, PageDates } from '../types';
import { beijingDay, findDates, findYearlessDates, type FoundDate } from './parse';
import { trsDocId } from './date-sources';
import { claimOf } from './claims';
import { segmentsFor } from '../text/visible-text';
import { elements } from '../text/dom-walk';

const COLUMN_META = /<meta\s+name\s*=\s*["']ColumnName["']\s+content\s*=\s*["']([^"']+)["']/i;
const EMPTY = /暂无(?:信息|数据|内容|记录)|没有(?:信息|数据|记录)|无相关信息|(?:此|本)栏目(?:暂无|无)/u;

/** The column an article belongs to: TRS /col/path/YYYYMM/, Hanweb art_<colid>_, else its folder. */
export function columnKey(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  const hanweb = /\/art\/\d{4}\/(?:\d{1,2}\/\d{1,2}\/)?art_(\d+)_/.exec(u.pathname);
  if (hanweb) return `${u.host}/col${hanweb[1]}`;
  const dir = u.pathname.replace(/[^/]*$/, '').replace(/\/\d{6}\/$/, '/').replace(/\/\d{4}-\d{2}\/\d{2}\/$/, '/');
  return `${u.host}${dir}`;
}

/** An element that holds the site's frame, not an article: footers, navigation, headers, banners. */
const FRAME_TAG = new Set(['footer', 'nav', 'header']);
const FRAME_NAME = /(?:^|[\s_-])(?:foot(?:er)?|copyright|bottom|banner|header|top|nav|menu)(?:$|[\s_\d-])/i;

function inFrame(el: Element | undefined, known: Map<Element, boolean>): boolean {
  const chain: Element[] = [];
  let found = false;
  for (let e = el; e; e = e.parent && e.parent.type === 'tag' ? (e.parent as Element) : undefined) {
    const k = known.get(e);
    if (k !== undefined) {
      found = k;
      break;
    }
    chain.push(e);
    if (FRAME_TAG.has(e.name) || FRAME_NAME.test(`${e.attribs['class'] ?? ''} ${e.attribs['id'] ?? ''}`)) {
      found = true;
      break;
    }
  }
  for (const e of chain) known.set(e, found);
  return found;
}

/** Per character of the text, whether it stands in the site's frame (the page's template). */
function frameMask(page: Page): Uint8Array | undefined {
  if (page.contentType !== 'html') return undefined;
  const { text, segments } = page.text;
  const mask = new Uint8Array(text.length);
  const known = new Map<Element, boolean>();
  for (const s of segments) if (inFrame(s.element, known)) mask.fill(1, s.start, s.end);
  return mask;
}

/**
 * The article's main block (its longest line once dates and spaces are gone): a re-post keeps the
 * body but gets a new title line, byline and navigation. Lines of the site's frame are not the
 * article: a long footer (主办单位…网站标识码…备案号) was the longest line of every short notice,
 * so any two notices 14 days apart read as one article posted twice.
 */
function bodyHash(page: Page): string | undefined {
  const text = page.text.text;
  const mask = frameMask(page);
  // The longest line once its dates are cut out. Cutting only shortens a line, so lines are tried
  // longest first and the search stops once no line left can beat (or tie, earlier) the best:
  // the dates of a few lines are read, not of every line of the page.
  let offset = 0;
  const lines = text.split('\n').map((line, index) => {
    const start = offset;
    offset += line.length + 1;
    let framed = 0;
    if (mask) for (let i = start; i < start + line.length; i++) framed += mask[i]!;
    return { line, index, raw: line.replace(/\s+/g, '').length, framed: framed * 2 > line.length };
  }).filter((l) => !l.framed);
  lines.sort((a, b) => b.raw - a.raw || a.index - b.index);
  let longest = '';
  let at = Infinity;
  for (const { line, index, raw } of lines) {
    if (raw < longest.length) break;
    // At best a tie, and a later one: a page's repeated paragraphs are read once.
    if (raw === longest.length && index > at) continue;
    let stripped = line;
    for (const d of findDates(line).reverse()) stripped = stripped.slice(0, d.index) + stripped.slice(d.end);
    stripped = stripped.replace(/\s+/g, '');
    if (stripped.length > longest.length || (stripped.length === longest.length && index < at)) {
      longest = stripped;
      at = index;
    }
  }
  // Short blocks (navigation, one-line notices) are alike by nature; only an article can be re-posted.
  if (longest.length < 120) return undefined;
  return createHash('sha256').update(longest).digest('hex').slice(0, 32);
}

/**
 * At most this many items a list page (a column's page shows 15–30): the run keeps every page's
 * dates to its end, and a 50,000-page crawl has thousands of lists.
 */
const MAX_ITEMS = 40;
const WRITTEN_DATES = /成文日期|印发日期|发文日期|生成日期|签发日期/;
/** Levels from a date's element up to its item (span → li, td → tr). */
const ITEM_DEPTH = 4;
/** An item's text is a title and a date; more than this is a block of several. */
const ITEM_TEXT = 300;

/**
 * An item's text with its cells apart (`2026-12-20` and `2026-11-20` in two cells must not read as one
 * run of digits), read only until it holds more than one item would (`long`).
 */
function itemText(el: Element): { text: string; long: boolean } {
  const parts: string[] = [];
  let n = 0;
  const read = (e: Element): boolean => {
    for (const c of e.children) {
      if (c.type !== 'text') continue;
      const data = (c as unknown as { data: string }).data;
      parts.push(data);
      n += data.trim().length;
      if (n > ITEM_TEXT) return false;
    }
    return true;
  };
  // The subtree is walked lazily: a list's container (thousands of elements) stops at its first items.
  if (!read(el)) return { text: '', long: true };
  for (const e of elements(el)) if (!read(e)) return { text: '', long: true };
  return { text: parts.join(' '), long: false };
}

/**
 * The items of a list page: the nearest element around a date that holds exactly one link to a page
 * (an <li>, a table row, a <dd>), and so says which article the date is of.
 */
function listItemsOf(page: Page, dates: readonly FoundDate[]): { url: string; date: string }[] {
  const out: { url: string; date: string }[] = [];
  const seen = new Set<string>();
  for (const d of dates) {
    if (out.length >= MAX_ITEMS) break;
    let el = segmentsFor(page.text, d.index, d.end).find((s) => s.element)?.element;
    for (let depth = 0; el && depth < ITEM_DEPTH; depth++, el = el.parent && el.parent.type === 'tag' ? (el.parent as Element) : undefined) {
      // Two links: past the item, into the list (stop reading at the second).
      const hrefs = new Set<string>();
      if (el.name === 'a' && el.attribs['href']) hrefs.add(el.attribs['href']);
      for (const a of elements(el)) {
        if (a.name === 'a' && a.attribs['href'] && !/^(?:#|javascript:|mailto:)/i.test(a.attribs['href'])) hrefs.add(a.attribs['href']);
        if (hrefs.size > 1) break;
      }
      const item = hrefs.size > 1 ? undefined : itemText(el);
      if (!item || item.long) break;
      if (hrefs.size === 0) continue;
      // A row with two dates (发布日期 and 截止日期 of a 招标公告) does not say which one is the article's.
      if (findDates(item.text, 3).length > 1) break;
      let url: string;
      try {
        url = new URL([...hrefs][0]!, page.finalUrl || page.url).href;
      } catch {
        break;
      }
      if (!seen.has(url)) {
        seen.add(url);
        out.push({ url, date: d.value });
      }
      break;
    }
  }
  return out;
}

export function pageDatesOf(page: Page, firstSeen?: string): PageDates {
  const text = page.text.text;
  const claimed = claimOf(page);
  const claim = claimed?.claim;
  // A list row may print its date without the year (11-30): such rows still date what they list.
  const dates = [...findDates(text, 400), ...findYearlessDates(text, page.fetchedAt)];
  const isList = dates.length >= 3 && dates.length * 120 > text.length * 0.5;
  const column = page.contentType === 'html' ? COLUMN_META.exec(page.source.slice(0, 64 * 1024))?.[1] : undefined;
  return {
    url: page.url,
    title: page.claims.title ?? page.text.title,
    ...(claim ? { claimed: claim.value } : {}),
    ...(firstSeen ? { firstSeen } : {}),
    ...(trsDocId(page.url) !== undefined ? { docId: trsDocId(page.url) } : {}),
    column: columnKey(page.url),
    ...(column ? { columnName: column } : {}),
    ...(isList ? {} : { bodyHash: bodyHash(page) }),
    listDates: dates.map((d) => d.value),
    // A list that prints 成文日期 (信息公开目录, 政策文件库) dates its items otherwise than their pages may: not paired.
    ...(isList && page.contentType === 'html' && !WRITTEN_DATES.test(text) ? { listItems: listItemsOf(page, dates) } : {}),
    ...(!isList && claimed ? { sourceDays: [...new Set(claimed.sources.map((x) => beijingDay(x.value)))].slice(0, 12) } : {}),
    isList,
    emptyNotice: EMPTY.test(text) && dates.length === 0,
    ...(page.depth !== undefined ? { depth: page.depth } : {}),
  };
}
