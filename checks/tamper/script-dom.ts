/**
 * Markup a script builds with DOM calls instead of writing it as a string:
 * `var a = document.createElement('a'); a.href = '…'; a.innerText = '澳门…'; a.style.cssText =
 * 'position:absolute;left:-9999px'; box.appendChild(a)` (or `Object.assign(a, {href: …})`), and
 * jQuery's `$('<a>').attr('href', …).text(…).hide().appendTo('body')`. The calls are replayed in source order
 * over the elements each variable names, and every element tree holding a link is returned as the
 * HTML it amounts to, so the hiding rules judge it like written markup. Only literal values (and
 * the script's string variables) are read; anything computed is left out.
 */
import { evalString, expressionEnd, type Bindings } from './js-strings';

/** At most this many created elements a script: a hostile script is bounded, not run. */
const MAX_ELEMENTS = 200;

interface Built {
  tag: string;
  attrs: Map<string, string>;
  style: Map<string, string>;
  text: string;
  html: string;
  children: Built[];
  parent?: Built;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');
const kebab = (prop: string) => prop.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function serialise(el: Built): string {
  const style = [...el.style].map(([k, v]) => `${k}:${v}`).join(';');
  const attrs = [...el.attrs, ...(style ? [['style', style] as const] : [])].map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
  return `<${el.tag}${attrs}>${escapeText(el.text)}${el.html}${el.children.map(serialise).join('')}</${el.tag}>`;
}

/** Whether `el` is `root` or inside it: appending an ancestor into its own descendant (a hostile a.appendChild(b); b.appendChild(a)) would make a cycle. */
function isWithin(el: Built, root: Built): boolean {
  for (let e: Built | undefined = el; e; e = e.parent) if (e === root) return true;
  return false;
}

function holdsLink(el: Built): boolean {
  return ((el.tag === 'a' || el.tag === 'area') && el.attrs.has('href')) || el.children.some(holdsLink) || /<a\b[^>]*href/i.test(el.html);
}

/** `color:red; display: none` onto an element's style. */
function setStyles(el: Built, css: string): void {
  for (const d of css.split(';')) {
    const [k, ...rest] = d.split(':');
    if (k?.trim() && rest.length) el.style.set(k.trim().toLowerCase(), rest.join(':').trim());
  }
}

/** A DOM property or attribute set to a string: the text, the markup inside, a class, the style, any other attribute. */
function setProperty(el: Built, name: string, v: string): void {
  if (name === 'innerText' || name === 'textContent' || name === 'text') el.text = v;
  else if (name === 'innerHTML' || name === 'html') el.html = v;
  else if (name === 'className' || name === 'class') el.attrs.set('class', v);
  else if (name === 'style' || name === 'cssText') setStyles(el, v);
  else el.attrs.set(name.toLowerCase(), v);
}

/** The `key: value` pairs of the object literal whose `{` is at `open`, values as strings (`Object.assign(a, {href: …})`). */
function objectPairs(code: string, open: number, value: (at: number) => string | undefined): [string, string][] {
  const out: [string, string][] = [];
  let at = open + 1;
  for (;;) {
    const key = /^\s*(['"]?)([\w$-]+)\1\s*:\s*/.exec(code.slice(at, at + 80));
    if (!key) return out;
    const from = at + key[0].length;
    const end = expressionEnd(code, from);
    const v = value(from);
    if (v !== undefined) out.push([key[2]!, v]);
    if (code[end] !== ',') return out;
    at = end + 1;
  }
}

const PROPERTIES = 'href|title|target|id|className|innerText|textContent|innerHTML|src';

/**
 * jQuery's element from markup and the chain that dresses it: `$('<a>').attr('href', …).text(…)
 * .css('display', 'none').appendTo('body')`.
 */
function jqueryBuilt(code: string, value: (at: number) => string | undefined, all: Built[]): void {
  for (const m of code.matchAll(/(?:^|[^\w$.])(?:\$|jQuery)\(\s*(['"])<([a-zA-Z][\w-]*)\s*\/?>(?:<\/\2>)?\1\s*\)/g)) {
    if (all.length >= MAX_ELEMENTS) return;
    const el: Built = { tag: m[2]!.toLowerCase(), attrs: new Map(), style: new Map(), text: '', html: '', children: [] };
    let at = m.index + m[0].length;
    for (;;) {
      const call = /^\s*\.\s*(attr|prop|text|html|css|addClass|hide|appendTo|prependTo|insertAfter|insertBefore)\(\s*/.exec(code.slice(at, at + 40));
      if (!call) break;
      const from = at + call[0].length;
      const method = call[1]!;
      const dress = (name: string, v: string): void => {
        if (method === 'css') el.style.set(kebab(name), v);
        else setProperty(el, name, v);
      };
      if (method === 'hide') el.style.set('display', 'none');
      else if ((method === 'attr' || method === 'prop' || method === 'css') && code[from] === '{') {
        for (const [k, v] of objectPairs(code, from, value)) dress(k, v);
      } else if (method === 'attr' || method === 'prop' || method === 'css') {
        const name = value(from);
        const second = expressionEnd(code, from);
        const v = code[second] === ',' ? value(second + 1) : undefined;
        if (name !== undefined && v !== undefined) dress(name, v);
      } else if (method === 'text' || method === 'html') {
        const v = value(from);
        if (v !== undefined) setProperty(el, method, v);
      } else if (method === 'addClass') {
        const v = value(from);
        if (v !== undefined) el.attrs.set('class', [el.attrs.get('class'), v].filter(Boolean).join(' '));
      }
      // Past the call's arguments to its closing parenthesis.
      let end = expressionEnd(code, from);
      while (code[end] === ',') end = expressionEnd(code, end + 1);
      at = end + 1;
    }
    all.push(el);
  }
}

/** The HTML of every element tree the script builds that holds a link. */
export function domBuiltHtml(code: string, bindings: Bindings): string[] {
  const value = (at: number): string | undefined => {
    const expr = code.slice(at, expressionEnd(code, at));
    return evalString(expr, new Set(), 0, bindings);
  };
  const named = new Map<string, Built>();
  const all: Built[] = [];
  const ops = new RegExp(
    [
      /(?:\b(?:var|let|const)\s+)?([A-Za-z_$][\w$]*)\s*=\s*document\s*\.\s*createElement\(\s*(['"])([a-zA-Z][\w-]*)\2\s*\)/.source,
      String.raw`\b([A-Za-z_$][\w$]*)\s*\.\s*(?:(` + PROPERTIES + String.raw`)|style\s*\.\s*(cssText|[a-zA-Z]+))\s*=(?!=)\s*`,
      // \8 is this alternative's own quote: groups are numbered across the joined alternatives.
      String.raw`\b([A-Za-z_$][\w$]*)\s*\.\s*setAttribute\(\s*(['"])([\w-]+)\8\s*,\s*`,
      /\b([A-Za-z_$][\w$.]*?)\s*\.\s*(?:appendChild|append|prepend|insertBefore)\(\s*([A-Za-z_$][\w$]*)\s*[,)]/.source,
      /\bObject\s*\.\s*assign\(\s*([A-Za-z_$][\w$]*)\s*,\s*(?=\{)/.source,
    ].join('|'),
    'g',
  );
  for (const m of code.matchAll(ops)) {
    if (m[1]) {
      if (all.length >= MAX_ELEMENTS) break;
      const el: Built = { tag: m[3]!.toLowerCase(), attrs: new Map(), style: new Map(), text: '', html: '', children: [] };
      named.set(m[1], el);
      all.push(el);
      continue;
    }
    if (m[4]) {
      const el = named.get(m[4]);
      const v = el && value(m.index + m[0].length);
      if (!el || v === undefined) continue;
      if (m[5]) setProperty(el, m[5], v);
      else if (m[6] === 'cssText') setStyles(el, v);
      else el.style.set(kebab(m[6]!), v);
      continue;
    }
    if (m[7]) {
      const el = named.get(m[7]);
      const v = el && value(m.index + m[0].length);
      if (el && v !== undefined) setProperty(el, m[9]!, v);
      continue;
    }
    if (m[12]) {
      const el = named.get(m[12]);
      if (el) for (const [k, v] of objectPairs(code, m.index + m[0].length, value)) setProperty(el, k, v);
      continue;
    }
    const child = named.get(m[11]!);
    if (!child || child.parent) continue;
    const parent = named.get(m[10]!);
    // Appended into a page element (document.body, a container found by id): the tree is a root.
    if (parent && !isWithin(parent, child)) {
      child.parent = parent;
      parent.children.push(child);
    }
  }
  jqueryBuilt(code, value, all);
  return all.filter((el) => !el.parent && holdsLink(el)).map(serialise);
}
