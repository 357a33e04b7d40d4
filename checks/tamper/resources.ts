/**
 * The links, scripts and frames of a page as a tamper rule sees them: every link with why it is
 * hidden from a reader (CSS cascade, a hiding container, an HTML comment, a script that writes it
 * in obfuscated form), every script and frame with its origin. `<base href>` is honoured the way a
 * browser honours it, so a base pointing off-site turns relative links external. Computed once per
 * page and shared by the tamper rules and the store's record of a site's resources.
 */
import type { AnyNode, Comment, Element, ParentNode } from 'domhandler';
import type { Context, Page } from '../types';
import { parseHtml } from '../text/parse-html';
import { elements, textOf } from '../text/dom-walk';
import { asciiHost, isGovSuffix, ownerOf, registrable } from '../counterfeit/hosts';
import { BY_EXECUTION, PageStyles } from './styles';
import { createdResources, isConacIdiom, MAX_SCRIPT, writtenHtml, type Written } from './scripts';
import { safeDecode } from './js-strings';
import { executeScripts, wantsSandbox } from './sandbox';
import { derivedOnce } from '../derived-once';

export interface LinkSeen {
  url: string;
  host: string;
  /** Registrable domain (private suffixes included). */
  domain: string;
  text: string;
  title: string;
  /** Why a reader does not see it; undefined when visible as far as static analysis tells. Judged only for links off the page's own site and gov.cn, the only ones a hidden-link verdict needs. */
  hidden?: string;
  /** The anchor asks the browser to save its target (`download` attribute). */
  download?: true;
  /** The anchor element in the page's DOM, when it is one (not inside a comment or a script). */
  element?: Element;
}

export interface ScriptSeen {
  kind: 'script' | 'iframe' | 'frame' | 'object' | 'embed' | 'websocket';
  /** Absolute URL of src; undefined for inline code. */
  url?: string;
  host?: string;
  domain?: string;
  /** Inline code (bounded). */
  code?: string;
  /** What inline code writes into the page, decoded. */
  written?: Written[];
  element: Element;
  /** For frames: why it is invisible (zero size, hiding style). */
  hidden?: string;
  /** Not in the markup: written or created by the inline script `element` (how, in words). */
  injectedBy?: string;
  /** A frame whose page is inlined as a `data:` address: no origin to vet. */
  dataPage?: true;
}

export interface PageResources {
  /** Links with an absolute address (relative ones stay on the site unless <base> points away). */
  links: LinkSeen[];
  scripts: ScriptSeen[];
  /** `<meta http-equiv="refresh">` target, absolute. */
  refresh?: string;
  /** `<link rel="canonical">` and mobile `<link rel="alternate">` targets, absolute: where the page tells search engines it really lives. */
  searchTargets: { tag: string; url: string }[];
  base?: string;
  /** Bounds reached (CSS too large): the verdicts are on what was read. */
  cut: string[];
  /** What the page's inline scripts did when run in the sandbox (sandbox.ts), when they were. */
  executed?: { redirects: string[]; opened: string[]; title?: string; metas: { name: string; content: string }[] };
}

/** Hosts every government page loads or links legitimately (reference counterfeit-tamper.md §9, allowlist seed). */
export const TRUSTED_DOMAINS = new Set([
  'conac.cn', 'beian.gov.cn', 'miit.gov.cn', 'mps.gov.cn', 'baidu.com', 'cnzz.com', 'gov.cn', '12377.cn', 'cyberpolice.cn',
  // 中央重点新闻网站: the 友情链接 of nearly every government site, often in a menu shown on hover.
  'xinhuanet.com', 'news.cn', 'people.com.cn', 'cctv.com', 'cntv.cn', 'china.com.cn', 'chinadaily.com.cn', 'cnr.cn', 'gmw.cn',
  'youth.cn', 'ce.cn', 'qstheory.cn', '12371.cn', 'chinanews.com.cn', 'cri.cn',
]);

const RESOURCES = Symbol('page resources');
/** An href with a scheme or a network path (`http:`, `//host`): the only kind that can leave the site. */
const ABSOLUTE = /^\s*(?:[a-z][a-z0-9+.-]*:|[\\/]{2})/i;

function absolute(href: string, base: string): string | undefined {
  const h = href.trim();
  if (!h || /^(?:javascript|mailto|tel|data|about|#)/i.test(h)) return undefined;
  try {
    const u = new URL(h, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function describe(el: Element): string {
  return `<${el.name}${el.attribs['id'] ? `#${el.attribs['id']}` : ''}${el.attribs['class'] ? `.${el.attribs['class'].trim().split(/\s+/)[0]}` : ''}>`;
}

/** Nearest hiding container: content a browser does not render (noscript with scripts on, template…). */
function container(el: Element): string | undefined {
  for (let e: ParentNode | null = el.parent; e && e.type === 'tag'; e = (e as Element).parent) {
    const n = (e as Element).name;
    if (n === 'noscript' || n === 'noframes' || n === 'template') return `<${n}> 内`;
  }
  return undefined;
}

/**
 * Where a click sends the reader when code does it with a literal address: a non-link element's
 * `onclick="window.open('…')"`, or a link's `href="javascript:location.href='…'"`.
 */
function clickTarget(el: Element): string | undefined {
  const href = el.attribs['href'];
  // A link with an address of its own goes there; one without (`javascript:`, `#`, none) goes where its code says.
  if (href !== undefined && !/^\s*(?:javascript:|#|$)/i.test(href)) return undefined;
  const code = [href, el.attribs['onclick'], el.attribs['onmousedown']].filter(Boolean).join(';');
  if (!code) return undefined;
  return /(?:window\.open|location\.(?:replace|assign))\s*\(\s*['"]([^'"]+)['"]|location(?:\.href)?\s*=\s*['"]([^'"]+)['"]/.exec(code)?.slice(1).find(Boolean);
}

/** An anchor's address: `href`, or SVG's `xlink:href`. */
function hrefOf(a: Element): string {
  return a.attribs['href'] ?? a.attribs['xlink:href'] ?? '';
}

function linkOf(a: Element, base: string, hidden: string | undefined | ((host: string, domain: string) => string | undefined), withElement: boolean, href = hrefOf(a)): LinkSeen | undefined {
  const url = absolute(href, base);
  if (!url) return undefined;
  const host = asciiHost(new URL(url).hostname);
  const domain = registrable(host);
  const why = typeof hidden === 'function' ? hidden(host, domain) : hidden;
  return {
    url, host, domain, text: (textOf(a) || (a.attribs['alt'] ?? '')).replace(/\s+/g, ' ').trim().slice(0, 200), title: (a.attribs['title'] ?? '').slice(0, 200),
    ...(why ? { hidden: why } : {}), ...(a.attribs['download'] !== undefined ? { download: true as const } : {}), ...(withElement ? { element: a } : {}),
  };
}

function fragmentLinks(html: string, base: string, outerHidden: string): LinkSeen[] {
  const doc = parseHtml(html.slice(0, MAX_SCRIPT), { decodeEntities: true, lowerCaseTags: true });
  const styles = new PageStyles(doc);
  const out: LinkSeen[] = [];
  for (const el of elements(doc)) {
    if (el.name !== 'a' && el.name !== 'area') continue;
    const inner = styles.hiddenBy(el);
    const l = linkOf(el, base, inner ? `${outerHidden}，且 ${inner}` : outerHidden, false);
    if (l) out.push(l);
  }
  return out;
}

/** Why an element a script writes and leaves open hides what follows it (`<div style="display:none">` with no `</div>`), if it does. */
function openedHiding(html: string): string | undefined {
  const m = /<(div|span|p|section|marquee|font|ul)\b[^>]*>(?![\s\S]*<\/\1\s*>)/i.exec(html);
  if (!m) return undefined;
  const doc = parseHtml(`${m[0]}<a href="#x">x</a>`, { decodeEntities: true, lowerCaseTags: true });
  const styles = new PageStyles(doc);
  const a = [...elements(doc)].find((e) => e.name === 'a');
  const why = a ? styles.hiddenBy(a) : undefined;
  return why ? `被脚本写入而未闭合的隐藏元素包裹（${why}）` : undefined;
}

/** Whether written HTML closes an element it did not open (the write that ends a wrapper). */
function closesElement(html: string): boolean {
  const m = /<\/(div|span|p|section|marquee|font|ul)\s*>/i.exec(html);
  return m !== null && !new RegExp(`<${m[1]}\\b`, 'i').test(html.slice(0, m.index));
}

/** Scripts and frames in HTML a script writes: loaded as if they were in the markup. */
function writtenResources(html: string, base: string, by: Element, how: string): ScriptSeen[] {
  if (!/<(?:script|iframe|frame|object|embed)\b/i.test(html)) return [];
  const doc = parseHtml(html.slice(0, MAX_SCRIPT), { decodeEntities: true, lowerCaseTags: true });
  const styles = new PageStyles(doc);
  const out: ScriptSeen[] = [];
  for (const el of elements(doc)) {
    if (!['script', 'iframe', 'frame', 'object', 'embed'].includes(el.name)) continue;
    const raw = el.attribs['src'] ?? el.attribs['data'];
    const url = raw ? absolute(raw, base) : undefined;
    if (!url) continue;
    const host = asciiHost(new URL(url).hostname);
    const hidden = el.name === 'script' ? undefined : frameHidden(el, styles);
    out.push({ kind: el.name as ScriptSeen['kind'], url, host, domain: registrable(host), element: by, injectedBy: how, ...(hidden ? { hidden } : {}) });
  }
  return out;
}

function commentsOf(root: ParentNode): Comment[] {
  const out: Comment[] = [];
  const stack: AnyNode[] = [...root.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'comment') out.push(n as Comment);
    else if ('children' in n) for (const c of (n as ParentNode).children) stack.push(c);
  }
  return out;
}

function frameHidden(el: Element, styles: PageStyles): string | undefined {
  const w = el.attribs['width'];
  const h = el.attribs['height'];
  const tiny = (v: string | undefined) => v !== undefined && /^\s*[0-2](?:px)?\s*$/.test(v);
  if (tiny(w) || tiny(h)) return `width=${w ?? '-'} height=${h ?? '-'}`;
  return styles.hiddenBy(el);
}

export function pageResources(page: Page): PageResources {
  return derivedOnce(page, RESOURCES, () => readResources(page));
}

function readResources(page: Page): PageResources {
  const dom = page.dom;
  const styles = new PageStyles(dom);
  let base = page.finalUrl || page.url;
  for (const el of elements(dom)) {
    if (el.name === 'base' && el.attribs['href']) {
      base = absolute(el.attribs['href'], base) ?? base;
      break;
    }
  }
  const out: PageResources = { links: [], scripts: [], searchTargets: [], cut: styles.cut ? [styles.cut] : [], ...(base !== (page.finalUrl || page.url) ? { base } : {}) };
  const ownDomain = registrable(asciiHost(new URL(page.finalUrl || page.url).hostname));
  // The cascade is the costly part: resolved only for links that leave the site.
  const offSite = (host: string, domain: string): boolean => domain !== ownDomain && !isGovSuffix(host) && !TRUSTED_DOMAINS.has(domain);
  // A relative link resolves to the page's own host unless <base> moved it: nothing a tamper rule judges.
  const baseIsOwn = registrable(asciiHost(new URL(base).hostname)) === ownDomain;
  // Code no static reading follows (decoders, loops, string arrays) is run in the sandbox: every
  // inline script and self-firing handler of the page in document order, once; what each did is
  // read beside what it plainly writes. Whole, not cut at MAX_SCRIPT as the static reading is:
  // obfuscators' output runs to 100 KB, and a cut script does not run. The list is built as the
  // loop below meets them (a src that resolves to nothing is inline there too), so indexes agree.
  const srcOf = (el: Element): string | undefined => (el.attribs['src'] ? absolute(el.attribs['src'], base) : undefined);
  const runnable = (el: Element): string[] => {
    const handler = selfRunning(el);
    const own = el.name === 'script' && !srcOf(el) ? inlineCode(el, SANDBOXED_SCRIPT) : FRAMES.has(el.name) ? frameCode(el) : undefined;
    return [handler, own].filter((c): c is string => !!c?.trim());
  };
  const codes = wantsSandbox(page.source) ? [...elements(dom)].flatMap(runnable) : [];
  const executed = codes.some(wantsSandbox) ? executeScripts(codes, page.finalUrl || page.url, page.text.title) : undefined;
  if (executed) {
    out.executed = {
      redirects: executed.redirects.flatMap((u) => absolute(u, base) ?? []),
      opened: executed.opened.flatMap((u) => absolute(u, base) ?? []),
      metas: executed.metas,
      ...(executed.title !== undefined ? { title: executed.title } : {}),
    };
  }
  let runIndex = -1;
  /** What the sandbox saw the runnable at runIndex write: its scripts, frames and links, where no reading above found them. */
  const ran = (code: string, by: Element): void => {
    const pieces = executed?.written.filter((w) => w.script === runIndex && !isConacIdiom(w.html));
    if (!pieces?.length) return;
    const html = pieces.map((w) => w.html).join('');
    const concealed = wantsSandbox(code);
    const how = '由脚本运行后写入';
    const known = new Set([...out.links.map((l) => l.url), ...out.scripts.flatMap((x) => x.url ?? [])]);
    for (const x of writtenResources(html, base, by, how)) if (!known.has(x.url!)) out.scripts.push(x);
    // What only running a script builds is weighed as the page's script hiding at load is
    // (styles.ts weaklyHidden): a menu or share panel a script builds hidden until hovered
    // looks the same as a 暗链, so spam words decide. Shown links count as hidden only from
    // code that conceals what it writes from a reader of the source (a decoder, _0x names).
    for (const l of fragmentLinks(html, base, how)) {
      if (known.has(l.url)) continue;
      known.add(l.url);
      if (l.hidden?.startsWith(`${how}，且 `)) l.hidden = `${BY_EXECUTION}：${l.hidden.slice(how.length + 3)}`;
      else if (concealed) l.hidden = BY_EXECUTION;
      else delete l.hidden;
      out.links.push(l);
    }
  };
  let imageMaps: Set<string> | undefined;
  /** Set while a script has written an open hiding element the page's markup now sits in. */
  let wrapped: string | undefined;
  // A hot spot of an image map no image uses is never drawn: it exists only for crawlers.
  const unusedArea = (el: Element): string | undefined => {
    let map: ParentNode | null = el.parent;
    while (map && !(map.type === 'tag' && (map as Element).name === 'map')) map = (map as Element).parent;
    const name = map ? ((map as Element).attribs['name'] ?? (map as Element).attribs['id'] ?? '') : '';
    imageMaps ??= new Set([...elements(dom)].flatMap((e) => (e.attribs['usemap'] ? [e.attribs['usemap'].replace(/^#/, '').toLowerCase()] : [])));
    return imageMaps.has(name.toLowerCase()) ? undefined : `图像热区（<map name="${name}">）未被任何图片引用`;
  };
  for (const el of elements(dom)) {
    // Code that runs by itself from an attribute: a load or a failure (`<body onload>`, `<svg onload>`, `<img src=x onerror>`),
    // a marquee starting, and focus or toggle events the markup fires itself (autofocus, open).
    const handler = selfRunning(el);
    if (handler?.trim()) {
      out.scripts.push({ kind: 'script', code: handler.slice(0, MAX_SCRIPT), element: el, written: writtenHtml(handler) });
      runIndex++;
      ran(handler, el);
    }
    const click = clickTarget(el);
    if (click) {
      const l = linkOf(el, base, (host, domain) => (offSite(host, domain) ? container(el) ?? styles.hiddenBy(el) : undefined), true, click);
      if (l) out.links.push(l);
    }
    switch (el.name) {
      case 'a':
      case 'area': {
        if (baseIsOwn && !ABSOLUTE.test(hrefOf(el))) break;
        const l = linkOf(el, base, (host, domain) => (offSite(host, domain) ? container(el) ?? styles.hiddenBy(el) ?? (el.name === 'area' ? unusedArea(el) : undefined) ?? wrapped : undefined), true);
        if (l) out.links.push(l);
        break;
      }
      case 'script': {
        const src = srcOf(el);
        if (src) {
          const host = asciiHost(new URL(src).hostname);
          out.scripts.push({ kind: 'script', url: src, host, domain: registrable(host), element: el });
        } else {
          const code = inlineCode(el);
          if (!code.trim()) break;
          runIndex++;
          const written = writtenHtml(code);
          out.scripts.push({ kind: 'script', code, element: el, written });
          for (const c of createdResources(code)) {
            const url = absolute(c.src, base);
            if (!url) continue;
            const host = asciiHost(new URL(url).hostname);
            out.scripts.push({ kind: c.kind, url, host, domain: registrable(host), element: el, injectedBy: c.loaded ? '由内联脚本加载并运行' : '由内联脚本创建', ...(c.hidden ? { hidden: c.hidden } : {}) });
          }
          // One script's writes make one piece of markup: `writeln("<div style='left:-9999px'>")`, then the link, then `</div>`.
          const parts = written.filter((w) => !isConacIdiom(w.html));
          if (parts.length) {
            const html = parts.map((w) => w.html).join('');
            const via = [...new Set(parts.flatMap((w) => w.via))];
            const how = via.length ? `由脚本以混淆方式写入（${via.join('、')}）` : '由脚本写入';
            for (const x of writtenResources(html, base, el, how)) out.scripts.push(x);
            // A plainly written link is as visible as any other unless the written HTML hides it.
            for (const l of fragmentLinks(html, base, how)) {
              if (!via.length && l.hidden === how) {
                const visible: LinkSeen = { ...l };
                delete visible.hidden;
                out.links.push(wrapped ? { ...visible, hidden: wrapped } : visible);
              } else out.links.push(l);
            }
            // A write that opens a hiding element and leaves it open wraps the page's own markup after it, up to the write that closes it.
            wrapped = openedHiding(html) ?? (closesElement(html) ? undefined : wrapped);
          }
          ran(code, el);
        }
        break;
      }
      case 'iframe':
      case 'frame':
      case 'object':
      case 'embed': {
        const raw = el.attribs['src'] ?? el.attribs['data'];
        const jsUrl = frameCode(el);
        if (jsUrl?.trim()) {
          out.scripts.push({ kind: 'script', code: jsUrl.slice(0, MAX_SCRIPT), element: el, written: writtenHtml(jsUrl) });
          runIndex++;
          ran(jsUrl, el);
        }
        const src = raw ? absolute(raw, base) : undefined;
        const srcdoc = el.name === 'iframe' ? el.attribs['srcdoc'] : undefined;
        if (srcdoc && /<a\b/i.test(srcdoc)) {
          // A frame's inline document (srcdoc): its links are the page's, hidden when the frame is.
          const framed = frameHidden(el, styles);
          const marker = '框架 srcdoc 内';
          for (const l of fragmentLinks(srcdoc, base, framed ? `${marker}（${framed}）` : marker)) {
            if (l.hidden === marker) delete l.hidden;
            out.links.push(l);
          }
        }
        if (!src) {
          // A frame whose page is inlined as data: has no origin to vet: hidden, it is a payload.
          const hidden = raw && /^\s*data:/i.test(raw) ? frameHidden(el, styles) : undefined;
          if (hidden) out.scripts.push({ kind: el.name as ScriptSeen['kind'], dataPage: true, element: el, hidden });
          break;
        }
        const host = asciiHost(new URL(src).hostname);
        const hidden = frameHidden(el, styles);
        out.scripts.push({ kind: el.name as ScriptSeen['kind'], url: src, host, domain: registrable(host), element: el, ...(hidden ? { hidden } : {}) });
        break;
      }
      case 'link': {
        const rel = (el.attribs['rel'] ?? '').toLowerCase();
        const to = el.attribs['href'] ? absolute(el.attribs['href'], base) : undefined;
        if (to && (rel === 'canonical' || (rel === 'alternate' && el.attribs['media']))) out.searchTargets.push({ tag: rel === 'canonical' ? '<link rel="canonical">' : `<link rel="alternate" media="${el.attribs['media']}">`, url: to });
        // A script fetched ahead (`<link rel="modulepreload">`, `rel="preload" as="script"`) is vetted as one loaded.
        if (to && (rel === 'modulepreload' || (rel === 'preload' && (el.attribs['as'] ?? '').toLowerCase() === 'script'))) {
          const host = asciiHost(new URL(to).hostname);
          out.scripts.push({ kind: 'script', url: to, host, domain: registrable(host), element: el });
        }
        break;
      }
      case 'meta': {
        if ((el.attribs['http-equiv'] ?? '').toLowerCase() === 'refresh') {
          const m = /url\s*=\s*['"]?([^'"\s]+)/i.exec(el.attribs['content'] ?? '');
          const to = m ? absolute(m[1]!, base) : undefined;
          if (to) out.refresh = to;
        }
        break;
      }
    }
  }
  for (const c of commentsOf(dom)) {
    if (!/<a\b/i.test(c.data)) continue;
    for (const l of fragmentLinks(c.data, base, 'HTML 注释内')) out.links.push(l);
  }
  return out;
}

const FRAMES = new Set(['iframe', 'frame', 'object', 'embed']);

/** `<iframe src="javascript:location.href='…'">`: the address is code, read as an inline script. */
function frameCode(el: Element): string | undefined {
  const raw = el.attribs['src'] ?? el.attribs['data'];
  return raw && /^\s*javascript:/i.test(raw) ? safeDecode(raw.replace(/^\s*javascript:/i, '')) : undefined;
}

/** The longest inline script the sandbox is given. */
const SANDBOXED_SCRIPT = 1 << 20;

function inlineCode(el: Element, max = MAX_SCRIPT): string {
  return el.children.map((c) => ('data' in c ? (c as { data: string }).data : '')).join('').slice(0, max);
}

function selfRunning(el: Element): string | undefined {
  const a = el.attribs;
  const code = [a['onload'], a['onerror'], a['onpageshow'], a['onstart'], 'autofocus' in a ? a['onfocus'] : undefined, 'open' in a ? a['ontoggle'] : undefined].filter((c) => c?.trim());
  return code.length ? code.join(';\n') : undefined;
}

/** A host this page may link and load without suspicion: its own site, gov.cn/.政务, the allowlist. */
export function isTrusted(host: string, domain: string, page: Page, ctx: Context): boolean {
  const own = asciiHost(new URL(page.finalUrl || page.url).hostname);
  if (host === own || domain === registrable(own)) return true;
  if (isGovSuffix(host) || TRUSTED_DOMAINS.has(domain)) return true;
  if (ownerOf(host, ctx.inventory)) return true;
  return (ctx.trustedHosts ?? []).some((t) => host === t || host.endsWith(`.${t}`));
}

export function elementLabel(el: Element): string {
  return describe(el);
}
