/**
 * The string expressions scripts build markup with, evaluated without running them: literals with
 * their escapes, the decoders obfuscators wrap them in (unescape, escape, atob, String.fromCharCode), string
 * variables (`var h = '<div …>' + '…'; el.innerHTML = h`) and arrays joined (`['<a href="', …].join('')`).
 * Anything else (a call to the page's own code, a value read from the DOM) is not a string here.
 */

const MAX_DEPTH = 4;
/** At most this many variables a script, each at most this long: a hostile script is bounded, not run. */
const MAX_BINDINGS = 500;
const MAX_VALUE = 256 * 1024;

/** A script's string and string-array variables, as its top-level assignments leave them. */
export type Bindings = ReadonlyMap<string, string | readonly string[]>;
const NONE: Bindings = new Map();

const IDENT = /^[A-Za-z_$]/;
const CALLS = /^(?:window\.)?(unescape|escape|decodeURIComponent|decodeURI|atob|String\.fromCharCode)\s*\(/;

/** The index of the quote closing the string literal that opens at `open` (past the end when unclosed). */
export function stringEnd(src: string, open: number): number {
  const q = src[open];
  let k = open + 1;
  while (k < src.length && src[k] !== q) k += src[k] === '\\' ? 2 : 1;
  return k;
}

export function decodeJsString(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|[0-7]{1,3}|.)/g, (_, e: string) => {
    // A lone \x or \u (no hex after it) is the letter itself, as JavaScript reads it outside strict mode; past U+10FFFF, U+FFFD.
    if (e[0] === 'x' && e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e[0] === 'u' && e.length > 1) {
      const cp = parseInt(e.replace(/[u{}]/g, ''), 16);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
    }
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' } as Record<string, string>)[e] ?? e;
  });
}

/**
 * The index of the `)` closing a call whose arguments start at `from` (past the end when unclosed),
 * balanced over strings and parentheses.
 */
export function closingParen(src: string, from: number): number {
  let depth = 1;
  for (let j = from; j < src.length; j++) {
    const c = src[j]!;
    if (c === '"' || c === "'" || c === '`') j = stringEnd(src, j);
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j;
  }
  return src.length;
}

/** decodeURIComponent, or the text as it is where it is no valid escape. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function safeUnescape(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return unescape(s);
  }
}

/** What atob gives, read as UTF-8 when it is (so a title of Chinese reads as one); bytes that are not stay Latin-1, as atob leaves them. */
function fromBase64(s: string): string | undefined {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(s)) return undefined;
  const bytes = Buffer.from(s, 'base64');
  const text = bytes.toString('utf8');
  return text.includes('\ufffd') ? bytes.toString('latin1') : text;
}

/**
 * Evaluate a string expression of the forms obfuscators use; undefined for anything else.
 * `via` collects the decoders that were needed.
 */
export function evalString(expr: string, via: Set<string>, depth = 0, bindings: Bindings = NONE): string | undefined {
  const src = expr.trim();
  if (!src || depth > MAX_DEPTH) return undefined;
  const parts: string[] = [];
  let i = 0;
  const skipWs = () => {
    while (i < src.length && /\s/.test(src[i]!)) i++;
  };
  while (i < src.length) {
    skipWs();
    const ch = src[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      const j = stringEnd(src, i);
      const body = src.slice(i + 1, j);
      if (/\\[xu0-7]/.test(body)) via.add('escapes');
      if (ch === '`' && body.includes('${')) {
        // A template: its ${…} parts are string expressions too (`<a href="${u}">`).
        const pieces = body.split(/\$\{([^}]*)\}/);
        for (let k = 0; k < pieces.length; k++) {
          const piece = k % 2 === 0 ? decodeJsString(pieces[k]!) : evalString(pieces[k]!, via, depth + 1, bindings);
          if (piece === undefined) return undefined;
          parts.push(piece);
        }
      } else parts.push(decodeJsString(body));
      i = j + 1;
    } else if (/[0-9]/.test(ch!)) {
      // A number joined to strings ('http://www.xpj' + 8 + '.com/') reads as its digits.
      const n = /^\d+(?:\.\d+)?/.exec(src.slice(i))![0];
      parts.push(n);
      i += n.length;
    } else if (src[i] === '[' || (IDENT.test(src.slice(i, i + 1)) && !CALLS.test(src.slice(i)))) {
      // A variable, an array's element, or an array joined: ['<a href="', u, '">'].join('')
      const value = valueAt(src, i, via, depth, bindings);
      if (!value) return undefined;
      parts.push(value.text);
      i = value.end;
    } else {
      const call = CALLS.exec(src.slice(i));
      if (!call) return undefined;
      const argStart = i + call[0].length;
      const close = closingParen(src, argStart);
      const j = close + 1;
      const arg = src.slice(argStart, close);
      const fn = call[1]!;
      if (fn === 'String.fromCharCode') {
        const codes = arg.split(',').map((x) => Number(x.trim()));
        if (codes.some((n) => !Number.isInteger(n) || n < 0 || n > 0x10ffff)) return undefined;
        via.add('fromCharCode');
        parts.push(String.fromCharCode(...codes));
      } else {
        const inner = evalString(arg, via, depth + 1, bindings);
        if (inner === undefined) return undefined;
        if (fn === 'atob') {
          const d = fromBase64(inner);
          if (d === undefined) return undefined;
          via.add('base64');
          parts.push(d);
        } else if (fn === 'escape') {
          // decodeURIComponent(escape(atob(…))): the idiom that reads base64 of UTF-8.
          parts.push(escape(inner));
        } else {
          if (/%[0-9a-f]{2}/i.test(inner)) via.add('percent-escapes');
          parts.push(safeUnescape(inner));
        }
      }
      i = j;
    }
    skipWs();
    if (i < src.length) {
      if (src[i] !== '+') return undefined;
      i++;
    }
  }
  return parts.join('');
}

/**
 * Expressions (or call arguments) that run to the end of a script: after this many, the later
 * ones lie inside text already read, and reading each again from its own start to the end is
 * quadratic — a 256 KB script of `document.write("<a ` or `location.href="` repeated took a page's
 * tamper rules 30–53 s. A script of ordinary code ends its expressions.
 */
export const MAX_UNCLOSED = 8;

/**
 * The text after each match of `re` in `src` up to where `endOf` says it ends (an expression, a
 * call's arguments), with the match; at most MAX_UNCLOSED of them run to the script's end.
 */
export function* textsAfter(src: string, re: RegExp, endOf: (src: string, from: number) => number): Generator<{ text: string; match: RegExpMatchArray }> {
  let unclosed = 0;
  for (const match of src.matchAll(re)) {
    const from = match.index! + match[0].length;
    const end = endOf(src, from);
    yield { text: src.slice(from, end), match };
    if (end >= src.length && ++unclosed >= MAX_UNCLOSED) return;
  }
}

/** The expression after each match of `re` in `src` (a `location.href =`, an `innerHTML =`), with the match. */
export function* expressionsAfter(src: string, re: RegExp): Generator<{ expr: string; match: RegExpMatchArray }> {
  for (const { text, match } of textsAfter(src, re, expressionEnd)) yield { expr: text, match };
}

/** Where the expression starting at `from` ends: `;`, a `,` or closing bracket outside it, or a line break not continued by an operator. */
export function expressionEnd(src: string, from: number): number {
  let depth = 0;
  for (let j = from; j < src.length; j++) {
    const c = src[j]!;
    if (c === '"' || c === "'" || c === '`') {
      j = stringEnd(src, j);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return j;
      depth--;
    } else if (depth === 0 && (c === ';' || c === ',')) return j;
    else if (depth === 0 && c === '\n' && !/^\s*[+.?:]/.test(src.slice(j + 1, j + 40)) && !/[+=(,]\s*$/.test(src.slice(Math.max(from, j - 40), j))) return j;
  }
  return src.length;
}

/** The elements of an array literal `[a, b, …]` at `from`, each a string expression; undefined if one is not. */
function arrayAt(src: string, from: number, via: Set<string>, depth: number, bindings: Bindings): { items: string[]; end: number } | undefined {
  const items: string[] = [];
  let j = from + 1;
  for (;;) {
    while (j < src.length && /\s/.test(src[j]!)) j++;
    if (src[j] === ']') return { items, end: j + 1 };
    const end = expressionEnd(src, j);
    const item = evalString(src.slice(j, end), via, depth + 1, bindings);
    if (item === undefined) return undefined;
    items.push(item);
    j = end;
    if (src[j] === ',') j++;
    else if (src[j] !== ']') return undefined;
  }
}

/** A variable, `name[k]`, `name.join(sep)` or `[…].join(sep)` at `at`: its string and where it ends. */
function valueAt(src: string, at: number, via: Set<string>, depth: number, bindings: Bindings): { text: string; end: number } | undefined {
  let value: string | readonly string[] | undefined;
  let i: number;
  if (src[at] === '[') {
    const arr = arrayAt(src, at, via, depth, bindings);
    if (!arr) return undefined;
    value = arr.items;
    i = arr.end;
  } else {
    const name = /^[A-Za-z_$][\w$]*/.exec(src.slice(at))![0];
    value = bindings.get(name);
    i = at + name.length;
  }
  if (value === undefined) return undefined;
  const rest = src.slice(i);
  const index = /^\s*\[\s*(\d+|0x[0-9a-f]+)\s*\]/i.exec(rest);
  const join = /^\s*\.\s*join\(\s*(?:(['"])((?:\\.|(?!\1)[^\\\n])*)\1)?\s*\)/.exec(rest);
  if (typeof value !== 'string') {
    if (index) return value[Number(index[1])] === undefined ? undefined : { text: value[Number(index[1])]!, end: i + index[0].length };
    if (join) return { text: value.join(join[1] ? decodeJsString(join[2]!) : ','), end: i + join[0].length };
    return undefined;
  }
  return { text: value, end: i };
}

/**
 * The string variables a script assigns (`var h = '…'`, `h += '…'`, `var p = ['…', '…']`), in the
 * order it assigns them; a value that is not a string expression ends the variable's binding.
 */
let lastBound: { code: string; bindings: Bindings } | undefined;
export function stringBindings(code: string): Bindings {
  // The written-markup and created-resource readers both ask for one script's variables.
  if (lastBound?.code === code) return lastBound.bindings;
  const out = new Map<string, string | readonly string[]>();
  for (const m of code.matchAll(/(?:^|[;{}\n,(]|\b(?:var|let|const)\s)\s*([A-Za-z_$][\w$]*)\s*(\+?=)(?![=>])\s*/g)) {
    if (out.size >= MAX_BINDINGS) break;
    const name = m[1]!;
    const from = m.index + m[0].length;
    const expr = code.slice(from, expressionEnd(code, from));
    const via = new Set<string>();
    const value: string | readonly string[] | undefined = expr.trimStart().startsWith('[') && !/\]\s*(?:\.\s*join|\[)/.test(expr) ? arrayAt(expr.trim(), 0, via, 0, out)?.items : evalString(expr, via, 0, out);
    if (value === undefined) {
      out.delete(name);
      continue;
    }
    const before = out.get(name);
    if (m[2] === '+=' && typeof before === 'string' && typeof value === 'string') out.set(name, (before + value).slice(0, MAX_VALUE));
    else out.set(name, typeof value === 'string' ? value.slice(0, MAX_VALUE) : value);
  }
  lastBound = { code, bindings: out };
  return out;
}

/**
 * The string a `+`-joined expression starts with, as far as its terms can be known: `host + '/a.js?v='
 * + Date.now()` starts with host's value and '/a.js?v='. Undefined when its first term is unknown.
 */
export function leadingString(expr: string, bindings: Bindings = NONE): string | undefined {
  const terms: string[] = [];
  let depth = 0;
  let from = 0;
  for (let j = 0; j <= expr.length; j++) {
    const c = expr[j];
    if (c === '"' || c === "'" || c === '`') {
      j = stringEnd(expr, j);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === undefined || (c === '+' && depth === 0)) {
      terms.push(expr.slice(from, j));
      from = j + 1;
    }
  }
  let out: string | undefined;
  for (const t of terms) {
    const v = evalString(t, new Set(), 0, bindings);
    if (v === undefined) break;
    out = (out ?? '') + v;
  }
  return out;
}
