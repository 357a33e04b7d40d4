/**
 * HTML -> the text a reader sees, with an offset map back to the DOM.
 *
 * Findings are located by character offsets into this text, so it must be deterministic and
 * close to what a browser renders: script/style/template content is dropped, whitespace is
 * collapsed, block elements break lines. Text the reader would *not* see (display:none,
 * the `hidden` attribute, zero font size, off-screen positioning) is kept, because 暗链 and
 * leaked data hide there, but every segment of it is marked `hidden`.
 */
import { parseHtml } from './parse-html';
import { Element as ElementNode, type AnyNode, type Document, type Element, type ParentNode, type Text } from 'domhandler';
import { findFirst, textOf } from './dom-walk';
import { datastoreRecords, isDataScript } from './datastore';

export interface TextSegment {
  /** Offsets into `VisibleText.text`. */
  start: number;
  end: number;
  /** Offset of the text node in the HTML source. */
  sourceStart: number;
  hidden: boolean;
  /** The element holding the text; undefined for plain-text input. */
  element?: Element;
}

export interface VisibleText {
  text: string;
  title: string;
  segments: TextSegment[];
}

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'object', 'embed', 'svg', 'math', 'canvas']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p',
  'pre', 'section', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul', 'option', 'center',
]);
/** Table cells: a row is one line, its cells separated by tabs (as in an extracted spreadsheet). */
const CELL = new Set(['td', 'th']);
const PRE = new Set(['pre', 'textarea', 'listing', 'xmp']);

const HIDING_STYLE =
  /display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d]*[1-9])|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$)|(?:left|top|text-indent)\s*:\s*-\d{3,}px|(?:width|height)\s*:\s*0(?:px)?\s*;[^"]*overflow\s*:\s*hidden/i;

/** True when the element's own attributes hide it from a reader (CSS classes are not resolved). */
export function hidesContent(el: Element): boolean {
  const a = el.attribs;
  if (a['hidden'] !== undefined) return true;
  if (el.name === 'input' && (a['type'] ?? '').toLowerCase() === 'hidden') return true;
  const style = a['style'];
  return style !== undefined && HIDING_STYLE.test(style);
}

const PARSE = { withStartIndices: true, decodeEntities: true, lowerCaseTags: true } as const;

/**
 * The DOM every check of a page shares: parsed once, with source offsets. A list the page ships as
 * data for a script to render (checks/text/datastore.ts) stands in the DOM as the elements a
 * visitor sees, each with its offset in the page's source.
 */
export function parsePage(html: string): Document {
  const doc = parseHtml(html, PARSE);
  if (html.includes('<datastore')) renderDatastores(doc);
  return doc;
}

function renderDatastores(doc: Document): void {
  const scripts: Element[] = [];
  const stack: AnyNode[] = [doc];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'script' && isDataScript((node as Element).attribs['type'])) scripts.push(node as Element);
    else if ('children' in node) for (const c of (node as ParentNode).children) stack.push(c);
  }
  for (const script of scripts) {
    const body = script.children[0];
    if (!body || body.type !== 'text') continue;
    const records = datastoreRecords((body as Text).data);
    if (!records.length) continue;
    const kids: AnyNode[] = [];
    for (const r of records) {
      const base = (body.startIndex ?? 0) + r.offset;
      for (const k of parseHtml(r.html, PARSE).children) {
        shiftIndices(k, base);
        kids.push(k);
      }
    }
    const list = new ElementNode('div', { 'data-rendered-from': 'datastore' }, kids);
    list.startIndex = script.startIndex;
    list.endIndex = script.endIndex;
    kids.forEach((k, i) => {
      k.parent = list;
      k.prev = kids[i - 1] ?? null;
      k.next = kids[i + 1] ?? null;
    });
    const parent = script.parent;
    const siblings = parent?.children;
    const at = siblings ? siblings.indexOf(script) : -1;
    if (!parent || !siblings || at < 0) continue;
    siblings[at] = list;
    list.parent = parent;
    list.prev = script.prev;
    list.next = script.next;
    if (script.prev) script.prev.next = list;
    if (script.next) script.next.prev = list;
  }
}

/** A fragment parsed on its own counts offsets from its start: make them the page's. */
function shiftIndices(root: AnyNode, by: number): void {
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.startIndex !== null) n.startIndex += by;
    if (n.endIndex !== null) n.endIndex += by;
    if ('children' in n) for (const c of (n as ParentNode).children) stack.push(c);
  }
}

export function extractVisibleText(html: string, dom?: Document): VisibleText {
  const doc = dom ?? parsePage(html);
  const chunks: string[] = [];
  const segments: TextSegment[] = [];
  let length = 0;
  let lastChar = '\n';
  let title = '';

  const push = (s: string): void => {
    chunks.push(s);
    length += s.length;
    lastChar = s[s.length - 1] ?? lastChar;
  };
  const breakLine = (): void => {
    if (lastChar !== '\n') push('\n');
  };

  const text = (node: Text, hidden: boolean, pre: boolean): void => {
    const el = node.parent && node.parent.type === 'tag' ? (node.parent as Element) : undefined;
    let s = node.data;
    if (!pre) {
      s = s.replace(/[\t\n\f\r ]+/g, ' ');
      if (lastChar === ' ' || lastChar === '\n' || lastChar === '\t') s = s.replace(/^ /, '');
    }
    if (s.length === 0) return;
    const start = length;
    push(s);
    segments.push({ start, end: length, sourceStart: node.startIndex ?? 0, hidden, element: el });
  };
  // An explicit stack, not recursion: a page may nest elements 100,000 deep. A frame with
  // `close` set is the end of a block element, where its trailing line break goes.
  type Frame = { node: AnyNode; hidden: boolean; pre: boolean; close?: true };
  const stack: Frame[] = [{ node: doc, hidden: false, pre: false }];
  const pushChildren = (kids: AnyNode[], hidden: boolean, pre: boolean): void => {
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, hidden, pre });
  };
  while (stack.length) {
    const { node, hidden, pre, close } = stack.pop()!;
    if (close) {
      breakLine();
      continue;
    }
    if (node.type === 'text') {
      text(node as Text, hidden, pre);
      continue;
    }
    if (node.type === 'root') {
      pushChildren((node as ParentNode).children, hidden, pre);
      continue;
    }
    if (node.type !== 'tag') continue;
    const el = node as Element;
    if (SKIP.has(el.name)) continue;
    const isBlock = BLOCK.has(el.name);
    if (isBlock) {
      breakLine();
      stack.push({ node, hidden, pre, close: true });
    } else if (CELL.has(el.name) && lastChar !== '\n' && lastChar !== '\t') push('\t');
    pushChildren(el.children, hidden || hidesContent(el), pre || PRE.has(el.name));
  }
  // <title> lives in <head>, which is skipped as body text; read it on its own.
  const titleEl = findFirst(doc, 'title');
  if (titleEl) title = textOf(titleEl).replace(/\s+/g, ' ').trim();
  // The title is read by everyone (tab, search results, share cards): its text is checked as a
  // last line, so an ID number only in <title> is found. Last, so body offsets and the 版头 zone stay as they are.
  if (title && titleEl) {
    breakLine();
    const start = length;
    push(title);
    segments.push({ start, end: length, sourceStart: titleEl.startIndex ?? 0, hidden: false, element: titleEl });
  }
  return { text: chunks.join(''), title, segments };
}

/**
 * Plain text is its own visible text. `hidden` ranges (an attachment's hidden cells or parts) mark
 * the text a reader of the original would not see; the rest is one visible segment each gap.
 */
export function plainVisibleText(text: string, hidden: { start: number; end: number }[] = []): VisibleText {
  const firstLine = text.split('\n', 1)[0] ?? '';
  const segments: TextSegment[] = [];
  let at = 0;
  for (const h of [...hidden].sort((a, b) => a.start - b.start)) {
    if (h.start > at) segments.push({ start: at, end: h.start, sourceStart: at, hidden: false });
    segments.push({ start: h.start, end: h.end, sourceStart: h.start, hidden: true });
    at = Math.max(at, h.end);
  }
  if (at < text.length || segments.length === 0) segments.push({ start: at, end: text.length, sourceStart: at, hidden: false });
  return { text, title: firstLine.trim().slice(0, 200), segments };
}

/** True when any part of [start, end) is text the reader does not see. */
export function isHiddenSpan(vt: VisibleText, start: number, end: number): boolean {
  return segmentsFor(vt, start, end).some((s) => s.hidden);
}

/** The segments a span [start, end) touches (binary search; segments are sorted). */
export function segmentsFor(vt: VisibleText, start: number, end: number): TextSegment[] {
  const segs = vt.segments;
  let lo = 0;
  let hi = segs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: TextSegment[] = [];
  for (let i = lo; i < segs.length && segs[i]!.start < Math.max(end, start + 1); i++) out.push(segs[i]!);
  return out;
}

/** Past this many levels a selector names only its innermost steps: still valid CSS, still matching the element. */
const SELECTOR_DEPTH = 32;

/** A CSS selector for an element, `body > div:nth-of-type(2) > p`, computed only when a finding needs it. */
export function selectorOf(el: Element): string {
  const parts: string[] = [];
  let cur: Element | null = el;
  while (cur && cur.type === 'tag' && parts.length < SELECTOR_DEPTH) {
    const id = cur.attribs['id'];
    if (id && /^[A-Za-z][\w-]*$/.test(id)) {
      parts.unshift(`${cur.name}#${id}`);
      break;
    }
    const parent: AnyNode | null = cur.parent;
    let nth = 1;
    let same = 0;
    if (parent && 'children' in parent) {
      for (const sib of parent.children) {
        if (sib.type === 'tag' && (sib as Element).name === cur.name) {
          same++;
          if (sib === cur) nth = same;
        }
      }
    }
    parts.unshift(same > 1 ? `${cur.name}:nth-of-type(${nth})` : cur.name);
    cur = parent && parent.type === 'tag' ? (parent as Element) : null;
  }
  return parts.join(' > ');
}
