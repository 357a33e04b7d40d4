/**
 * Why an element is hidden from a reader, resolved from its inline style, the page's own <style>
 * rules (cascade by !important, specificity and order, for the properties that hide) and its
 * ancestors — the static fallback of reference counterfeit-tamper.md §8 (no browser). Stylesheets
 * the page links to are not fetched; their hiding is not seen.
 *
 * CSS is parsed by css-tree (tolerant of broken CSS) and selectors are matched by css-select on
 * the page's own DOM. Rules that set no hiding property are dropped at parse time, so a 10,000-rule
 * stylesheet costs one parse; past the bounds below the cascade is cut and says so.
 */
import type { CssNode } from 'css-tree';
import { compile } from 'css-select';
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { elements, textOf } from '../text/dom-walk';
import { insideHandler } from './scripts';

/**
 * css-tree, loaded when a page first has style rules to read: its grammar tables are a sixth of
 * the start-up of every command that loads the rules (55 ms), and most runs never read CSS.
 */
let cssTree: typeof import('css-tree') | undefined;
function cssParser(): typeof import('css-tree') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (cssTree ??= require('css-tree') as typeof import('css-tree'));
}

/** The properties that can hide an element or its text. */
const RELEVANT = new Set([
  'display', 'visibility', 'opacity', 'font-size', 'position', 'left', 'top', 'right', 'bottom', 'text-indent', 'width', 'height',
  'max-height', 'max-width', 'overflow', 'color', 'background', 'background-color', 'clip', 'clip-path', 'transform', 'line-height',
  'content-visibility', 'margin', 'margin-left', 'margin-top', 'z-index', 'filter',
  'background-clip', '-webkit-background-clip', '-webkit-text-fill-color',
]);
/** Relevant properties, and custom properties (`--hide: none`), which a relevant one may read through var(). */
const relevant = (prop: string): boolean => RELEVANT.has(prop) || prop.startsWith('--');
const MAX_CSS = 1024 * 1024;
const MAX_RULES = 20_000;
/** The computed style of an element nothing styles. */
const NO_DECLS: ReadonlyMap<string, Decl> = new Map();

type Decl = { value: string; important: boolean };
interface Rule {
  selector: string;
  specificity: number;
  order: number;
  decls: Map<string, Decl>;
  match?: ((el: Element) => boolean) | null;
}

function specificityOf(sel: string): number {
  const s = sel.replace(/\[[^\]]*\]/g, ' [a]').replace(/::?[a-z-]+\([^)]*\)/g, ':p');
  const ids = (s.match(/#[\w-]+/g) ?? []).length;
  const classes = (s.match(/\.[\w-]+|\[a\]|:(?!:)[\w-]+/g) ?? []).length;
  const tags = (s.match(/(?:^|[\s>+~])[a-z][\w-]*/gi) ?? []).length;
  return ids * 10_000 + classes * 100 + tags;
}

function splitSelectors(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of list) {
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** `color:red; display : none !important` → declarations of the relevant properties. */
export function parseInline(style: string): Map<string, Decl> {
  const out = new Map<string, Decl>();
  for (const part of style.split(';')) {
    const i = part.indexOf(':');
    if (i < 0) continue;
    const prop = part.slice(0, i).trim().toLowerCase();
    if (!relevant(prop)) continue;
    let value = part.slice(i + 1).trim().toLowerCase();
    const important = /!\s*important$/.test(value);
    if (important) value = value.replace(/!\s*important$/, '').trim();
    out.set(prop, { value, important });
  }
  return out;
}

function generateRaw(node: CssNode | null | undefined): string {
  if (!node) return '';
  if (node.type === 'Raw') return node.value;
  return '';
}

const BY_SCRIPT = '页面脚本将';
const BY_FRAMEWORK = '常见 CSS 框架的隐藏类';
const BY_TOGGLE = '页面脚本可展开的隐藏面板';
/** A negative z-index hides only what something opaque covers, which only a browser can tell (reference §8: elementFromPoint). */
const BY_STACKING = 'z-index:';
/** Seen hidden only in a browser's rendering (a linked stylesheet, code no static reading follows): tabs and menus look the same. */
export const BY_RENDER = '浏览器渲染后';
/** Built by a script as the sandbox ran it (sandbox.ts): how its markup hides it, if it does, follows. */
export const BY_EXECUTION = '由脚本运行后写入（沙箱中执行所见）';
/** Folded away where a reader can open it with a click, no script needed: a closed <details> with a label, a popover with its button. */
const BY_DISCLOSURE = '读者可点开的折叠内容';
/** Utility classes Bootstrap, Tailwind, Layui and the like define as hidden, in stylesheets xunjian does not fetch. */
const FRAMEWORK_HIDDEN = new Set(['hidden', 'hide', 'd-none', 'sr-only', 'visually-hidden', 'invisible', 'is-hidden', 'u-hidden', 'layui-hide']);

/**
 * Hidden by the page's own script at load, by a framework's hiding class, in a panel the page's code
 * names (a click opens it), perhaps under other content (a negative z-index), or in a browser's
 * rendering alone: as likely a tab or a backdrop as a 暗链, so weighed only with spam words.
 */
export function weaklyHidden(reason: string): boolean {
  return reason.startsWith(BY_SCRIPT) || reason.startsWith(BY_FRAMEWORK) || reason.startsWith(BY_TOGGLE) || reason.startsWith(BY_STACKING) || reason.startsWith(BY_RENDER) || reason.startsWith(BY_EXECUTION) || reason.startsWith(BY_DISCLOSURE);
}

/** States a menu, tab or dropdown is shown in: a rule showing an element in one of them reveals it to a reader. */
const STATE = /:(?:hover|focus|focus-within|active|checked|target)\b|\.(?:active|on|show|shown|cur|current|hover|open|opened|selected|in)\b/g;

export class PageStyles {
  private readonly rules: Rule[] = [];
  /** Rules by the id, first class or tag of their rightmost compound, as browsers index them. */
  private readonly index = new Map<string, Rule[]>();
  /** Rules that show an element in a state (`.nav li:hover ul {display:block}`), their state stripped. */
  private readonly reveals: Rule[] = [];
  private readonly computedCache = new Map<Element, ReadonlyMap<string, Decl>>();
  /** Why the cascade is incomplete (CSS past the bounds), if it is. */
  readonly cut?: string;
  /** Ids and classes the page's own scripts hide once loaded (`getElementById('x').style.display='none'`, `$('.x').hide()`). */
  private readonly scriptHidden: ScriptHidden;
  /** The page's inline code and event handlers, where a panel a click opens is named. */
  private readonly scriptText: string;

  constructor(dom: ParentNode) {
    let css = '';
    const scripts: string[] = [];
    for (const el of elements(dom)) {
      if (el.name === 'style') css += textChildren(el) + '\n';
      else if (el.name === 'script' && !el.attribs['src']) scripts.push(textChildren(el));
      // onclick="toggle('more')": the handlers that open and close panels name them too.
      for (const k in el.attribs) if (k.charCodeAt(0) === 111 && k.charCodeAt(1) === 110) scripts.push(el.attribs[k]!);
    }
    this.scriptHidden = hiddenByScripts(scripts);
    this.scriptText = scripts.join('\n');
    if (css.length > MAX_CSS) {
      this.cut = `page CSS of ${css.length} characters read up to ${MAX_CSS}`;
      css = css.slice(0, MAX_CSS);
    }
    if (!/(?:display|visibility|opacity|font-size|left|top|right|bottom|indent|width|height|overflow|color|background|clip|transform|line-height|margin|z-index|filter)/i.test(css)) return;
    let ast: CssNode;
    try {
      ast = cssParser().parse(css, { parseValue: false, parseAtrulePrelude: false, parseRulePrelude: false, parseCustomProperty: false, positions: false });
    } catch {
      this.cut = 'page CSS could not be parsed';
      return;
    }
    let order = 0;
    let cut = false;
    cssParser().walk(ast, {
      visit: 'Rule',
      enter: (node) => {
        if (cut) return;
        const r = node as CssNode & { type: 'Rule' };
        const decls = new Map<string, Decl>();
        cssParser().walk(r.block, {
          visit: 'Declaration',
          enter: (d) => {
            const decl = d as CssNode & { type: 'Declaration' };
            const prop = decl.property.toLowerCase();
            if (relevant(prop)) decls.set(prop, { value: generateRaw(decl.value).trim().toLowerCase(), important: Boolean(decl.important) });
          },
        });
        if (!decls.size) return;
        const prelude = generateRaw(r.prelude);
        // Anything a state sets besides hiding can undo a hiding: shown, moved back on screen (Suckerfish menus), grown, made opaque.
        const shows = [...decls].some(([p, d]) => !(p === 'display' && d.value === 'none') && !(p === 'visibility' && d.value !== 'visible'));
        for (const selector of splitSelectors(prelude)) {
          if (shows && STATE.test(selector)) {
            STATE.lastIndex = 0;
            const plain = selector.replace(STATE, '').trim();
            if (plain && !/[>+~]$/.test(plain)) this.reveals.push({ selector: plain, specificity: 0, order: order, decls });
          }
          STATE.lastIndex = 0;
          if (this.rules.length >= MAX_RULES) {
            cut = true;
            break;
          }
          const rule: Rule = { selector, specificity: specificityOf(selector), order: order++, decls };
          this.rules.push(rule);
          const key = keyOf(selector);
          const list = this.index.get(key);
          if (list) list.push(rule);
          else this.index.set(key, [rule]);
        }
      },
    });
    if (cut) this.cut = `only the first ${MAX_RULES} hiding rules of the page CSS were applied`;
  }

  private matches(rule: Rule, el: Element): boolean {
    if (rule.match === undefined) {
      try {
        const q = compile<AnyNode, Element>(rule.selector, { xmlMode: false });
        rule.match = (e: Element) => q(e);
      } catch {
        rule.match = null;
      }
    }
    return rule.match ? rule.match(el) : false;
  }

  /** The rules whose rightmost compound could match `el`. */
  private *candidates(el: Element): Generator<Rule> {
    yield* this.index.get('*') ?? [];
    yield* this.index.get(`tag:${el.name}`) ?? [];
    const id = el.attribs['id'];
    if (id) yield* this.index.get(`id:${id.toLowerCase()}`) ?? [];
    const cls = el.attribs['class'];
    if (cls) for (const c of new Set(cls.toLowerCase().split(/\s+/))) if (c) yield* this.index.get(`class:${c}`) ?? [];
  }

  /** Shown when hovered, focused or made active: a menu or a tab, not a hidden link. */
  private revealed(el: Element): boolean {
    return this.reveals.some((r) => this.matches(r, el));
  }

  /** The cascaded relevant properties of one element (not inherited ones). */
  computed(el: Element): ReadonlyMap<string, Decl> {
    const cached = this.computedCache.get(el);
    if (cached) return cached;
    const best = new Map<string, { d: Decl; rank: number[] }>();
    const consider = (prop: string, d: Decl, rank: number[]): void => {
      const b = best.get(prop);
      if (!b || compareRank(rank, b.rank) >= 0) best.set(prop, { d, rank });
    };
    for (const r of this.candidates(el)) {
      if (!this.matches(r, el)) continue;
      for (const [prop, d] of r.decls) consider(prop, d, [d.important ? 1 : 0, 0, r.specificity, r.order]);
    }
    const inline = el.attribs['style'];
    if (inline) for (const [prop, d] of parseInline(inline)) consider(prop, d, [d.important ? 1 : 0, 1, 0, 0]);
    // Most elements have no declaration of their own: they share one empty map (a page of 100,000
    // plain links held 18 MB of empty ones).
    if (best.size === 0) {
      this.computedCache.set(el, NO_DECLS);
      return NO_DECLS;
    }
    const c = new Map<string, Decl>();
    for (const [prop, v] of best) c.set(prop, v.d);
    this.computedCache.set(el, c);
    for (const [prop, d] of c) if (!prop.startsWith('--') && d.value.includes('var(')) c.set(prop, { ...d, value: this.substitute(el, d.value, 0) });
    return c;
  }

  /** A value with its var(--name, fallback) references replaced: custom properties inherit, so the nearest element setting one decides. */
  private substitute(el: Element, value: string, depth: number): string {
    if (depth > 8) return value;
    return value.replace(/var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*(?:\([^()]*\)[^()]*)*))?\)/g, (_m, name: string, fallback: string | undefined) => {
      for (let e: Element | null = el; e && e.type === 'tag'; e = e.parent as Element | null) {
        const d = this.computed(e).get(name);
        if (d) return d.value.includes('var(') ? this.substitute(e, d.value, depth + 1) : d.value;
      }
      return fallback?.trim() ?? '';
    });
  }

  /**
   * How `el` is hidden from a reader, looking at it and its ancestors, or undefined when it is
   * visible as far as static CSS tells.
   */
  hiddenBy(el: Element): string | undefined {
    let opacity = 1;
    let visibilitySet = false;
    let fontSizeSet = false;
    for (let e: Element | null = el, depth = 0; e && e.type === 'tag' && depth < 64; e = e.parent as Element | null, depth++) {
      const own = ownReason(e, this.computed(e)) ?? this.hiddenOutsideCss(e);
      if (own && this.revealed(e)) continue;
      if (own) {
        const why = depth === 0 ? own : `${own}（祖先 <${e.name}${e.attribs['id'] ? `#${e.attribs['id']}` : e.attribs['class'] ? `.${e.attribs['class'].split(/\s+/)[0]}` : ''}>）`;
        return !weaklyHidden(why) && this.namedByScript(e) ? `${BY_TOGGLE}（${why}）` : why;
      }
      const c = this.computed(e);
      const vis = c.get('visibility')?.value;
      // Visibility is inherited: the nearest element that sets it decides.
      if (!visibilitySet && vis) {
        visibilitySet = true;
        if ((vis === 'hidden' || vis === 'collapse') && !this.revealed(e)) return `visibility:${vis}${depth ? `（祖先 <${e.name}>）` : ''}`;
      }
      // Font size is inherited too: the nearest element that sets it decides.
      const fs = c.get('font-size')?.value;
      if (!fontSizeSet && fs) {
        fontSizeSet = true;
        const v = px(fs);
        if (v !== undefined && v < 2) return `font-size:${fs}${depth ? `（祖先 <${e.name}>）` : ''}`;
      }
      const byFilter = filterOpacity(c.get('filter')?.value);
      const op = parseFloat(c.get('opacity')?.value ?? '1') * byFilter;
      if (Number.isFinite(op)) opacity *= op;
      if (opacity <= 0.05) return byFilter < 1 ? `filter:${c.get('filter')!.value}` : `opacity:${op}`;
      if (e.name === 'marquee' && isTiny(e.attribs['height'] ?? c.get('height')?.value, e.attribs['width'] ?? c.get('width')?.value)) return '<marquee> 高或宽为 0';
      // An inline SVG drawn at no size shows none of its links (`<svg width="0" height="0"><a xlink:href=…>`).
      if (e.name === 'svg' && isTiny(e.attribs['height'] ?? c.get('height')?.value, e.attribs['width'] ?? c.get('width')?.value)) return '<svg> 高或宽为 0';
    }
    const color = this.effectiveColor(el);
    if (color) return color;
    return undefined;
  }

  /** Whether the page's code names the element by its id or a class (`$('#more').toggle()`, `removeClass('hide')`): a panel it opens. */
  private namedByScript(e: Element): boolean {
    if (!this.scriptText) return false;
    const names = [e.attribs['id'] ?? '', ...(e.attribs['class'] ?? '').split(/\s+/)].filter((n) => n.length > 1);
    return names.some((n) => this.scriptText.includes(`'${n}'`) || this.scriptText.includes(`"${n}"`) || this.scriptText.includes(`#${n}`) || this.scriptText.includes(`.${n}`));
  }

  /** Hidden by what the page's own CSS does not say: its scripts at load, or a framework's stylesheet by class. */
  private hiddenOutsideCss(e: Element): string | undefined {
    const id = e.attribs['id'];
    if (id && this.scriptHidden.ids.has(id)) return `${BY_SCRIPT} #${id} 设为隐藏`;
    const cls = e.attribs['class'];
    if (!cls) return undefined;
    for (const c of cls.split(/\s+/)) {
      if (this.scriptHidden.classes.has(c)) return `${BY_SCRIPT} .${c} 设为隐藏`;
      // Defined in the page's own CSS, the cascade above has judged it.
      if (FRAMEWORK_HIDDEN.has(c.toLowerCase()) && !this.index.has(`class:${c.toLowerCase()}`)) return `${BY_FRAMEWORK} class="${c}"（其样式表未读取）`;
    }
    return undefined;
  }

  /** Text in the colour of its background (contrast under 1.2 : 1). */
  private effectiveColor(el: Element): string | undefined {
    let fg: string | undefined;
    let bg: string | undefined;
    /** Gradient text (`background-clip: text` over `color: transparent`) or a fill colour of its own: the text shows. */
    let painted = false;
    for (let e: Element | null = el, depth = 0; e && e.type === 'tag' && depth < 64; e = e.parent as Element | null, depth++) {
      const c = this.computed(e);
      const font = e.name === 'font' ? e.attribs['color'] : undefined;
      if (!fg) painted ||= /text/.test(c.get('background-clip')?.value ?? c.get('-webkit-background-clip')?.value ?? '') || /^(?!transparent)\S/.test(c.get('-webkit-text-fill-color')?.value ?? '');
      fg ??= c.get('color')?.value ?? font;
      const b = c.get('background-color')?.value ?? colorIn(c.get('background')?.value) ?? e.attribs['bgcolor'];
      if (b && b !== 'transparent') {
        bg = b;
        break;
      }
    }
    if (!fg) return undefined;
    if (fg === 'transparent' || /^(?:rgba|hsla)\(.*[,/]\s*0?\.?0*\s*\)$/.test(fg)) return painted ? undefined : `文字颜色透明（${fg}）`;
    const a = rgb(fg);
    const b = rgb(bg ?? '#ffffff');
    if (!a || !b) return undefined;
    return contrast(a, b) < 1.2 ? `文字颜色 ${fg} 与背景 ${bg ?? '#ffffff（默认白色）'} 相同` : undefined;
  }
}

/** `#nav li.on > a:hover` → `tag:a`; `.x .y` → `class:y`; `#id.c` → `id:id`; anything else `*`. */
function keyOf(selector: string): string {
  const last = selector.trim().split(/\s*[>+~]\s*|\s+/).pop() ?? '';
  const plain = last.replace(/::?[\w-]+(?:\([^)]*\))?/g, '').replace(/\[[^\]]*\]/g, '');
  const id = /#([\w-]+)/.exec(plain);
  if (id) return `id:${id[1]!.toLowerCase()}`;
  const cls = /\.([\w-]+)/.exec(plain);
  if (cls) return `class:${cls[1]!.toLowerCase()}`;
  const tag = /^([a-z][\w-]*)/i.exec(plain);
  return tag ? `tag:${tag[1]!.toLowerCase()}` : '*';
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * What HTML keeps closed until opened: a <dialog> without `open`, a `popover` (shown by a button
 * naming it, or by script), the content of a closed <details> other than its <summary>. A reader
 * opens a <details> with a visible label, or a popover with its button, by a click: folded, not
 * hidden (weighed only with spam words); an empty label or no button hides them.
 */
function closedByHtml(e: Element): string | undefined {
  if (e.name === 'dialog' && e.attribs['open'] === undefined) return '<dialog> 未打开';
  if (e.attribs['popover'] !== undefined) {
    const id = e.attribs['id'];
    return id && hasInvoker(e, id) ? `${BY_DISCLOSURE}（popover，由按钮弹出）` : 'popover 属性（无按钮弹出）';
  }
  const parent = e.parent as Element | null;
  if (parent?.type === 'tag' && parent.name === 'details' && parent.attribs['open'] === undefined && e.name !== 'summary') {
    const summary = parent.children.find((n): n is Element => n.type === 'tag' && (n as Element).name === 'summary');
    // Without a <summary> the browser labels it "Details" itself.
    return !summary || textOf(summary).trim() ? `${BY_DISCLOSURE}（<details> 未展开）` : '<details> 未展开且标签为空';
  }
  return undefined;
}

/** Whether a button of the document opens the popover `id` (popovertarget). */
function hasInvoker(e: Element, id: string): boolean {
  let root: ParentNode = e;
  while (root.parent) root = root.parent;
  for (const el of elements(root)) if (el.attribs['popovertarget'] === id) return true;
  return false;
}

function px(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = /^(-?[\d.]+)(px|em|rem|pt|%|vw|vh)?$/.exec(v.trim());
  if (!m) return undefined;
  const n = parseFloat(m[1]!);
  const unit = m[2] ?? 'px';
  return unit === 'em' || unit === 'rem' ? n * 16 : unit === 'pt' ? n * 1.33 : unit === '%' ? (n === 0 ? 0 : undefined) : n;
}

function isTiny(h: string | undefined, w: string | undefined): boolean {
  const hv = px(h);
  const wv = px(w);
  return (hv !== undefined && hv <= 2) || (wv !== undefined && wv <= 2);
}

/** What hides this element by its own computed style (not inherited ones), or by what HTML itself keeps closed. */
function ownReason(e: Element, c: ReadonlyMap<string, Decl>): string | undefined {
  if (e.attribs['hidden'] !== undefined) return 'hidden 属性';
  const closed = closedByHtml(e);
  if (closed) return closed;
  const display = c.get('display')?.value;
  if (display === 'none') return 'display:none';
  if (c.get('content-visibility')?.value === 'hidden') return 'content-visibility:hidden';
  const pos = c.get('position')?.value;
  if (pos === 'absolute' || pos === 'fixed') {
    for (const side of ['left', 'top', 'right', 'bottom']) {
      const v = px(c.get(side)?.value);
      // A line of links is a few dozen pixels tall and a few hundred wide: pushed further out than its own size, none of it shows.
      const size = px(c.get(side === 'left' || side === 'right' ? 'width' : 'height')?.value);
      if (v !== undefined && v <= -OFF_SCREEN && (size === undefined || size <= -v)) return `position:${pos}; ${side}:${c.get(side)!.value}（移出屏幕）`;
    }
  }
  const z = parseInt(c.get('z-index')?.value ?? '', 10);
  if (pos && pos !== 'static' && z < 0) return `${BY_STACKING}${z}（可能被页面其他内容遮盖）`;
  for (const [prop, v] of margins(c)) {
    const size = px(c.get(prop === 'margin-left' ? 'width' : 'height')?.value);
    if (v <= -500 && (size === undefined || size <= -v)) return `${prop}:${v}px（移出屏幕）`;
  }
  const indent = px(c.get('text-indent')?.value);
  if (indent !== undefined && indent <= -500) return `text-indent:${c.get('text-indent')!.value}（移出屏幕）`;
  const overflow = c.get('overflow')?.value;
  const clipped = overflow === 'hidden' || overflow === 'clip';
  const h = px(c.get('height')?.value) ?? px(c.get('max-height')?.value);
  const w = px(c.get('width')?.value) ?? px(c.get('max-width')?.value);
  if (clipped && ((h !== undefined && h <= 1) || (w !== undefined && w <= 1))) return `overflow:hidden 且${h !== undefined && h <= 1 ? ` height:${c.get('height')?.value ?? c.get('max-height')?.value}` : ` width:${c.get('width')?.value ?? c.get('max-width')?.value}`}`;
  const lh = px(c.get('line-height')?.value);
  if (lh === 0 && h === 0) return 'line-height:0; height:0';
  const clip = c.get('clip')?.value;
  if (clip && /rect\(\s*0(?:px)?[\s,]+0(?:px)?[\s,]+0(?:px)?[\s,]+0(?:px)?\s*\)/.test(clip)) return `clip:${clip}`;
  const cp = c.get('clip-path')?.value;
  // An inset of half the box or more from a side leaves nothing (inset(50%), inset(100%), inset(0 0 100% 0)).
  if (cp && (/circle\(\s*0(?:px|%)?\s*[)a]/.test(cp) || [...(/inset\(([^)]*)\)/.exec(cp)?.[1] ?? '').matchAll(/(\d+(?:\.\d+)?)%/g)].some((m) => Number(m[1]) >= 50))) return `clip-path:${cp}`;
  const tf = c.get('transform')?.value;
  if (tf) {
    if (/scale\(\s*0(?:\.0+)?\s*[,)]/.test(tf)) return `transform:${tf}`;
    for (const t of tf.matchAll(/translate(?:x|y|3d)?\(([^)]*)\)/g)) {
      const far = t[1]!.split(',').some((a) => Math.abs(px(a) ?? 0) >= 1000);
      if (far) return `transform:${tf}（移出屏幕）`;
    }
  }
  if (e.name === 'marquee') {
    if (isTiny(e.attribs['height'] ?? c.get('height')?.value, e.attribs['width'] ?? c.get('width')?.value)) return '<marquee> 高或宽为 0';
    // Browsers scroll by this many pixels a tick: past a few hundred the text never stays on screen long enough to read.
    const speed = Number(e.attribs['scrollamount']);
    if (speed >= 500) return `<marquee scrollamount=${e.attribs['scrollamount']}>（滚动过快无法看清）`;
  }
  return undefined;
}

/** How far out (px) an absolutely placed box must be pushed to leave the screen whole. */
const OFF_SCREEN = 200;

/** margin-left / margin-top, from the longhands or the shorthand (top right bottom left). */
function margins(c: ReadonlyMap<string, Decl>): [string, number][] {
  const out: [string, number][] = [];
  const short = c.get('margin')?.value.split(/\s+/).map((v) => px(v));
  const top = px(c.get('margin-top')?.value) ?? short?.[0];
  const left = px(c.get('margin-left')?.value) ?? (short ? short[3] ?? short[1] ?? short[0] : undefined);
  if (top !== undefined) out.push(['margin-top', top]);
  if (left !== undefined) out.push(['margin-left', left]);
  return out;
}

interface ScriptHidden {
  ids: Set<string>;
  classes: Set<string>;
}

function textChildren(el: Element): string {
  return el.children.map((c) => ('data' in c ? (c as { data: string }).data : '')).join('');
}

/** Elements the page's inline scripts hide as soon as they run: plain DOM and jQuery forms. */
function hiddenByScripts(scripts: string[]): ScriptHidden {
  const out: ScriptHidden = { ids: new Set(), classes: new Set() };
  for (const code of scripts) {
    if (!/none|hidden|hide\(/.test(code)) continue;
    for (const m of code.matchAll(/getElementById\(\s*['"]([\w-]+)['"]\s*\)\s*\.\s*style\s*\.\s*(?:display\s*=\s*['"]none|visibility\s*=\s*['"]hidden)['"]/g)) {
      if (!insideHandler(code, m.index)) out.ids.add(m[1]!);
    }
    for (const m of code.matchAll(/(?:\$|jQuery)\(\s*['"]([#.])([\w-]+)['"]\s*\)\s*\.\s*(?:hide\(\s*\)|css\(\s*['"](?:display['"]\s*,\s*['"]none|visibility['"]\s*,\s*['"]hidden)['"])/g)) {
      if (!insideHandler(code, m.index)) (m[1] === '#' ? out.ids : out.classes).add(m[2]!);
    }
  }
  return out;
}

/** What `filter: opacity(…)` (or IE's `alpha(opacity=…)`) leaves of an element's opacity. */
function filterOpacity(filter: string | undefined): number {
  if (!filter) return 1;
  let o = 1;
  for (const m of filter.matchAll(/opacity\(\s*([\d.]+)\s*(%)?\s*\)|alpha\(\s*opacity\s*=\s*([\d.]+)\s*\)/g)) {
    const v = m[3] !== undefined ? Number(m[3]) / 100 : m[2] ? Number(m[1]) / 100 : Number(m[1]);
    if (Number.isFinite(v)) o *= Math.max(0, Math.min(1, v));
  }
  return o;
}

const NAMED: Record<string, string> = { white: '#ffffff', black: '#000000', red: '#ff0000', green: '#008000', blue: '#0000ff', gray: '#808080', grey: '#808080', silver: '#c0c0c0', yellow: '#ffff00', navy: '#000080', maroon: '#800000', fff: '#ffffff' };

function colorIn(background: string | undefined): string | undefined {
  if (!background) return undefined;
  return /#[0-9a-f]{3,8}\b|rgba?\([^)]*\)|\b(?:white|black|red|green|blue|gray|grey|silver|yellow|navy|maroon|transparent)\b/.exec(background)?.[0];
}

function rgb(c: string): [number, number, number] | undefined {
  const v = NAMED[c] ?? c;
  let m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(v);
  if (m) return [parseInt(m[1]! + m[1], 16), parseInt(m[2]! + m[2], 16), parseInt(m[3]! + m[3], 16)];
  m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/.exec(v);
  if (m) return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
  m = /^rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)(?:[,\s/]+([\d.]+))?/.exec(v);
  if (m) {
    if (m[4] !== undefined && parseFloat(m[4]) === 0) return undefined;
    return [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  return undefined;
}

function luminance([r, g, b]: [number, number, number]): number {
  const f = (x: number) => {
    const s = x / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}

function contrast(a: [number, number, number], b: [number, number, number]): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
