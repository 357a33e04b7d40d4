/**
 * links.broken — internal links (pages, images, attachments) that do not open.
 *
 * Works on the crawler's link observations, not on pages: one link target broken on 300 pages is
 * 300 places to fix, reported once per (source page, target) so trackers see stable rows.
 */
import type { SiteCheck, Span, Site } from '../types';

function isHomepage(site: Site, url: string): boolean {
  return site.urls.some((u) => stripSlash(u) === stripSlash(url));
}

function stripSlash(u: string): string {
  return u.replace(/\/(index\.s?html?)?$/i, '');
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
      'Reports links inside the site whose target answered 4xx/5xx, failed to connect, timed out or redirected in a loop. ' +
      'Links on the homepage are medium, elsewhere low. Targets excluded by robots.txt or scope are not fetched and not reported.',
    fix: '修复或删除失效链接；附件已下线的应同时删除引用。 Fix the target or remove the link.',
    version: 1,
    sensitive: false,
  },
  run(site: Site): Span[] {
    const spans: Span[] = [];
    for (const l of site.links) {
      const broken = l.error !== undefined || (l.status !== undefined && l.status >= 400);
      if (!broken) continue;
      const what = l.error ?? `HTTP ${l.status}`;
      spans.push({
        target: l.to,
        url: l.from,
        discriminator: l.to,
        severity: isHomepage(site, l.from) ? 'medium' : 'low',
        message: `${l.anchor ? `“${l.anchor.slice(0, 30)}” ` : ''}-> ${l.to} (${what})`,
      });
    }
    return spans;
  },
};
