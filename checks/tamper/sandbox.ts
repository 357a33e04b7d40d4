/**
 * A page's inline scripts run in a sandbox, for what no static reading of them follows: loops that
 * build strings, decoders of the attacker's own, string arrays rotated and indexed (the output of
 * javascript-obfuscator and its `_0x` names). The engine is QuickJS compiled to WebAssembly
 * (quickjs-emscripten): no file, network or host object is reachable from inside, memory and time
 * are capped, and the page sees a small stand-in for the DOM that records what the code does —
 * markup it writes or appends, where it sends the visitor, the title it sets. The tamper rules judge
 * that record as they judge markup a script writes plainly (resources.ts).
 *
 * The engine loads asynchronously once a process (`loadScriptSandbox`); until then, and for a page
 * whose scripts show no sign of such code (SIGNS), nothing runs and the static reading stands alone.
 */
import type { QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten-core';

/** What a page's scripts did; each piece of markup with the index of the script that wrote it. */
export interface Executed {
  written: { script: number; html: string }[];
  redirects: string[];
  opened: string[];
  title?: string;
  /** keywords and description metas the scripts wrote. */
  metas: { name: string; content: string }[];
}

/** Code worth running: decoding or building code at run time (what static reading cannot follow). */
const SIGNS = /fromCharCode|charCodeAt|\batob\s*\(|\beval\s*\(|\bFunction\s*\(|_0x[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}[^'"]{0,8}\\x[0-9a-fA-F]{2}|\.reverse\s*\(\s*\)\s*\.\s*join/;
/**
 * Each script, and then the callbacks they queued together, may run this long; a page at most
 * PAGE_MS. javascript-obfuscator's strongest preset (RC4 strings, flattened control flow, self-
 * defending code) needs ~0.2–0.3 s here once V8 has optimised the engine's WebAssembly, and twice
 * that on a process's first such page; ordinary code defines its functions in well under 1 ms.
 */
const BUDGET_MS = 1_000;
const PAGE_MS = 2_000;
const MEMORY = 32 << 20;
const MAX_OUT = 256 * 1024;

let engine: QuickJSWASMModule | undefined;
let loading: Promise<void> | undefined;

/** Loads the engine (~15 ms); safe to call again. A failure leaves the static reading alone. */
export function loadScriptSandbox(): Promise<void> {
  loading ??= (async () => {
    try {
      const { newQuickJSWASMModuleFromVariant } = await import('quickjs-emscripten-core');
      // The variant's own loader reaches its module through import(), which a CommonJS test
      // runner cannot follow: the same two parts, required.
      /* eslint-disable @typescript-eslint/no-require-imports */
      engine = await newQuickJSWASMModuleFromVariant({
        type: 'sync',
        importFFI: () => Promise.resolve((require('@jitl/quickjs-wasmfile-release-sync/ffi') as { QuickJSFFI: never }).QuickJSFFI),
        importModuleLoader: () => Promise.resolve(require('@jitl/quickjs-wasmfile-release-sync/emscripten-module') as never),
      });
      /* eslint-enable @typescript-eslint/no-require-imports */
    } catch {
      engine = undefined;
    }
  })();
  return loading;
}

export function wantsSandbox(code: string): boolean {
  return engine !== undefined && SIGNS.test(code);
}

/**
 * The stand-in for a browser. Elements remember attributes, style and children; whatever is
 * appended to an element of the page (any lookup returns one), written, or set as innerHTML is
 * recorded with the script that did it; timers and load handlers run after every script, once.
 */
const PRELUDE = String.raw`
var __w = [], __r = [], __o = [], __t = null, __q = [], __cur = 0, __app = [];
var __s = function (v) { return v === undefined || v === null ? '' : String(v); };
var __esc = function (v) { return String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;'); };
var __camel = function (k) { return String(k).replace(/-([a-z])/g, function (_, c) { return c.toUpperCase(); }); };
var __css = function (st) { var o = []; for (var k in st) if (Object.prototype.hasOwnProperty.call(st, k) && typeof st[k] !== 'function') o.push(k.replace(/[A-Z]/g, function (c) { return '-' + c.toLowerCase(); }) + ':' + st[k]); return o.join(';'); };
function Style() {}
Object.defineProperty(Style.prototype, 'cssText', { get: function () { return __css(this); }, set: function (v) { var me = this; __s(v).split(';').forEach(function (d) { var i = d.indexOf(':'); if (i > 0) me[__camel(d.slice(0, i).trim())] = d.slice(i + 1).trim(); }); } });
Style.prototype.setProperty = function (k, v) { this[__camel(k)] = __s(v); };
function Node(tag) { this.tagName = String(tag).toUpperCase(); this.nodeName = this.tagName; this.nodeType = 1; this.attributes = {}; this.style = new Style(); this.childNodes = []; this.children = this.childNodes; this.parentNode = null; this._html = ''; this._text = '';
  this.classList = { add: function () {}, remove: function () {}, toggle: function () {}, contains: function () { return false; } }; this.dataset = {}; }
var P = Node.prototype;
P.setAttribute = function (k, v) { k = String(k).toLowerCase(); if (k === 'style') this.style.cssText = v; else this.attributes[k] = __s(v); };
P.getAttribute = function (k) { k = String(k).toLowerCase(); return k === 'style' ? __css(this.style) : (k in this.attributes ? this.attributes[k] : null); };
P.removeAttribute = function (k) { delete this.attributes[String(k).toLowerCase()]; };
P.hasAttribute = function (k) { return String(k).toLowerCase() in this.attributes; };
P.appendChild = function (c) { if (!c || typeof c !== 'object') return c; if (c.__frag) { for (var i = 0; i < c.childNodes.length; i++) this.appendChild(c.childNodes[i]); return c; } c.parentNode = this; this.childNodes.push(c); if (this.__page) __app.push([__cur, c]); return c; };
P.insertBefore = P.appendChild; P.replaceChild = P.appendChild; P.removeChild = function (c) { return c; }; P.remove = function () {}; P.cloneNode = function () { return this; };
P.append = function () { for (var i = 0; i < arguments.length; i++) { var a = arguments[i]; if (typeof a === 'object') this.appendChild(a); else this.insertAdjacentHTML('beforeend', a); } };
P.prepend = P.append; P.after = P.append; P.before = P.append; P.replaceWith = P.append;
P.insertAdjacentHTML = function (where, html) { __w.push([__cur, __s(html)]); };
P.insertAdjacentElement = function (where, el) { return this.appendChild(el); };
P.addEventListener = function (ev, fn) { if (typeof fn === 'function') __q.push([__cur, fn]); }; P.attachEvent = P.addEventListener; P.removeEventListener = function () {};
P.getElementsByTagName = function () { return [__page()]; }; P.getElementsByClassName = P.getElementsByTagName; P.querySelectorAll = P.getElementsByTagName;
P.querySelector = function () { return __page(); }; P.closest = P.querySelector;
P.click = P.focus = P.blur = P.submit = P.scrollIntoView = function () {};
P.getBoundingClientRect = function () { return { top: 0, left: 0, right: 100, bottom: 20, width: 100, height: 20 }; };
P.attachShadow = function () { return __page(); };
Object.defineProperty(P, 'innerHTML', { get: function () { return this._html; }, set: function (v) { this._html = __s(v); if (this.__page || this.parentNode) __w.push([__cur, this._html]); } });
Object.defineProperty(P, 'outerHTML', { get: function () { return __ser(this, 0); }, set: function (v) { __w.push([__cur, __s(v)]); } });
['textContent', 'innerText'].forEach(function (k) { Object.defineProperty(P, k, { get: function () { return this._text; }, set: function (v) { this._text = __s(v); } }); });
['src', 'href', 'id', 'className', 'title', 'target', 'type', 'name', 'rel', 'content', 'action', 'width', 'height', 'value', 'alt', 'download', 'charset', 'srcdoc'].forEach(function (k) {
  var a = k === 'className' ? 'class' : k.toLowerCase();
  Object.defineProperty(P, k, { get: function () { return a in this.attributes ? this.attributes[a] : ''; }, set: function (v) { this.attributes[a] = __s(v); } });
});
function __ser(n, d) { if (d > 60) return ''; if (n.__textNode) return __esc(n.data); if (n.__markup !== undefined) return n.__markup;
  var t = n.tagName.toLowerCase(), s = '<' + t; for (var k in n.attributes) s += ' ' + k + '="' + __esc(n.attributes[k]) + '"';
  var css = __css(n.style); if (css) s += ' style="' + __esc(css) + '"'; s += '>' + n._html + __esc(n._text);
  for (var i = 0; i < n.childNodes.length; i++) s += __ser(n.childNodes[i], d + 1); return s + '</' + t + '>'; }
function __page() { var n = new Node('div'); n.__page = true; return n; }
// The title element and the keywords/description metas, whose setters record what code writes there.
var __metas = [];
function __titleNode() { var n = new Node('title');
  ['innerHTML', 'innerText', 'textContent', 'text'].forEach(function (k) { Object.defineProperty(n, k, { get: function () { return document.title; }, set: function (v) { __t = __s(v); } }); }); return n; }
function __metaNode(name) { var n = new Node('meta'); n.attributes.name = name;
  Object.defineProperty(n, 'content', { get: function () { return ''; }, set: function (v) { __metas.push([__cur, name, __s(v)]); } });
  n.setAttribute = function (k, v) { if (String(k).toLowerCase() === 'content') __metas.push([__cur, name, __s(v)]); else P.setAttribute.call(this, k, v); }; return n; }
function __lookup(sel) { sel = __s(sel).toLowerCase(); if (/^\s*title\s*$/.test(sel)) return __titleNode();
  var m = /meta\[\s*name\s*=\s*['"]?(keywords|description)/.exec(sel); return m ? __metaNode(m[1]) : __page(); }
var __loc = { replace: function (u) { __r.push([__cur, __s(u)]); }, assign: function (u) { __r.push([__cur, __s(u)]); }, reload: function () {}, toString: function () { return __url; },
  hostname: __host, host: __host, protocol: __url.split(':')[0] + ':', pathname: '/', search: '', hash: '', origin: __url.split('/').slice(0, 3).join('/') };
Object.defineProperty(__loc, 'href', { get: function () { return __url; }, set: function (u) { __r.push([__cur, __s(u)]); } });
var __g = globalThis;
Object.defineProperty(__g, 'location', { get: function () { return __loc; }, set: function (u) { __r.push([__cur, __s(u)]); } });
__g.window = __g.self = __g.top = __g.parent = __g.frames = __g;
var document = {
  write: function () { __w.push([__cur, Array.prototype.join.call(arguments, '')]); },
  writeln: function () { __w.push([__cur, Array.prototype.join.call(arguments, '') + '\n']); },
  open: function () {}, close: function () {},
  createElement: function (t) { return new Node(t); }, createElementNS: function (ns, t) { return new Node(t); },
  createTextNode: function (t) { return { __textNode: true, data: __s(t) }; },
  createDocumentFragment: function () { var n = new Node('div'); n.__frag = true; return n; },
  getElementById: __page, querySelector: __lookup, getElementsByTagName: function (t) { return [__lookup(t)]; },
  getElementsByClassName: function () { return [__page()]; }, querySelectorAll: function (q) { return [__lookup(q)]; },
  getElementsByName: function (n) { n = __s(n).toLowerCase(); return [n === 'keywords' || n === 'description' ? __metaNode(n) : __page()]; },
  body: __page(), head: __page(), documentElement: __page(),
  addEventListener: function (ev, fn) { if (typeof fn === 'function') __q.push([__cur, fn]); }, attachEvent: function (ev, fn) { if (typeof fn === 'function') __q.push([__cur, fn]); }, removeEventListener: function () {},
  cookie: '', referrer: '', readyState: 'complete', domain: __host, URL: __url, charset: 'UTF-8', characterSet: 'UTF-8', currentScript: null, hidden: false, visibilityState: 'visible'
};
document.location = __loc;
document.currentScript = __page();
// Markup parsed apart and inserted later (DOMParser, a Range's fragment): a node carrying it.
var __parsed = function (h) { var n = new Node('div'); n._html = __s(h); n.firstChild = n.firstElementChild = n; n.childNodes = n.children = []; return n; };
__g.DOMParser = function () { this.parseFromString = function (h) { var n = __parsed(h); return { body: n, documentElement: n, querySelector: function () { return n; }, getElementsByTagName: function () { return [n]; } }; }; };
document.createRange = function () { return { createContextualFragment: __parsed, selectNode: function () {}, selectNodeContents: function () {}, setStart: function () {}, setEnd: function () {} }; };
Object.defineProperty(document, 'title', { get: function () { return __t === null ? __title : __t; }, set: function (v) { __t = __s(v); } });
__g.document = document;
__g.navigator = { userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36', language: 'zh-CN', languages: ['zh-CN'], platform: 'Win32', cookieEnabled: true, webdriver: false, hardwareConcurrency: 4 };
__g.screen = { width: 1366, height: 768, availWidth: 1366, availHeight: 728 };
__g.innerWidth = 1366; __g.innerHeight = 768;
__g.open = function (u) { __o.push([__cur, __s(u)]); return null; };
__g.alert = __g.confirm = __g.prompt = __g.print = __g.scrollTo = __g.focus = function () {};
__g.addEventListener = document.addEventListener; __g.attachEvent = document.attachEvent; __g.removeEventListener = function () {};
__g.setTimeout = __g.setInterval = __g.requestAnimationFrame = __g.setImmediate = function (fn) { var c = __cur; if (typeof fn === 'function') __q.push([c, fn]); else if (typeof fn === 'string') __q.push([c, function () { (0, eval)(fn); }]); return __q.length; };
__g.clearTimeout = __g.clearInterval = __g.cancelAnimationFrame = function () {};
__g.XMLHttpRequest = function () { this.open = this.send = this.setRequestHeader = this.abort = function () {}; this.readyState = 0; this.status = 0; this.responseText = ''; };
__g.fetch = function () { return new Promise(function () {}); };
__g.WebSocket = function (u) { this.send = this.close = function () {}; };
__g.Image = function () { return new Node('img'); };
__g.localStorage = __g.sessionStorage = { getItem: function () { return null; }, setItem: function () {}, removeItem: function () {} };
__g.getComputedStyle = function () { return new Style(); };
var __b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
__g.atob = function (s) { s = __s(s).replace(/[^A-Za-z0-9+/]/g, ''); var o = '', b = 0, n = 0; for (var i = 0; i < s.length; i++) { b = (b << 6) | __b64.indexOf(s[i]); n += 6; if (n >= 8) { n -= 8; o += String.fromCharCode((b >> n) & 255); } } return o; };
__g.btoa = function (s) { s = __s(s); var o = ''; for (var i = 0; i < s.length; i += 3) { var a = s.charCodeAt(i), b = s.charCodeAt(i + 1), c = s.charCodeAt(i + 2); var t = (a << 16) | ((b || 0) << 8) | (c || 0);
  o += __b64[(t >> 18) & 63] + __b64[(t >> 12) & 63] + (i + 1 < s.length ? __b64[(t >> 6) & 63] : '=') + (i + 2 < s.length ? __b64[t & 63] : '='); } return o; };
function __chain(nodes) { var c = { length: nodes.length };
  var write = function (v) { if (typeof v === 'string') __w.push([__cur, v]); else if (v && v.__jq) for (var i = 0; i < v.__nodes.length; i++) __app.push([__cur, v.__nodes[i]]); return c; };
  ['html', 'append', 'prepend', 'after', 'before', 'replaceWith', 'wrap'].forEach(function (k) { c[k] = function (v) { return arguments.length ? write(v) : ''; }; });
  c.appendTo = c.prependTo = c.insertAfter = c.insertBefore = function () { for (var i = 0; i < nodes.length; i++) __app.push([__cur, nodes[i]]); return c; };
  c.attr = function (k, v) { if (typeof k === 'object') { for (var x in k) c.attr(x, k[x]); return c; } if (v === undefined) return nodes[0] ? nodes[0].getAttribute(k) : undefined; nodes.forEach(function (n) { n.setAttribute(k, v); }); return c; };
  c.prop = c.attr;
  c.css = function (k, v) { if (typeof k === 'object') { for (var x in k) c.css(x, k[x]); return c; } if (v === undefined) return ''; nodes.forEach(function (n) { n.style[__camel(k)] = __s(v); }); return c; };
  c.text = function (v) { if (v === undefined) return ''; nodes.forEach(function (n) { n.textContent = __s(v); }); return c; };
  c.hide = function () { return c.css('display', 'none'); }; c.show = function () { return c; };
  c.ready = c.load = function (fn) { if (typeof fn === 'function') __q.push([__cur, fn]); return c; };
  ['on', 'bind', 'click', 'each', 'addClass', 'removeClass', 'toggle', 'fadeIn', 'fadeOut', 'animate', 'val', 'find', 'children', 'parent', 'eq', 'first', 'last', 'remove', 'empty', 'data', 'width', 'height', 'scrollTop', 'trigger', 'off', 'stop', 'delay', 'slideUp', 'slideDown'].forEach(function (k) { if (!c[k]) c[k] = function () { return c; }; });
  c.__jq = true; c.__nodes = nodes; return c; }
__g.jQuery = __g.$ = function (sel) { if (typeof sel === 'function') { __q.push([__cur, sel]); return __chain([]); }
  if (typeof sel === 'string' && /^\s*</.test(sel)) { var n = new Node((/^\s*<([a-zA-Z0-9]+)/.exec(sel) || [0, 'div'])[1]); if (!/^\s*<[a-zA-Z0-9]+\s*\/?>(\s*<\/[a-zA-Z0-9]+>)?\s*$/.test(sel)) n.__markup = sel; return __chain([n]); }
  return __chain([typeof sel === 'string' ? __lookup(sel) : __page()]); };
__g.$.ajax = __g.$.get = __g.$.post = __g.$.getJSON = __g.$.getScript = function () { return { done: function () { return this; }, fail: function () { return this; }, then: function () { return this; } }; };
__g.$.fn = {}; __g.$.extend = function (a) { return a; };
// Debug protection (javascript-obfuscator's debugProtection) builds 'debugger' and 'while (true) {}'
// functions, recursing until the stack gives out: here the first throws (its caller catches and
// stops) and the second does nothing, so the code it guards runs within its budget.
var __F = Function;
var __Fw = function () { var body = String(arguments.length ? arguments[arguments.length - 1] : '');
  if (/^\s*debugger\s*;?\s*$/.test(body)) return function () { throw new Error('debugger'); };
  if (/^\s*while\s*\(\s*true\s*\)\s*\{\s*\}\s*$/.test(body)) return function () {};
  return __F.apply(this, arguments); };
__Fw.prototype = __F.prototype;
Object.defineProperty(__F.prototype, 'constructor', { value: __Fw, writable: true, configurable: true });
__g.Function = __Fw;
function __drain(max) {
  // Handlers assigned rather than added: window.onload = …, document.onreadystatechange = ….
  [__g.onload, __g.onDOMContentLoaded, document.onreadystatechange, document.onload].forEach(function (f) { if (typeof f === 'function') __q.push([__cur, f]); });
  for (var i = 0; i < __q.length && i < max; i++) { __cur = __q[i][0]; try { __q[i][1].call(__g, { type: 'load', target: document }); } catch (e) {} } }
function __result() { return JSON.stringify({ w: __w, r: __r, o: __o, t: __t, m: __metas, a: __app.map(function (p) { return [p[0], __ser(p[1], 0)]; }) }); }
`;

/**
 * One runtime a process, a fresh context a page: QuickJS asserts on freeing a runtime that still
 * holds objects (a page's pending promises, code cut mid-way), and that assertion aborts the whole
 * WebAssembly instance. A context is freed safely; its leftover cycles go to the runtime's collector.
 */
let runtime: QuickJSRuntime | undefined;

/** An aborted instance runs nothing more: drop it and load a fresh one for later pages. */
function broken(): void {
  engine = undefined;
  runtime = undefined;
  loading = undefined;
  void loadScriptSandbox();
}

/** Runs a page's inline scripts in order, then what they queued; undefined when the engine is not loaded or could not run them. */
export function executeScripts(scripts: readonly string[], url: string, title: string): Executed | undefined {
  if (!engine) return undefined;
  try {
    if (!runtime) {
      runtime = engine.newRuntime();
      runtime.setMemoryLimit(MEMORY);
      runtime.setMaxStackSize(256 << 10);
    }
    return executeIn(runtime, scripts, url, title);
  } catch (e) {
    if ((e as Error | undefined)?.name === 'RuntimeError') broken();
    return undefined;
  }
}

function executeIn(rt: QuickJSRuntime, scripts: readonly string[], url: string, title: string): Executed | undefined {
  const pageEnd = performance.now() + PAGE_MS;
  let deadline = performance.now() + BUDGET_MS;
  // A script that loops forever is cut at its own budget, not at the scripts' after it.
  const budget = (): void => void (deadline = Math.min(pageEnd, performance.now() + BUDGET_MS));
  rt.setInterruptHandler(() => performance.now() > deadline);
  const vm = rt.newContext();
  try {
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      /* a page without an address: scripts see none */
    }
    // A page script's own value is never read (dumping it copies whatever it built, cycles too):
    // only the record's, as a string.
    const run = (code: string, name: string, read = false): string | undefined => {
      const r = vm.evalCode(code, name);
      if (r.error) {
        r.error.dispose();
        return undefined;
      }
      const v = read && vm.typeof(r.value) === 'string' ? vm.getString(r.value) : undefined;
      r.value.dispose();
      return v;
    };
    run(`var __url = ${JSON.stringify(url)}, __host = ${JSON.stringify(host)}, __title = ${JSON.stringify(title)};`, 'page.js');
    run(PRELUDE, 'prelude.js');
    scripts.forEach((code, i) => {
      if (performance.now() > pageEnd) return;
      budget();
      run(`__cur = ${i};`, 'cur.js');
      run(code, `script-${i}.js`);
    });
    // Timers and load handlers, once; then promise callbacks (Promise.resolve().then(…)).
    budget();
    run('__drain(200);', 'drain.js');
    const jobs = rt.executePendingJobs(200);
    if (jobs.error) jobs.error.dispose();
    // The record is read with a fresh budget: it is ours, not the page's.
    deadline = performance.now() + BUDGET_MS;
    const out = run('__result()', 'result.js', true);
    if (!out || out.length > 4 * MAX_OUT) return undefined;
    const raw = JSON.parse(out) as { w?: [number, string][]; r?: [number, string][]; o?: [number, string][]; t?: string | null; m?: [number, string, string][]; a?: [number, string][] };
    const cap = (s: string): string => s.slice(0, MAX_OUT);
    return {
      written: [...(raw.w ?? []), ...(raw.a ?? [])].map(([script, html]) => ({ script, html: cap(html) })).filter((w) => w.html.trim()),
      redirects: (raw.r ?? []).map(([, u]) => cap(u)),
      opened: (raw.o ?? []).map(([, u]) => cap(u)),
      metas: (raw.m ?? []).map(([, name, content]) => ({ name, content: cap(content) })),
      ...(typeof raw.t === 'string' ? { title: cap(raw.t) } : {}),
    };
  } finally {
    vm.dispose();
  }
}
