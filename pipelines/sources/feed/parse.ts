/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.x into one item shape. XML is read with fast-xml-parser (a kept
 * validator and parser, no DOM); each `<item>`/`<entry>` is parsed on its own, so one malformed item
 * is an error naming that item while the others are still read. RSSHub's feeds of WeChat, Weibo,
 * Douyin and Bilibili accounts are RSS 2.0 with the post in `<description>` (HTML).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { escapeUTF8 } from 'entities';
import type { InputError } from '../source';
import { isoFromParts } from '../../../checks/dates/parse';
import { firstText } from '../../../checks/text/tag-pattern';

export type FeedFormat = 'rss' | 'atom' | 'json';

export interface FeedItem {
  /** Position in the feed, from 1, for error messages. */
  index: number;
  /** The item's own id (guid, Atom id, JSON id), or its link, or its title and date. */
  guid: string;
  title: string;
  link?: string;
  /** ISO 8601; absent when the item carries no date or one that cannot be read. */
  publishedAt?: string;
  /** As written, for the error message when it cannot be read. */
  rawDate?: string;
  author?: string;
  /** The post as HTML (RSS description / content:encoded, Atom content or summary, JSON content_html). */
  html: string;
  /** Only a summary: the post itself is at `link`. */
  summaryOnly: boolean;
  attachments: string[];
}

export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  link?: string;
  items: FeedItem[];
  errors: InputError[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  cdataPropName: false,
  processEntities: true,
  htmlEntities: true,
  trimValues: true,
  parseTagValue: false,
  isArray: (name) => ['link', 'enclosure', 'category', 'author'].includes(name),
});

export function sniffFeed(head: string): FeedFormat | undefined {
  const h = head.replace(/^\uFEFF/, '').trimStart().slice(0, 2048);
  if (h.startsWith('{')) return /jsonfeed\.org\/version/.test(h) || /"items"\s*:/.test(h) ? 'json' : undefined;
  if (/<rss\b|<rdf:RDF\b/i.test(h)) return 'rss';
  if (/<feed\b[^>]*xmlns="http:\/\/www\.w3\.org\/2005\/Atom"|<feed\b/i.test(h)) return 'atom';
  return undefined;
}

type Node = Record<string, unknown>;

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v).trim();
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'object') return text((v as Node)['#text']);
  return '';
}

/** Unix time as an export writes it (WeChat's create_time): seconds, or milliseconds; only this century. */
const UNIX_TIME = /^(\d{10}|\d{13})$/;

/**
 * RFC 822 (RSS), RFC 3339 (Atom, JSON Feed), the `2026-12-01 08:30`, `2026.12.01` and
 * `2026年12月1日 08:30` a CMS writes (Beijing time), and Unix time.
 */
export function feedDate(raw: string): string | undefined {
  const v = raw.trim();
  if (!v) return undefined;
  if (UNIX_TIME.test(v)) {
    const ms = v.length === 10 ? Number(v) * 1000 : Number(v);
    return ms >= Date.UTC(2000, 0, 1) && ms < Date.UTC(2100, 0, 1) ? new Date(ms).toISOString() : undefined;
  }
  const local = /^(\d{4})(?:[-/.]|\s*年\s*)(\d{1,2})(?:[-/.]|\s*月\s*)(\d{1,2})\s*日?(?:\s*[ T]?\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$/.exec(v);
  if (local) {
    const [, y, mo, d, h, mi, sec] = local;
    // 2026-13-45 or 2月30日 is no date (the item is then reported as undated, naming the field), not a crash.
    const iso = isoFromParts(y!, mo!, d!, h, mi, sec);
    return iso ? new Date(iso).toISOString() : undefined;
  }
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function atomLink(links: unknown): string | undefined {
  const list = (Array.isArray(links) ? links : [links]) as (Node | string | undefined)[];
  const alt = list.find((l) => typeof l === 'object' && l && (!l['@rel'] || l['@rel'] === 'alternate'));
  const any = alt ?? list[0];
  return typeof any === 'string' ? any : typeof any === 'object' && any ? text(any['@href']) || undefined : undefined;
}

function fromRss(n: Node, index: number): Omit<FeedItem, 'guid'> & { id: string } {
  const full = text(n['content:encoded']);
  const description = text(n['description']);
  const rawDate = text(n['pubDate']) || text(n['dc:date']);
  const enclosures = ((n['enclosure'] as Node[] | undefined) ?? []).map((e) => text(e['@url'])).filter(Boolean);
  return {
    index,
    id: text(n['guid']),
    title: text(n['title']),
    link: text(n['link']) || undefined,
    rawDate,
    author: text(n['author']) || text(n['dc:creator']) || undefined,
    html: full || description,
    summaryOnly: !full && description.length < 300 && !/<(?:p|img|br)\b/i.test(description),
    attachments: enclosures,
  };
}

function fromAtom(n: Node, index: number): Omit<FeedItem, 'guid'> & { id: string } {
  const content = text(n['content']);
  const summary = text(n['summary']);
  const author = n['author'] as Node[] | undefined;
  return {
    index,
    id: text(n['id']),
    title: text(n['title']),
    link: atomLink(n['link']),
    rawDate: text(n['published']) || text(n['updated']),
    author: author ? text(author[0]?.['name']) || undefined : undefined,
    html: content || summary,
    summaryOnly: !content,
    attachments: ((n['link'] as Node[] | undefined) ?? []).filter((l) => typeof l === 'object' && l['@rel'] === 'enclosure').map((l) => text(l['@href'])),
  };
}

function finish(raw: Omit<FeedItem, 'guid'> & { id: string }): FeedItem {
  const { id, ...rest } = raw;
  const publishedAt = raw.rawDate ? feedDate(raw.rawDate) : undefined;
  return { ...rest, guid: id || raw.link || `${raw.title}|${raw.rawDate ?? ''}`, ...(publishedAt ? { publishedAt } : {}) };
}

/**
 * Each `<item>` or `<entry>` element, from its opening tag to the first closing tag of its name
 * after it, with the line it starts on. Once one never closes, no later one of that name can:
 * they are not searched for again. `<(item|entry)\b[\s\S]*?<\/\1>` did, from every start to the
 * end of the feed (100,000 unclosed `<item>`: 9 s), and counting each bad item's line from the
 * feed's start was as quadratic.
 */
function* feedItems(body: string): Generator<{ name: 'item' | 'entry'; xml: string; line: number }> {
  const open = /<(item|entry)\b/g;
  const close = { item: /<\/item\s*>/g, entry: /<\/entry\s*>/g };
  const closes = { item: true, entry: true };
  let line = 1;
  let counted = 0;
  for (let m = open.exec(body); m; m = open.exec(body)) {
    const name = m[1] as 'item' | 'entry';
    if (!closes[name]) continue;
    const end = close[name];
    end.lastIndex = m.index + m[0].length;
    const found = end.exec(body);
    if (!found) {
      closes[name] = false;
      continue;
    }
    for (let i = body.indexOf('\n', counted); i !== -1 && i < m.index; i = body.indexOf('\n', i + 1)) line++;
    counted = m.index;
    yield { name, xml: body.slice(m.index, found.index + found[0].length), line };
    open.lastIndex = found.index + found[0].length;
  }
}

function parseXml(input: string, body: string, format: 'rss' | 'atom'): ParsedFeed {
  const errors: InputError[] = [];
  const items: FeedItem[] = [];
  const first = body.search(/<(?:item|entry)\b/);
  const head = first === -1 ? body : body.slice(0, first);
  // The channel's own title and link, from the part before the first item.
  const channel = firstText(head, 'title')?.replace(/<!\[CDATA\[|\]\]>/g, '').trim();
  const link = format === 'rss' ? /<link>([^<]+)<\/link>/i.exec(head)?.[1]?.trim() : /<link\b[^>]*href="([^"]+)"/i.exec(head)?.[1];
  if (XMLValidator.validate(body) !== true && first === -1) {
    const v = XMLValidator.validate(body);
    const where = v === true ? '' : ` (line ${v.err.line}: ${v.err.msg})`;
    errors.push({ input, code: 'feed-xml', message: `not well-formed XML${where}; no items could be read` });
  }
  let index = 0;
  for (const { name, xml, line } of feedItems(body)) {
    index++;
    const valid = XMLValidator.validate(xml);
    if (valid !== true) {
      errors.push({ input, record: index, code: 'feed-xml', message: `item ${index} (line ${line + valid.err.line - 1}) is not well-formed XML: ${valid.err.msg}; skipped` });
      continue;
    }
    const node = (parser.parse(xml) as Node)[name] as Node;
    items.push(finish(format === 'rss' ? fromRss(node, index) : fromAtom(node, index)));
  }
  return { format, ...(channel ? { title: channel } : {}), ...(link ? { link } : {}), items, errors };
}

function parseJson(input: string, body: string): ParsedFeed {
  let doc: Node;
  try {
    doc = JSON.parse(body.replace(/^\uFEFF/, '')) as Node;
  } catch (e) {
    return { format: 'json', items: [], errors: [{ input, code: 'feed-json', message: `not JSON: ${(e as Error).message}` }] };
  }
  const errors: InputError[] = [];
  const items: FeedItem[] = [];
  const list = Array.isArray(doc['items']) ? (doc['items'] as unknown[]) : [];
  if (!Array.isArray(doc['items'])) errors.push({ input, field: '/items', code: 'feed-json', message: 'a JSON Feed needs an "items" array' });
  list.forEach((raw, i) => {
    const index = i + 1;
    if (!raw || typeof raw !== 'object') {
      errors.push({ input, record: index, field: `/items/${i}`, code: 'feed-json', message: `item ${index} is not an object; skipped` });
      return;
    }
    const n = raw as Node;
    const html = typeof n['content_html'] === 'string' ? (n['content_html'] as string) : typeof n['content_text'] === 'string' ? textAsHtml(n['content_text'] as string) : '';
    const summary = typeof n['summary'] === 'string' ? textAsHtml(n['summary'] as string) : '';
    const authors = (Array.isArray(n['authors']) ? n['authors'] : n['author'] ? [n['author']] : []) as Node[];
    items.push(finish({
      index,
      id: n['id'] === undefined ? '' : String(n['id']),
      title: typeof n['title'] === 'string' ? (n['title'] as string) : '',
      link: typeof n['url'] === 'string' ? (n['url'] as string) : undefined,
      rawDate: typeof n['date_published'] === 'string' ? (n['date_published'] as string) : typeof n['date_modified'] === 'string' ? (n['date_modified'] as string) : '',
      author: typeof authors[0]?.['name'] === 'string' ? (authors[0]['name'] as string) : undefined,
      html: html || summary,
      summaryOnly: !html,
      attachments: (Array.isArray(n['attachments']) ? (n['attachments'] as Node[]) : []).map((a) => (typeof a['url'] === 'string' ? (a['url'] as string) : '')).filter(Boolean),
    }));
  });
  return { format: 'json', ...(typeof doc['title'] === 'string' ? { title: doc['title'] as string } : {}), ...(typeof doc['home_page_url'] === 'string' ? { link: doc['home_page_url'] as string } : {}), items, errors };
}

/** A JSON Feed's plain text as HTML: escaped, its lines kept. */
function textAsHtml(s: string): string {
  return escapeUTF8(s).replace(/\n/g, '<br>');
}

/** Every item that could be read, and an error for each that could not (the feed named, and the item). */
export function parseFeed(input: string, body: string, format?: FeedFormat): ParsedFeed {
  const f = format ?? sniffFeed(body);
  if (!f) return { format: 'rss', items: [], errors: [{ input, code: 'feed-format', message: 'not an RSS, Atom or JSON feed' }] };
  const parsed = f === 'json' ? parseJson(input, body) : parseXml(input, body, f);
  // A guid seen twice is one post published twice by mistake, or a feed bug: the first is kept.
  const seen = new Set<string>();
  const items: FeedItem[] = [];
  for (const it of parsed.items) {
    if (seen.has(it.guid)) {
      parsed.errors.push({ input, record: it.index, field: 'guid', code: 'feed-duplicate', message: `item ${it.index} repeats the id of an earlier item (${it.guid.slice(0, 80)}); checked once` });
      continue;
    }
    seen.add(it.guid);
    items.push(it);
  }
  return { ...parsed, items };
}
