/**
 * links.broken — links that do not open: internal pages, images, scripts, stylesheets, frames and
 * attachments the crawl fetched, and outbound links checked once per run; a 4xx/5xx, no answer, a
 * redirect loop, or a soft 404 (a 200 that is the host's error page, a missing page redirected to
 * the homepage). One finding per target, naming how many pages carry it; medium when the homepage
 * does (19号 weighs a homepage link ten times another). An outbound domain that no longer resolves
 * is links.hijacked's, not this rule's. A link into a page at an `#id` the page lacks is low.
 *
 * A host that fails once is often only busy: a timeout, a refused connection or a 5xx seen for the
 * first time is info ("首次失败"), and becomes a broken link when the next run that checks links
 * fails it again. A 404, a soft 404 or a missing anchor is an answer, not a hiccup: reported at once.
 * An outbound host that refuses programs (403, 412, 999) is shown for a person to try, as info.
 */
import type { LinkObservation, SiteCheck, Span, Site, Severity } from '../types';
import { byTarget, carriedBy } from './carriers';
import { readableUrl } from './readable-url';

function what(l: LinkObservation): string {
  if (l.missingAnchor) return `页面中没有锚点 #${l.missingAnchor}`;
  if (l.soft404) return '页面不存在（服务器答 200）';
  return l.error ?? `HTTP ${l.status}`;
}

/** No answer, or an answer that says "not now" rather than "not here". */
function transient(l: LinkObservation): boolean {
  if (l.soft404 || l.missingAnchor) return false;
  if (l.status === undefined) return true;
  return l.status >= 500 || l.status === 408 || l.status === 429;
}

/**
 * Answers a site's defences give a program and not a browser: 瑞数-style 412 challenges, 403 bot
 * walls, 999. On an outbound link they say "not you", not "not here": a visitor's browser usually
 * opens the page, so they are shown for a person to try (info), never counted as broken — and the
 * crawler identifies itself honestly rather than dress up as a browser to get past them.
 */
export const REFUSED_TO_PROGRAMS: ReadonlySet<number> = new Set([403, 412, 418, 999]);

function refusedToPrograms(l: LinkObservation): boolean {
  return Boolean(l.external) && !l.soft404 && !l.missingAnchor && (l.challenge !== undefined || (l.status !== undefined && REFUSED_TO_PROGRAMS.has(l.status)));
}

export function isBroken(l: LinkObservation): boolean {
  return !l.hijack && Boolean(l.soft404 || l.missingAnchor || l.error !== undefined || (l.status !== undefined && l.status >= 400));
}

export const brokenLinks: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'links.broken',
    family: 'links',
    title: '链接不可用 (broken link)',
    severity: 'low',
    duty: 'operations',
    basis: '国办秘函〔2019〕19号 扣分指标: 首页上的链接打不开或错误的每个扣1分，其他页面每个扣0.1分',
    description:
      'Links on crawled pages — internal and outbound pages, images, scripts, stylesheets, frames, attachments — whose ' +
      'target answered 4xx/5xx, did not answer, redirected in a loop, or is a soft 404 (the host\'s error page served ' +
      'with 200, or a missing page redirected to the homepage). One finding per target with the pages that carry it; ' +
      'medium when the homepage carries it, low elsewhere; a link to an `#id` its page lacks is low. A timeout, refused ' +
      'connection or 5xx seen for the first time is info (a busy host) until the next run fails it again; an outbound ' +
      'host that refuses programs (403, 412, 418, 999, or any error status with a firewall\'s bot challenge) is info, for a person to try. Targets ' +
      'excluded by robots.txt, or beyond the per-run cap on outbound hosts, are not fetched and not reported.',
    fix: '修复或删除失效链接；附件已下线的应同时删除引用，外部网站失效的应删除链接。 Fix the target or remove the link.',
    version: 3,
    sensitive: false,
  },
  run(site: Site): Span[] {
    return byTarget(site, site.links.filter(isBroken)).map((c) => {
      const first = c.observations[0]!;
      const anchor = c.observations.find((o) => o.anchor)?.anchor;
      const streak = (site.linkFailuresBefore?.get(c.to) ?? 0) + 1;
      const weighted: Severity = first.missingAnchor ? 'low' : c.onHomepage ? 'medium' : 'low';
      const refused = refusedToPrograms(first);
      const once = !refused && transient(first) && streak === 1;
      const history = refused
        ? '：对方网站拒绝了检测程序，多为网站防护策略，浏览器通常可以打开，请人工核实'
        : once ? '；首次失败，可能为临时故障，下次检测仍失败即计为失效链接' : streak > 1 ? `；连续 ${streak} 次检测失败` : '';
      return {
        target: c.to,
        url: c.to,
        discriminator: c.to,
        severity: once || refused ? 'info' : weighted,
        message: `${first.external ? '外部链接' : '链接'}${anchor ? `“${anchor.slice(0, 30)}” ` : ' '}-> ${readableUrl(c.to)}（${what(first)}${history}）；${carriedBy(c, site)}`,
      };
    });
  },
};
