/**
 * Markup a script builds with DOM calls instead of writing it as a string:
 * `var a = document.createElement('a'); a.href = '…'; a.innerText = '澳门…'; a.style.cssText =
 * 'position:absolute;left:-9999px'; box.appendChild(a)`. The calls are replayed in source order
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

function holdsLink(el: Built): boolean {
  return ((el.tag === 'a' || el.tag === 'area') && el.attrs.has('href')) || el.children.some(holdsLink) || /<a\b[^>]*href/i.test(el.html);
}

/** The HTML of every element tree the script builds that holds a link. */
export function domBuiltHtml(code: string, bindings: Bindings): string[] {
  const value = (at: number): string | undefined => {
    const expr = code.slice(at, expressionEnd(code, at));
    return evalString(expr, new Set(), 0, bindings);
  };
  const named = new Map<string, Built>();
  const all: Built[] = [];
  const ops = /(?:\b(?:var|let|const)\s+)?([A-Za-z_$][\w$]*)\s*=\s*document\s*\.\s*createElement\(\s*(['"])([a-zA-Z][\w-]*)\2\s*\)|\b([A-Za-z_$][\w$]*)\s*\.\s*(?:(href|title|target|id|className|innerText|textContent|innerHTML|src)|style\s*\.\s*(cssText|[a-zA-Z]+))\s*=(?!=)\s*|\b([A-Za-z_$][\w$]*)\s*\.\s*setAttribute\(\s*(['"])([\w-]+)\8\s*,\s*|\b([A-Za-z_$][\w$.]*?)\s*\.\s*(?:appendChild|append|prepend|insertBefore)\(\s*([A-Za-z_$][\w$]*)\s*[,)]/g;
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
      const prop = m[5];
      if (prop === 'innerText' || prop === 'textContent') el.text = v;
      else if (prop === 'innerHTML') el.html = v;
      else if (prop === 'className') el.attrs.set('class', v);
      else if (prop) el.attrs.set(prop, v);
      else if (m[6] === 'cssText') for (const d of v.split(';')) {
        const [k, ...rest] = d.split(':');
        if (k?.trim() && rest.length) el.style.set(k.trim().toLowerCase(), rest.join(':').trim());
      }
      else el.style.set(kebab(m[6]!), v);
      continue;
    }
    if (m[7]) {
      const el = named.get(m[7]);
      const v = el && value(m.index + m[0].length);
      if (!el || v === undefined) continue;
      if (m[9]!.toLowerCase() === 'style') for (const d of v.split(';')) {
        const [k, ...rest] = d.split(':');
        if (k?.trim() && rest.length) el.style.set(k.trim().toLowerCase(), rest.join(':').trim());
      }
      else el.attrs.set(m[9]!.toLowerCase(), v);
      continue;
    }
    const child = named.get(m[11]!);
    if (!child || child.parent) continue;
    const parent = named.get(m[10]!);
    // Appended into a page element (document.body, a container found by id): the tree is a root.
    if (parent && parent !== child) {
      child.parent = parent;
      parent.children.push(child);
    }
  }
  return all.filter((el) => !el.parent && holdsLink(el)).map(serialise);
}
