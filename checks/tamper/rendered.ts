/**
 * A key page as Chromium rendered it (reference counterfeit-tamper.md §0.4 and §8): every link
 * with the reason a reader cannot see it, judged on computed styles and layout after the page's
 * scripts ran, and the title and TDK metas the scripts left. `scan` renders (pipelines/probe/
 * render.ts); this module is what the tamper rules read of it, so a stored rendering can be judged
 * again offline. It adds what no static reading of the served HTML can: a link hidden by a linked
 * stylesheet, or built by code too obfuscated to follow.
 */
import type { Page } from '../types';
import { asciiHost, registrable } from '../counterfeit/hosts';
import type { LinkSeen } from './resources';
import { BY_RENDER } from './styles';

export interface RenderedLink {
  /** Absolute http(s) address, as the browser resolved it. */
  url: string;
  text: string;
  title: string;
  /** Why a reader cannot see it, from computed style and layout; undefined when shown. */
  hidden?: string;
}

export interface RenderedPage {
  /** Where the browser ended (script redirects included). */
  finalUrl: string;
  title: string;
  /** keywords and description metas after the scripts ran. */
  metas: { name: string; content: string }[];
  links: RenderedLink[];
  /** Scripts, frames and sockets the page loaded while it rendered (its own scripts' loads included). */
  loaded?: { url: string; kind: 'script' | 'iframe' | 'websocket' }[];
}

/**
 * Links hidden in the rendering that the static reading of the served page did not find hidden:
 * shown there (hidden by a stylesheet xunjian did not read) or absent (built by code it could not
 * follow). Weighed as weakly hidden (styles.ts weaklyHidden): a menu hidden by the site's own
 * stylesheet looks the same, so only spam words make one a 暗链.
 */
export function renderedOnlyLinks(page: Page, seen: readonly LinkSeen[]): LinkSeen[] {
  const r = page.rendered;
  if (!r) return [];
  const hiddenBefore = new Set(seen.filter((l) => l.hidden).map((l) => l.url));
  const out: LinkSeen[] = [];
  for (const l of r.links) {
    if (!l.hidden || hiddenBefore.has(l.url)) continue;
    let host: string;
    try {
      host = asciiHost(new URL(l.url).hostname);
    } catch {
      continue;
    }
    const shownBefore = seen.some((s) => s.url === l.url);
    out.push({
      url: l.url, host, domain: registrable(host), text: l.text, title: l.title,
      hidden: `${BY_RENDER}${shownBefore ? '' : '（由脚本生成）'}：${l.hidden}`,
    });
  }
  return out;
}
