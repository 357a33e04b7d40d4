/**
 * Key pages rendered in Chromium (reference counterfeit-tamper.md §0.4, §6, §8): the homepage and
 * configured key pages opened as a desktop browser and as a visitor arriving from a Baidu search,
 * scripts run and timers given a moment, then every link judged on computed style and layout the
 * way a reader's browser shows it. What comes back is data (checks/tamper/rendered.ts and two
 * rendered profile views for tamper.cloaking): the rules judge it beside the served HTML.
 *
 * The browser is the system's Chromium (`XUNJIAN_BROWSER` names another, `none` turns rendering
 * off), never a downloaded one. A page that could not be rendered is an error of the run, said,
 * never a clean rendering.
 */
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Clock, Logger } from '../../checks/types';
import type { RenderedPage } from '../../checks/tamper/rendered';
import { asciiHost, registrable } from '../../checks/counterfeit/hosts';
import { PROFILES, viewOf, type ProfileCapture, type ProfileName, type ProfileView } from '../../checks/tamper/profiles';
import type { InputError } from '../sources/source';
import { beforeDeadline } from '../deadline';

const MAX_LOADED = 300;
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The browser to render with: `XUNJIAN_BROWSER` (a path, or `none`), else the first system Chromium found. */
export function browserPath(env: NodeJS.ProcessEnv = process.env): string | 'none' | undefined {
  const set = env['XUNJIAN_BROWSER']?.trim();
  if (set) return set === 'none' ? 'none' : set;
  return CANDIDATES.find((p) => existsSync(p));
}

export interface RenderOptions {
  browser: string;
  clock: Clock;
  log: Logger;
  /** Per page and profile, navigation included. */
  timeoutMs?: number;
  /** After the load event, for timers that build or hide links (setTimeout, a slider starting). */
  settleMs?: number;
  signal?: AbortSignal;
}

export interface RenderResult {
  /** By the address asked for, and by where it ended. */
  pages: Map<string, RenderedPage>;
  /** Rendered desktop and search-visitor views, for tamper.cloaking (script redirects by Referer). */
  captures: ProfileCapture[];
  errors: InputError[];
}

/**
 * Run in the page (a string, so no compiler or coverage tool rewrites it): each http(s) link with
 * why a reader cannot see it — display/visibility/content-visibility on it or an ancestor,
 * opacity and filter: opacity() (product over ancestors ≤ 0.05), a racing or flat marquee, clip and
 * clip-path, an ancestor of ≤ 1 px that clips, no box at all, boxes under 2 px, boxes wholly outside
 * the document, covered by other content under a negative z-index (elementFromPoint), text under 2 px, transparent (not gradient text) or in its background's colour
 * (WCAG contrast < 1.2).
 */
const COLLECT = `(() => {
  const MAX = 5000;
  const de = document.documentElement;
  const docW = Math.max(de.scrollWidth, de.clientWidth, innerWidth), docH = Math.max(de.scrollHeight, de.clientHeight, innerHeight);
  const rgb = (c) => { const m = /rgba?\\(([^)]+)\\)/.exec(c || ''); if (!m) return null; const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const backdrop = (el) => { for (let e = el; e; e = e.parentElement) { const s = getComputedStyle(e); if (s.backgroundImage && s.backgroundImage !== 'none') return null; const c = rgb(s.backgroundColor); if (c && c.a >= 0.9) return c; } return { r: 255, g: 255, b: 255, a: 1 }; };
  const name = (e, a) => e === a ? '链接' : '<' + e.tagName.toLowerCase() + (e.id ? '#' + e.id : e.classList[0] ? '.' + e.classList[0] : '') + '>';
  function why(a) {
    let opacity = 1;
    for (let e = a; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none') return name(e, a) + ' display:none';
      if (s.visibility === 'hidden' || s.visibility === 'collapse') return name(e, a) + ' visibility:' + s.visibility;
      if (s.contentVisibility === 'hidden') return name(e, a) + ' content-visibility:hidden';
      opacity *= parseFloat(s.opacity);
      const filtered = /opacity\\(\\s*([\\d.]+)(%?)\\s*\\)/.exec(s.filter || '');
      if (filtered) opacity *= parseFloat(filtered[1]) / (filtered[2] ? 100 : 1);
      if (opacity <= 0.05) return name(e, a) + (filtered ? ' filter:' + s.filter : ' opacity:' + s.opacity);
      if (e.tagName === 'MARQUEE' && (parseInt(e.getAttribute('scrollamount') || '6', 10) >= 100 || e.clientHeight <= 2 || e.clientWidth <= 2)) return name(e, a) + ' 滚动过快或高度为 0';
      if (/inset\\(\\s*50%|circle\\(\\s*0(px|%)?\\s*(at|\\))/.test(s.clipPath || '')) return name(e, a) + ' clip-path:' + s.clipPath;
      if ((s.position === 'absolute' || s.position === 'fixed') && /rect\\(\\s*0(px)?[\\s,]+0(px)?[\\s,]+0(px)?[\\s,]+0(px)?\\s*\\)/.test(s.clip || '')) return name(e, a) + ' clip:' + s.clip;
      if (e !== a && s.overflow !== 'visible') { const r = e.getBoundingClientRect(); if (r.width <= 1 || r.height <= 1) return name(e, a) + ' overflow:' + s.overflow + '，尺寸 ' + Math.round(r.width) + '×' + Math.round(r.height) + 'px'; }
    }
    const boxes = [a, ...a.querySelectorAll('*')].flatMap((e) => [...e.getClientRects()]);
    if (!boxes.length) return '链接没有任何显示区域';
    if (boxes.every((r) => r.width < 2 || r.height < 2)) return '链接显示区域不足 2px';
    const x = scrollX, y = scrollY;
    if (boxes.every((r) => r.right + x <= 0 || r.bottom + y <= 0 || r.left + x >= docW || r.top + y >= docH)) {
      const r = boxes[0];
      return '链接位于页面之外（' + Math.round(r.left + x) + ', ' + Math.round(r.top + y) + '）';
    }
    // Under a negative z-index a link hides only where something opaque covers it: ask the page what is on top.
    for (let e = a; e; e = e.parentElement) {
      const z = getComputedStyle(e);
      if (z.position === 'static' || !(parseInt(z.zIndex, 10) < 0)) continue;
      const r = boxes[0];
      const cx = r.left + r.width / 2 + scrollX, cy = r.top + r.height / 2 + scrollY;
      scrollTo(Math.max(0, cx - innerWidth / 2), Math.max(0, cy - innerHeight / 2));
      // On top, and painted (a background of its own, up to the link's common ancestor): a
      // transparent wrapper is on top of every negative layer without hiding anything.
      for (let c = document.elementFromPoint(cx - scrollX, cy - scrollY); c && !c.contains(a) && !a.contains(c); c = c.parentElement) {
        const cs = getComputedStyle(c), bg = rgb(cs.backgroundColor);
        if ((bg && bg.a >= 0.9) || (cs.backgroundImage && cs.backgroundImage !== 'none')) return name(e, a) + ' z-index:' + z.zIndex + '，被其他内容覆盖';
      }
      break;
    }
    const s = getComputedStyle(a);
    const pictured = a.querySelector('img, svg, canvas, video, picture');
    if (!pictured && (a.textContent || '').trim()) {
      if (parseFloat(s.fontSize) < 2) return '链接文字 font-size:' + s.fontSize;
      const fg = rgb(s.color), bg = backdrop(a);
      // Transparent text is hidden unless a background is clipped to it (gradient text).
      if (fg && fg.a <= 0.05 && !/text/.test(s.backgroundClip || s.webkitBackgroundClip || '')) return '链接文字颜色透明';
      if (fg && bg && fg.a > 0.5) { const l1 = lum(fg), l2 = lum(bg); if ((Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05) < 1.2) return '链接文字颜色与背景相同（' + s.color + '）'; }
    }
    return undefined;
  }
  const links = [];
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    if (links.length >= MAX) break;
    const url = a.href;
    if (typeof url !== 'string' || !/^https?:/i.test(url)) continue;
    const hidden = why(a);
    links.push({ url, text: (a.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 100), title: (a.getAttribute('title') || '').slice(0, 100), ...(hidden ? { hidden } : {}) });
  }
  const metas = [...document.querySelectorAll('meta[name]')].map((m) => ({ name: m.getAttribute('name').toLowerCase(), content: (m.getAttribute('content') || '').slice(0, 1000) })).filter((m) => m.name === 'keywords' || m.name === 'description');
  return { finalUrl: location.href, title: document.title, metas, links };
})()`;

/** The answer, or an error once `ms` have passed without one. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return beforeDeadline(p, ms, () => new Error(`${what} took more than ${Math.round(ms / 1000)} s (a script on the page that never stops running?)`));
}

/** One page opened as one profile; the page's markup as rendered, for the profile view. */
async function open(browser: Browser, url: string, profile: ProfileName, o: RenderOptions, referer?: string): Promise<{ page: RenderedPage; html: string; status: number }> {
  const context: BrowserContext = await browser.newContext({
    userAgent: PROFILES[profile].userAgent, locale: 'zh-CN', viewport: { width: 1366, height: 768 }, acceptDownloads: false, serviceWorkers: 'block',
  });
  try {
    const tab = await context.newPage();
    // A page that opens windows (pop-unders) or asks questions (alert) must not hold the rendering.
    context.on('page', (p) => void (p !== tab && p.close().catch(() => undefined)));
    tab.on('dialog', (d) => void d.dismiss().catch(() => undefined));
    const timeout = o.timeoutMs ?? 20_000;
    tab.setDefaultTimeout(timeout);
    // The page's own navigation off its site (a script redirect) is noted and stopped: where it
    // goes is the evidence, and a casino's page is no part of the office's to render.
    const home = registrable(asciiHost(new URL(url).hostname));
    let leftFor: string | undefined;
    await tab.route('**/*', (route, request) => {
      if (request.isNavigationRequest() && request.frame() === tab.mainFrame() && /^https?:/i.test(request.url())) {
        const to = new URL(request.url());
        if (registrable(asciiHost(to.hostname)) !== home) {
          leftFor ??= to.href;
          return route.abort('blockedbyclient');
        }
      }
      return route.continue();
    });
    // The answer first; then the document and its load event, which a stuck third-party script (a
    // statistics counter's <script src> that never answers stops the parser) may hold back: past
    // half the time the page is read as far as it was built.
    // What the page loads to run, by its own markup or by its scripts: vetted by tamper.injected-script.
    const loaded = new Map<string, 'script' | 'iframe' | 'websocket'>();
    tab.on('request', (r) => {
      const kind = r.resourceType() === 'script' ? 'script' : r.resourceType() === 'document' && r.frame() !== tab.mainFrame() ? 'iframe' : undefined;
      if (kind && /^https?:/i.test(r.url()) && loaded.size < MAX_LOADED) loaded.set(r.url(), kind);
    });
    tab.on('websocket', (ws) => void (loaded.size < MAX_LOADED && loaded.set(ws.url(), 'websocket')));
    const res = await tab.goto(url, { waitUntil: 'commit', timeout, ...(referer ? { referer } : {}) });
    await tab.waitForLoadState('load', { timeout: timeout / 2 }).catch(() => undefined);
    await tab.waitForTimeout(o.settleMs ?? 1_500);
    // A redirect on the site may still be under way: let it land before reading.
    await tab.waitForLoadState('load', { timeout: timeout / 2 }).catch(() => undefined);
    // Reading the page runs in its own thread, which a script that never yields (`while(true){}`,
    // planted to stop a scanner) holds for ever: playwright's evaluate has no timeout of its own.
    const page = (await within(tab.evaluate(COLLECT), timeout / 2, 'reading the rendered page')) as RenderedPage;
    if (leftFor) page.finalUrl = leftFor;
    if (loaded.size) page.loaded = [...loaded].map(([u, kind]) => ({ url: u, kind }));
    return { page, html: await within(tab.content(), timeout / 2, 'reading the rendered markup'), status: res?.status() ?? 0 };
  } finally {
    await context.close().catch(() => undefined);
  }
}

export async function renderKeyPages(urls: readonly string[], o: RenderOptions): Promise<RenderResult> {
  const out: RenderResult = { pages: new Map(), captures: [], errors: [] };
  if (!urls.length) return out;
  const { chromium } = await import('playwright-core');
  let browser: Browser;
  const args = ['--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  const launch = (sandboxed: boolean): Promise<Browser> => chromium.launch({ executablePath: o.browser, args: sandboxed ? args : ['--no-sandbox', ...args] });
  try {
    // Chromium's own sandbox where it can have one; it refuses root, and containers without user
    // namespaces cannot give it: then without, said in the log (the pages rendered are the office's own).
    browser = await launch(process.getuid?.() !== 0).catch(async (e: Error) => {
      if (process.getuid?.() === 0) throw e;
      o.log.warn({ browser: o.browser, err: e.message.split('\n')[0] }, 'Chromium could not start its sandbox; rendering without it');
      return launch(false);
    });
  } catch (e) {
    const message = `Chromium (${o.browser}) could not start: ${(e as Error).message.split('\n')[0]}; key pages were not rendered (set XUNJIAN_BROWSER, or none)`;
    o.log.warn({ browser: o.browser }, message);
    out.errors.push({ input: urls[0]!, code: 'render-failed', message });
    return out;
  }
  try {
    for (const url of urls) {
      if (o.signal?.aborted) break;
      const views: ProfileView[] = [];
      try {
        // Both at once (most of a rendering is waiting for timers). The search is for the site's
        // host: scripts keyed on the Referer look for the engine, not the words.
        const [desktop, visitor] = await Promise.all([
          open(browser, url, 'desktop', o),
          open(browser, url, 'search-visitor', o, PROFILES['search-visitor'].referer!(new URL(url).hostname)),
        ]);
        out.pages.set(url, desktop.page);
        out.pages.set(desktop.page.finalUrl, desktop.page);
        views.push(viewOf('desktop', url, desktop.page.finalUrl, desktop.status, desktop.html));
        views.push(viewOf('search-visitor', url, visitor.page.finalUrl, visitor.status, visitor.html));
      } catch (e) {
        const message = `not rendered: ${(e as Error).message.split('\n')[0]}`;
        o.log.warn({ url }, message);
        out.errors.push({ input: url, code: 'render-failed', message });
      }
      if (views.length === 2) out.captures.push({ url, at: o.clock.now().toISOString(), rendered: true, views });
    }
  } finally {
    await browser.close().catch(() => undefined);
  }
  return out;
}
