/**
 * What an inline script does to a page, read statically (reference counterfeit-tamper.md §8–§9):
 * the HTML it writes (document.write, innerHTML, insertAdjacentHTML) with the obfuscation peeled
 * off (string concatenation, \x/\u escapes, unescape/decodeURIComponent, String.fromCharCode,
 * atob, Dean Edwards' p,a,c,k,e,d packer), the obfuscation markers it carries, code that treats
 * search-engine spiders or visitors from a search engine differently, miners, and redirects.
 *
 * The CONAC badge is `document.write(unescape("%3Cspan id='_ideConac'…"))` on every 党政机关
 * site: its idiom is recognised and never counted as obfuscation.
 */

import { closingParen, decodeJsString, evalString, expressionEnd, expressionsAfter, leadingString, safeUnescape, stringBindings, stringEnd, textsAfter, type Bindings } from './js-strings';
import { domBuiltHtml } from './script-dom';

/** Scripts larger than this are read only this far (a 1 MB one-line script is bounded, not skipped). */
export const MAX_SCRIPT = 256 * 1024;

export interface Written {
  html: string;
  /** How the written HTML was hidden in the code (`fromCharCode`, `base64`, `escapes`, `packed`…); empty for plain strings. */
  via: string[];
}

/** The argument text of every `name(` call in code, balanced over strings and parentheses. */
function callArgs(code: string, name: RegExp): { arg: string; at: number }[] {
  return [...textsAfter(code, name, closingParen)].map(({ text, match }) => ({ arg: text, at: match.index! }));
}

/** Dean Edwards' packer: `eval(function(p,a,c,k,e,d){…}('payload',62,N,'w|o|r|d|s'.split('|'),0,{}))`. */
export function unpack(code: string): string | undefined {
  const m = /\}\s*\(\s*(['"])((?:\\[\s\S]|(?!\1)[^\\])*)\1\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(['"])((?:\\[\s\S]|(?!\5)[^\\])*)\5\.split\(\s*['"]\|['"]\s*\)/.exec(code);
  if (!m) return undefined;
  const payload = decodeJsString(m[2]!);
  const base = Number(m[3]);
  const words = decodeJsString(m[6]!).split('|');
  const digits = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const decode = (w: string): number => {
    let n = 0;
    for (const ch of w) {
      const d = base > 62 ? ch.charCodeAt(0) - 29 : digits.indexOf(ch);
      if (d < 0 || d >= Math.max(base, 1)) return -1;
      n = n * base + d;
    }
    return n;
  };
  return payload.replace(/\b\w+\b/g, (w) => {
    const n = decode(w);
    return n >= 0 && n < words.length && words[n] ? words[n]! : w;
  });
}

/**
 * Calls that run a string as code: eval, the Function constructor (also reached as any function's
 * `.constructor`: `[].filter.constructor(code)()`), and timers given a string.
 */
const EXECUTORS = /\b(?:eval|(?:new\s+)?Function|setTimeout|setInterval|constructor)\s*\(/g;

/**
 * A script as the rules read it: at most MAX_SCRIPT, with member names written as joined strings
 * spelled out (`window['ev'+'al'](…)` → `window.eval(…)`, `[]['filter']['constructor']` →
 * `[].filter.constructor`), the commonest way to hide a call to eval from a pattern.
 */
let lastCode: string | undefined;
let lastReadable = '';
function readable(code: string): string {
  // Each inline script is read by four readers in turn (written markup, created resources, redirects, signals).
  if (code === lastCode) return lastReadable;
  lastCode = code;
  const src = code.slice(0, MAX_SCRIPT);
  if (!/\[\s*['"]/.test(src)) return (lastReadable = src);
  // One way only to read the spaces between the parts: `\s*\+?\s*` had many where no `+` stands, and
  // a script of `["` then `"\t"` forty times, never closed, took hours (2^n).
  return (lastReadable = src.replace(/\[\s*((?:(['"])[\w$]*\2\s*(?:\+\s*)?)+)\]/g, (m, expr: string) => {
    const name = evalString(expr, new Set());
    return name && /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : m;
  }));
}
/**
 * document.write, insertAdjacentHTML, jQuery's insertions, markup parsed to be inserted (DOMParser,
 * a Range's contextual fragment), and jQuery's element from markup `$('<div …>')` (not `$(function () {…})`).
 */
const WRITERS = /(?:document\s*\.\s*(?:write|writeln)|\.\s*(?:insertAdjacentHTML|append|prepend|html|after|before|replaceWith|parseFromString|createContextualFragment))\s*\(|(?:^|[^\w$.])(?:\$|jQuery)\s*\((?=\s*['"`])/g;
const ASSIGN = /\.\s*(?:innerHTML|outerHTML)\s*(?:\+?=)\s*/g;

/** The CONAC badge's own write: a red shield, not an injection. */
export function isConacIdiom(html: string): boolean {
  return /_ideConac|dcs\.conac\.cn|bszs\.conac\.cn/i.test(html) && !/<a\b(?![^>]*conac\.cn)[^>]*href/i.test(html);
}

/** The HTML an inline script writes into the page, decoded, with how it was hidden. */
export function writtenHtml(code: string, depth = 0): Written[] {
  const src = readable(code);
  const out: Written[] = [];
  const unpacked = depth < 2 && /eval\s*\(\s*function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k\s*,\s*e\s*,\s*[dr]\s*\)/.test(src) ? unpack(src) : undefined;
  if (unpacked) for (const w of writtenHtml(unpacked, depth + 1)) out.push({ html: w.html, via: ['packed', ...w.via] });
  let bindings: Bindings | undefined;
  const take = (expr: string): void => {
    let via = new Set<string>();
    let html = evalString(expr, via);
    if (html === undefined) {
      // A variable the script assigned before (`var h = '<div …>' + '…'; el.innerHTML = h`).
      via = new Set<string>();
      html = evalString(expr, via, 0, (bindings ??= stringBindings(src)));
    }
    if (html === undefined) {
      // Not a plain string expression (variables, ternaries): the string literals it joins are what it writes.
      const lits = [...expr.matchAll(/(['"`])((?:\\[\s\S]|(?!\1)[^\\])*)\1/g)].map((m) => decodeJsString(m[2]!));
      if (!lits.length) return;
      html = lits.join('');
    }
    if (/[<>]/.test(html)) out.push({ html, via: [...via] });
  };
  for (const c of callArgs(src, WRITERS)) {
    // insertAdjacentHTML('beforeend', html): the position is not part of what is written.
    take(c.arg.replace(/^\s*(['"])(?:beforebegin|afterbegin|beforeend|afterend)\1\s*,/i, ''));
  }
  for (const { expr } of expressionsAfter(src, ASSIGN)) take(expr);
  if (/createElement\s*\(|(?:\$|jQuery)\(\s*['"]</.test(src)) for (const html of domBuiltHtml(src, (bindings ??= stringBindings(src)))) out.push({ html, via: [] });
  // eval(atob('…')) / eval(unescape('…')) / eval(String.fromCharCode(…)): the decoded code is read again.
  if (depth < 2) {
    for (const c of callArgs(src, EXECUTORS)) {
      const via = new Set<string>();
      const inner = evalString(c.arg, via);
      if (inner) for (const w of writtenHtml(inner, depth + 1)) out.push({ html: w.html, via: [...via, ...w.via] });
    }
  }
  return out;
}

/** A script, frame or socket an inline script creates, or code it loads to run, with an address it spells out. */
export interface Created {
  kind: 'script' | 'iframe' | 'websocket';
  src: string;
  /** For frames: how the code makes it invisible. */
  hidden?: string;
  /** Code fetched and run rather than an element created (`$.getScript`, `import()`, a worker, fetch then eval). */
  loaded?: true;
}

/** Calls that load code from an address and run it. */
const LOADERS = /(?:\$|jQuery)\s*\.\s*getScript\s*\(|\bimport\s*\(|\bimportScripts\s*\(|\bnew\s+(?:Shared)?Worker\s*\(/g;
/** Calls that fetch text, which is code when the same script evaluates what it fetched. */
const FETCHERS = /\bfetch\s*\(|(?:\$|jQuery)\s*\.\s*(?:get|ajax)\s*\(|\.\s*open\s*\(\s*['"](?:GET|POST)['"]\s*,/gi;
/** Fetched text run as code: `.then(eval)`, `eval(xhr.responseText)` (not `eval('(' + json + ')')`, how old pages parsed JSON). */
const RUNS_TEXT = /\.then\s*\(\s*(?:eval|Function)\b|(?:\beval|\bnew\s+Function)\s*\(\s*[\w$.]*responseText\b/;

/**
 * `createElement('script'|'iframe')` then `.src = …` (or setAttribute), `new WebSocket(…)`, and code
 * loaded to run (`$.getScript`, `import()`, workers, and fetch/XHR when the script evals what it
 * gets); the address may be a literal, a joined or decoded string, or a string variable.
 */
export function createdResources(code: string, depth = 0): Created[] {
  const src = readable(code);
  const out: Created[] = [];
  // eval(atob('…')), setTimeout(decoded): what the decoded code creates is created all the same.
  if (depth < 2) {
    for (const c of callArgs(src, EXECUTORS)) {
      const inner = evalString(c.arg.slice(0, expressionEnd(c.arg, 0)), new Set());
      if (inner) for (const r of createdResources(inner, depth + 1)) out.push(r);
    }
  }
  let bindings: Bindings | undefined;
  const address = (expr: string): string | undefined => {
    // A computed tail (`host + '/a.js?v=' + Date.now()`) still names the origin in what it starts with.
    bindings ??= stringBindings(src);
    const whole = evalString(expr, new Set(), 0, bindings)?.trim();
    // Only a start that has finished naming the host counts: 'http://cdn.' + region is no address.
    const v = whole ?? leadingString(expr, bindings)?.trim();
    const host = whole ? /^(?:(?:https?|wss?):)?\/\/[^\s'"<>/?#]+(?:[/?#][^\s'"<>]*)?$/i : /^(?:(?:https?|wss?):)?\/\/[^\s'"<>/?#]+[/?#][^\s'"<>]*$/i;
    return v && host.test(v) ? v : undefined;
  };
  for (const m of src.matchAll(/createElement\(\s*['"](script|iframe)['"]\s*\)/gi)) {
    const after = src.slice(m.index + m[0].length, m.index + m[0].length + 600);
    const next = after.search(/createElement\(/);
    const own = next < 0 ? after : after.slice(0, next);
    const set = /\.src\s*=(?!=)\s*|setAttribute\(\s*['"]src['"]\s*,\s*/.exec(own);
    if (!set) continue;
    const from = set.index + set[0].length;
    const url = address(own.slice(from, expressionEnd(own, from)));
    if (!url) continue;
    const kind = m[1]!.toLowerCase() as 'script' | 'iframe';
    const hidden = kind === 'iframe' ? /(?:width|height)\s*=\s*['"]?[0-2](?:px)?['"]?\s*[;,\n)]|display\s*=\s*['"]none|visibility\s*=\s*['"]hidden|display:\s*none/.exec(own)?.[0] : undefined;
    const how = hidden && (/display/.test(hidden) ? 'display:none' : /visibility/.test(hidden) ? 'visibility:hidden' : '宽或高为 0');
    out.push({ kind, src: url, ...(how ? { hidden: `脚本创建的框架 ${how}` } : {}) });
  }
  for (const m of src.matchAll(/new\s+WebSocket\(\s*(['"])(wss?:\/\/[^'"]+)\1/g)) out.push({ kind: 'websocket', src: m[2]! });
  const loaded = (c: { arg: string }): void => {
    const first = c.arg.slice(0, expressionEnd(c.arg, 0));
    const url = address(/^\s*\{/.test(first) ? (/\burl\s*:\s*([^,}]+)/.exec(c.arg)?.[1] ?? '') : first);
    if (url) out.push({ kind: 'script', src: url, loaded: true });
  };
  for (const c of callArgs(src, LOADERS)) loaded(c);
  if (RUNS_TEXT.test(src)) for (const c of callArgs(src, FETCHERS)) loaded(c);
  return out;
}

export interface ScriptSignals {
  /** Obfuscation markers, with what each one is. */
  obfuscation: string[];
  /** Code that serves spiders or search visitors something else. */
  cloaking: string[];
  miner: string[];
  /** HTML written through document.write(unescape(…)) other than the CONAC badge: obfuscation unless it only loads trusted services (cnzz). */
  unescapeWrites: string[];
  /** An unconditional redirect target assigned to location. */
  redirect?: string;
  /** A window the script opens as the page loads (a pop-up), not on a click. */
  popup?: string;
}

const SPIDERS = /baiduspider|sogou|360spider|haosouspider|yisouspider|bytespider|bingbot|googlebot|spider|bot\b/i;
const ENGINES = /baidu|sogou|so\.com|sm\.cn|bing|google|soso|youdao|360\.cn|toutiao/i;

/** `subject` and a name of `names` within 120 characters of each other, in either order. */
function near(src: string, subject: RegExp, names: RegExp): boolean {
  for (const m of src.matchAll(new RegExp(subject.source, 'gi'))) {
    const around = src.slice(Math.max(0, m.index - 120), m.index + m[0].length + 120);
    if (names.test(around)) return true;
  }
  return false;
}
const ACTIONS = /(?:window\.|top\.|self\.|document\.)?location(?:\.href)?\s*=|location\.(?:replace|assign)\s*\(|document\.title\s*=|document\.write|createElement\(\s*['"]iframe|\.innerHTML\s*=/i;
const MINERS = /coinhive|coin-hive|crypto-?loot|jsecoin|CoinHive\.(?:Anonymous|CONFIG)|CryptonightWASMWrapper|cryptonight|stratum\+tcp:\/\/|webminepool|minero\.cc|coinimp|hostingcloud\.racing|\bClient\.Anonymous\b|webmine\.(?:cz|pro)|deepminer|monerominer|wss?:\/\/[^'"\s]*(?:xmr|monero|minepool|mining-?pool)/i;

/** The share of a string literal's characters written as \x or \u escapes. */
function escapeDensity(code: string): number {
  let best = 0;
  for (const m of code.matchAll(/(['"])((?:\\.|(?!\1)[^\\\n])*)\1/g)) {
    const body = m[2]!;
    if (body.length < 80) continue;
    const esc = (body.match(/\\x[0-9a-f]{2}|\\u[0-9a-f]{4}/gi) ?? []).join('').length;
    best = Math.max(best, esc / body.length);
  }
  return best;
}

/**
 * Whether code at `at` sits in a function that runs later — a named function (a tab switcher's
 * `function setTab(n)`) or a click/hover handler — rather than when the page loads (top level,
 * an IIFE, a ready or onload callback). Tabs hide their other panels that way; 暗链 hide at once.
 */
export function insideHandler(code: string, at: number): boolean {
  const open: number[] = [];
  for (let i = 0; i < at; i++) {
    const c = code[i]!;
    if (c === '"' || c === "'" || c === '`') i = stringEnd(code, i);
    else if (c === '{') open.push(i);
    else if (c === '}') open.pop();
  }
  return open.some((brace) => {
    const head = code.slice(Math.max(0, brace - 120), brace);
    if (/(?:ready|onload|DOMContentLoaded|load['"])\s*[,(=]?\s*(?:function\s*\([^)]*\)|\([^)]*\)\s*=>)\s*$/.test(head) || /\$\(\s*function\s*\(\s*\)\s*$/.test(head)) return false;
    return /function\s+[\w$]+\s*\([^)]*\)\s*$/.test(head) || /(?:click|mouse\w*|hover|focus|change|toggle|on[a-z]+)\s*[(=:,]\s*(?:['"][^'"]*['"]\s*,\s*)?(?:function\s*\([^)]*\)|\([^)]*\)\s*=>)\s*$/i.test(head);
  });
}

/** `location = …`, `location.href = …` on window/top/self/parent/document, also inside a string a timer runs; the value follows. */
const LOCATION_SET = /(?:^|[^\w$.])(?:(?:window|top|self|parent|document)\s*\.\s*)*location(?:\s*\.\s*href)?\s*=(?!=)\s*/g;
/** `location.replace(…)`, `location.assign(…)`; the argument follows. */
const LOCATION_CALL = /(?:^|[^\w$.])(?:(?:window|top|self|parent|document)\s*\.\s*)*location\s*\.\s*(?:replace|assign)\s*\(\s*/g;

/**
 * Where a script sends the visitor, in the order it says so, as written (relative or absolute): a
 * literal, literals joined or decoded, a string variable the script sets
 * (`var u='http://…';location.href=u`), or the start of a computed address
 * (`'http://…/?r=' + Math.random()`). The crawler follows a stub page's first; the tamper rules
 * judge the first that leaves for another site.
 */
export function redirectTargets(code: string, depth = 0): string[] {
  const src = readable(code);
  let bindings: Bindings | undefined;
  const out: string[] = [];
  // setTimeout("location.href='…'", 0): the string a timer (or eval) runs is code of its own.
  if (depth < 2) {
    for (const c of callArgs(src, EXECUTORS)) {
      const inner = evalString(c.arg.slice(0, expressionEnd(c.arg, 0)), new Set());
      if (inner) for (const t of redirectTargets(inner, depth + 1)) out.push(t);
    }
  }
  for (const re of [LOCATION_SET, LOCATION_CALL]) {
    for (const { expr } of expressionsAfter(src, re)) {
      const to = evalString(expr, new Set()) ?? leadingString(expr, (bindings ??= stringBindings(src)));
      if (to?.trim()) out.push(to.trim());
    }
  }
  return out;
}

function redirectTarget(src: string): string | undefined {
  return redirectTargets(src).find((to) => /^https?:\/\//i.test(to) && URL.canParse(to));
}

export function scriptSignals(code: string): ScriptSignals {
  const src = readable(code);
  const obfuscation: string[] = [];
  if (/eval\s*\(\s*function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k\s*,\s*e\s*,\s*[dr]\s*\)/.test(src)) obfuscation.push('eval(function(p,a,c,k,e,d) 加壳');
  const hexIds = new Set(src.match(/\b_0x[0-9a-f]{4,}\b/gi) ?? []);
  if (hexIds.size >= 10) obfuscation.push(`${hexIds.size} 个 _0x 混淆标识符`);
  if (/jsjiami\.com\.v[67]|sojson\.v[45]|\bsojson\b/i.test(src)) obfuscation.push('jsjiami/sojson 加密标记');
  for (const m of src.matchAll(/String\.fromCharCode\s*\(([\d\s,]+)\)/g)) {
    if (m[1]!.split(',').length >= 20) {
      obfuscation.push(`String.fromCharCode 拼接 ${m[1]!.split(',').length} 个字符`);
      break;
    }
  }
  if (/atob\s*\(\s*['"][A-Za-z0-9+/=]{200,}['"]/.test(src)) obfuscation.push('atob 解码长 base64 串');
  const density = escapeDensity(src);
  if (density > 0.2) obfuscation.push(`字符串 ${Math.round(density * 100)}% 为 \\x/\\u 转义`);
  for (const c of callArgs(src, EXECUTORS)) {
    if (/^\s*(?:unescape|atob|String\.fromCharCode|decodeURIComponent)\s*\(/.test(c.arg)) {
      obfuscation.push(`${/^(?:new\s+)?(\w+)/.exec(src.slice(c.at))![1]} 执行解码后的代码`);
      break;
    }
  }
  const unescapeWrites: string[] = [];
  for (const c of callArgs(src, /document\s*\.\s*write(?:ln)?\s*\(\s*unescape\s*\(/g)) {
    const html = evalString(`unescape(${c.arg}`, new Set()) ?? [...c.arg.matchAll(/(['"])((?:\\[\s\S]|(?!\1)[^\\])*)\1/g)].map((m) => safeUnescape(m[2]!)).join('');
    if (!isConacIdiom(html)) unescapeWrites.push(html);
  }

  const cloaking: string[] = [];
  // The user agent or the referrer compared with spider or search-engine names, then the page acts.
  if (near(src, /navigator\s*\.\s*userAgent/i, SPIDERS) && ACTIONS.test(src)) cloaking.push('按搜索引擎爬虫 User-Agent 改变页面或跳转');
  if (near(src, /document\s*\.\s*referrer/i, ENGINES) && ACTIONS.test(src)) cloaking.push('按来自搜索引擎的 Referer 跳转或改写页面');

  const miner = MINERS.test(src) ? [MINERS.exec(src)![0]] : [];
  const redirect = redirectTarget(src);
  const popup = [...src.matchAll(/window\s*\.\s*open\s*\(\s*(['"])(https?:\/\/[^'"]+)\1/g)].find((m) => !insideHandler(src, m.index) && URL.canParse(m[2]!))?.[2];
  return { obfuscation: [...new Set(obfuscation)], unescapeWrites, cloaking, miner, ...(redirect ? { redirect } : {}), ...(popup ? { popup } : {}) };
}
