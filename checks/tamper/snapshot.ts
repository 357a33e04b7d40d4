/**
 * A key page (homepage, column pages) as a set of regions, for tamper.defaced (reference
 * counterfeit-tamper.md §7): blocks keyed by their stable path (tag, id and classes up from the
 * root, never a child index, so a list that grows keeps its keys) with a hash of their own text.
 * Repeated siblings (news lists, carousels) and regions with dates or counters are volatile by
 * nature; other regions become stable once several snapshots agree on them. Digits are left in a
 * stable region's hash, so a 举报电话 swapped for another number is a change.
 */
import { createHash } from 'node:crypto';
import type { AnyNode, Element, ParentNode } from 'domhandler';
import type { Page } from '../types';
import { groupBy } from '../group-by';

export interface Region {
  /** Hash of the region's text (16 hex). */
  hash: string;
  /** The text, cut to 300 characters: the before and after a responder reads. */
  text: string;
  /** Repeated siblings, dates or counters: expected to change. */
  volatile: boolean;
}

export interface KeyPageSnapshot {
  url: string;
  at: string;
  title: string;
  regions: Record<string, Region>;
}

const BLOCK = new Set(['div', 'p', 'li', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header', 'footer', 'nav', 'aside', 'main', 'dd', 'dt', 'span', 'a', 'marquee', 'center', 'font', 'b', 'strong']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'svg', 'select', 'option']);
const DATE = /\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}|(?<!\d)\d{1,2}[-/]\d{1,2}(?!\d)|\d{1,2}\s*月\s*\d{1,2}\s*日/;
const COUNTER = /访问|浏览|点击|次数|人数|阅读|今天是|星期|天气|温度|°C|℃|在线/;
const MAX_TEXT = 300;
const MAX_REGIONS = 2000;

function keyPart(el: Element): string {
  const id = el.attribs['id'];
  // Generated ids (`c1234`, `item_57`) change between snapshots; they are not part of a stable key.
  const stableId = id && !/\d{3,}/.test(id) ? `#${id}` : '';
  const cls = (el.attribs['class'] ?? '').split(/\s+/).filter((c) => c && !/\d{3,}|^(?:on|cur|active|current|show|hover|selected)$/.test(c)).sort().join('.');
  return `${el.name}${stableId}${cls ? `.${cls}` : ''}`;
}

function ownText(el: Element): string {
  let s = '';
  for (const c of el.children) if (c.type === 'text') s += (c as unknown as { data: string }).data;
  return s.replace(/\s+/g, ' ').trim();
}

export function hash16(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 16);
}

/** The regions of a page: each block's own text under its stable path, repeated paths merged into one volatile region. */
const LIST_ITEMS = new Set(['li', 'tr', 'dd', 'dt', 'option']);

function hasLink(el: Element): boolean {
  const stack: AnyNode[] = [...el.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'tag') {
      if ((n as Element).name === 'a') return true;
      for (const c of (n as Element).children) stack.push(c);
    }
  }
  return false;
}

/**
 * Keys for a node's element children: list items (li, tr…, or three or more siblings that all
 * link somewhere: cards, carousel slides) share one key and form one volatile region; other
 * repeated siblings (the paragraphs of a footer) are numbered, so each is a region of its own.
 */
function childKeys(kids: readonly AnyNode[], path: string): Map<AnyNode, { key: string; list: boolean }> {
  const groups = groupBy(kids.filter((k): k is Element => k.type === 'tag'), keyPart);
  const out = new Map<AnyNode, { key: string; list: boolean }>();
  for (const [part, els] of groups) {
    const list = els.length > 1 && (LIST_ITEMS.has(els[0]!.name) || (els.length >= 3 && els.every(hasLink)));
    els.forEach((el, i) => out.set(el, { key: `${path}>${part}${list || els.length === 1 ? '' : `[${i}]`}`, list }));
  }
  return out;
}

/** The regions of a page: each block's own text under its stable path, list items merged into one volatile region. */
export function snapshotOf(page: Page, at: string): KeyPageSnapshot {
  const texts = new Map<string, { parts: string[]; list: boolean }>();
  const stack: { node: AnyNode; key: string; list: boolean }[] = [{ node: page.dom, key: '', list: false }];
  while (stack.length && texts.size < MAX_REGIONS) {
    const { node, key, list } = stack.pop()!;
    if (node.type !== 'tag' && node.type !== 'root') continue;
    const el = node as Element;
    if (node.type === 'tag' && SKIP.has(el.name)) continue;
    if (node.type === 'tag' && BLOCK.has(el.name)) {
      const t = ownText(el);
      if (t) {
        const e = texts.get(key) ?? { parts: [], list };
        e.parts.push(t);
        e.list ||= list;
        texts.set(key, e);
      }
    }
    const kids = (node as ParentNode).children;
    const keys = childKeys(kids, key);
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = keys.get(kids[i]!);
      // Inside a list item, everything belongs to the list.
      if (k) stack.push({ node: kids[i]!, key: k.key, list: list || k.list });
    }
  }
  const regions: Record<string, Region> = {};
  for (const [key, { parts, list }] of texts) {
    const text = parts.join(' | ');
    const volatile = list || parts.length > 1 || DATE.test(text) || COUNTER.test(text);
    regions[key] = { hash: hash16(text), text: text.slice(0, MAX_TEXT), volatile };
  }
  return { url: page.url, at, title: page.text.title, regions };
}

export interface RegionChange {
  key: string;
  before: string;
  after: string | undefined;
  /** Share of the region's characters that changed (1 when it is gone). */
  changed: number;
}

/** Regions that every earlier snapshot has with one and the same text. */
export function stableRegions(history: readonly KeyPageSnapshot[]): Map<string, Region> {
  const out = new Map<string, Region>();
  const [first, ...rest] = history;
  if (!first) return out;
  for (const [key, r] of Object.entries(first.regions)) {
    if (r.volatile) continue;
    if (rest.every((h) => h.regions[key]?.hash === r.hash)) out.set(key, r);
  }
  return out;
}

/** How much of `a` is gone in `b`: 1 − (shared character bigrams / a's bigrams). */
export function changedShare(a: string, b: string): number {
  const grams = (s: string) => {
    const m = new Map<string, number>();
    for (let i = 0; i + 2 <= s.length; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let total = 0;
  let shared = 0;
  for (const [g, n] of ga) {
    total += n;
    shared += Math.min(n, gb.get(g) ?? 0);
  }
  return total ? 1 - shared / total : a === b ? 0 : 1;
}

/** The stable regions of the baseline that the current snapshot changed or lost. */
export function changedRegions(current: KeyPageSnapshot, history: readonly KeyPageSnapshot[]): RegionChange[] {
  const out: RegionChange[] = [];
  for (const [key, r] of stableRegions(history)) {
    const now = current.regions[key];
    if (now?.hash === r.hash) continue;
    out.push({ key, before: r.text, after: now?.text, changed: now ? changedShare(r.text, now.text) : 1 });
  }
  return out;
}

/** Jaccard similarity of the region keys of two snapshots: the page's structure. */
export function structureSimilarity(a: KeyPageSnapshot, b: KeyPageSnapshot): number {
  const ka = new Set(Object.keys(a.regions));
  const kb = new Set(Object.keys(b.regions));
  let inter = 0;
  for (const k of ka) if (kb.has(k)) inter++;
  const union = ka.size + kb.size - inter;
  return union ? inter / union : 1;
}
