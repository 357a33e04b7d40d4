/**
 * links.broken — links that do not open: internal pages, images, scripts, stylesheets, frames and
 * attachments the crawl fetched, and outbound links checked once per run; a 4xx/5xx, no answer, a
 * redirect loop, or a soft 404 (a 200 that is the host's error page, a missing page redirected to
 * the homepage). One finding per target, naming how many pages carry it; medium when the homepage
 * does (19号 weighs a homepage link ten times another). An outbound domain that no longer resolves
 * is links.hijacked's, not this rule's.
 */
import type { SiteCheck, Span, Site } from '../types';
import { byTarget, carriedBy } from './carriers';

function what(l: Site['links'][number]): string {
  if (l.soft404) return '页面不存在（服务器答 200）';
  return l.error ?? `HTTP ${l.status}`;
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
      'medium when the homepage carries it, low elsewhere. Targets excluded by robots.txt, or beyond the per-run cap ' +
      'on outbound hosts, are not fetched and not reported.',
    fix: '修复或删除失效链接；附件已下线的应同时删除引用，外部网站失效的应删除链接。 Fix the target or remove the link.',
    version: 2,
    sensitive: false,
  },
  run(site: Site): Span[] {
    const broken = site.links.filter((l) => !l.hijack && (l.soft404 || l.error !== undefined || (l.status !== undefined && l.status >= 400)));
    return byTarget(site, broken).map((c) => {
      const first = c.observations[0]!;
      const anchor = c.observations.find((o) => o.anchor)?.anchor;
      return {
        target: c.to,
        url: c.to,
        discriminator: c.to,
        severity: c.onHomepage ? 'medium' : 'low',
        message: `${first.external ? '外部链接' : '链接'}${anchor ? `“${anchor.slice(0, 30)}” ` : ' '}-> ${c.to}（${what(first)}）；${carriedBy(c, site)}`,
      };
    });
  },
};
