/**
 * newmedia.dead-menu — a government account's menu (自定义菜单) with an entry that does not open:
 * 4xx/5xx, no answer, or a page that says it is missing. 19号 deducts for 功能菜单不可用 (the
 * service menu is how citizens reach 办事 from the account). Judged only when the account's menu is
 * configured (`accounts[].menu` or `menuFile`); an entry robots.txt keeps us from is not judged.
 */
import type { SiteCheck, Skipped, Span } from '../types';

export const deadMenu: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'newmedia.dead-menu',
    family: 'newmedia',
    title: '政务新媒体菜单不可用 (account menu entry does not open)',
    severity: 'medium',
    duty: 'operations',
    basis: '国办秘函〔2019〕19号 政务新媒体检查指标 (功能设置：菜单栏目无法使用); 国办发〔2018〕123号',
    description:
      'Menu entries of a government account (`accounts[].menu`, or the platform\'s export in `menuFile`) whose link ' +
      'answers 4xx/5xx, does not answer, or opens a page that says it is missing. Needs the menu configured; entries ' +
      'robots.txt disallows are not fetched and not reported.',
    fix: '修复或删除失效的菜单链接。 Fix or remove the menu entry.',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] | Skipped {
    const menu = site.account?.menu;
    if (!menu) return { skipped: 'no menu configured for this account' };
    return menu
      .filter((m) => m.error !== 'robots' && (m.soft404 || m.error !== undefined || (m.status !== undefined && m.status >= 400)))
      .map((m) => ({
        target: m.url,
        url: m.url,
        discriminator: `menu|${m.url}`,
        message: `菜单“${m.name}”打不开：${m.url}（${m.soft404 ? '页面不存在（服务器答 200）' : m.error ?? `HTTP ${m.status}`}）`,
      }));
  },
};
