/**
 * links.hijacked — outbound links that now lead somewhere they must not: a domain that no longer
 * resolves (its registration lapsed: anyone may buy it), a registrar's parking or domain-sale
 * page, a page with gambling, pornography or other prohibited content (wording.prohibited's
 * lexicon, after redirects); and links dressed as a government site (the anchor names a 人民政府,
 * a 政务 platform or a gov.cn address) that lead to a host outside gov.cn and the trusted hosts.
 * 发布或链接有害信息 is a single veto of 19号: critical when the homepage carries the link.
 */
import type { Context, SiteCheck, Span, Site } from '../types';
import { byTarget, carriedBy } from './carriers';
import { readableUrl } from './readable-url';

/**
 * Anchor text that presents a link as a government site: the anchor is a site's name (示范市人民政府,
 * 中国政府网, 省政务服务网, 全国人大, 市教育局官网) or a gov.cn address. Not an anchor that only mentions one:
 * an article's title (示范市人民政府关于…的通知, 省人民政府召开常务会议) linking a news site's report is
 * an ordinary outbound link.
 */
const DRESSED = /^[\p{Script=Han}（）()·]{0,24}?(?:人民政府(?:门户)?(?:网站?)?|政府(?:门户)?网站?|政务(?:服务)?(?:网|平台)|人民代表大会(?:常务委员会)?(?:网站?)?|人大(?:常委会)?(?:网站?)?|政协(?:网站?)?|(?:部|厅|局|委员会|委|办)(?:官方)?(?:网站|官网|门户(?:网站)?))$|\.gov\.cn/u;
/** Hosts of the state and its official media; edu.cn and 公益 are registered only by the bodies they name. */
const OFFICIAL_HOST = /(?:^|\.)(?:gov|edu)\.cn$|(?:^|\.)政务$|(?:^|\.)公益$|(?:^|\.)(?:people|xinhuanet|news|12371|12377|12388|12315|12345|conac)\.cn$|(?:^|\.)(?:people|xinhuanet|rmzxb)\.com\.cn$|(?:^|\.)(?:people|xinhuanet|cctv)\.com$/iu;

function trusted(host: string, ctx: Context, site: Site): boolean {
  if (OFFICIAL_HOST.test(host)) return true;
  if (site.urls.some((u) => new URL(u).hostname === host)) return true;
  return (ctx.trustedHosts ?? []).some((t) => host === t || host.endsWith(`.${t}`));
}

export const hijackedLinks: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'links.hijacked',
    family: 'links',
    title: '外链被劫持或指向有害内容 (outbound link hijacked)',
    severity: 'high',
    duty: 'security',
    basis: '国办秘函〔2019〕19号 单项否决 1 (发布或链接反动、暴力、色情等有害信息); 国办发〔2017〕47号 《政府网站发展指引》 (外部链接管理)',
    description:
      'Outbound links whose domain no longer resolves (medium), is parked or for sale (medium), or serves prohibited ' +
      'content after redirects (high; critical on the homepage); and links whose anchor presents a government site but ' +
      'whose host is outside gov.cn, the site\'s own hosts and `tamper.trustedHosts` (medium).',
    fix: '立即删除或更正该外部链接，核实外链管理制度（定期检查外链有效性）。 Remove or correct the link now.',
    version: 1,
    sensitive: false,
  },
  run(site: Site, ctx: Context): Span[] {
    const out: Span[] = [];
    for (const c of byTarget(site, site.links.filter((l) => l.hijack))) {
      const how = c.observations[0]!.hijack!;
      const harmful = how.startsWith('prohibited');
      const why = how === 'unresolvable' ? '域名已无法解析（可能已过期，可被他人注册）' : how === 'parked' ? '域名已停放或出售' : `目标页面含违法有害内容（${how.slice('prohibited: '.length)}）`;
      out.push({
        target: c.to,
        url: c.to,
        discriminator: c.to,
        severity: harmful ? (c.onHomepage ? 'critical' : 'high') : 'medium',
        message: `外部链接 -> ${readableUrl(c.to)}：${why}；${carriedBy(c, site)}`,
      });
    }
    // Links dressed as a government site, among every outbound link the crawl checked.
    const dressed = site.links.filter((l) => l.external && !l.hijack && l.anchor && DRESSED.test(l.anchor.replace(/\s+/g, '')) && !trusted(new URL(l.to).hostname, ctx, site));
    for (const c of byTarget(site, dressed)) {
      out.push({
        target: c.to,
        url: c.to,
        discriminator: `dressed|${c.to}`,
        severity: 'medium',
        message: `链接“${c.observations[0]!.anchor!.slice(0, 30)}”以政府网站名义指向非政府网站 ${new URL(c.to).hostname}；${carriedBy(c, site)}`,
      });
    }
    return out;
  },
};
