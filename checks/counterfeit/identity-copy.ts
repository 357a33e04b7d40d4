/**
 * counterfeit.identity-copy — a page outside a site's hosts carries that site's own identity marks.
 *
 * Copied identity data is the strongest evidence of a counterfeit (reference counterfeit-tamper.md
 * §3): a 网站标识码, ICP or 公安 filing number belongs to one site, so the same number on another
 * host is a copy, whatever the page looks like. Works on any page with a URL: `check FILE --url`,
 * crawled pages (a hijacked folder of our own host does not fire: the host is ours) and the pages
 * `lookalikes` fetches.
 */
import type { Context, InventorySite, Page, PageCheck, Skipped, Span } from '../types';
import { identityMarks, isSiteCodeShape, markupWithIncludes, normaliseFiling } from './marks';
import { isOfficialHost, ownerOf, servedHost } from './hosts';
import { footerIncludes } from './footer-files';

/** The configured values and those seen on the site's own pages, normalised as the marks are. */
function knownMarks(s: InventorySite): { codes: Set<string>; icp: Set<string>; psb: Set<string>; conac: Set<string> } {
  const code = (v: string): string => (/^bm/i.test(v) ? v.toLowerCase() : v);
  const o = s.observed;
  return {
    codes: new Set([...(s.siteCode ? [code(s.siteCode)] : []), ...(o?.siteCodes ?? []).filter(isSiteCodeShape).map(code)]),
    icp: new Set([...(s.icp ? [normaliseFiling(s.icp)] : []), ...(o?.icp ?? [])]),
    psb: new Set([...(s.psb ? [normaliseFiling(s.psb)] : []), ...(o?.psb ?? [])]),
    conac: new Set(o?.conac ?? []),
  };
}

export function copiedFrom(html: string, host: string, sites: readonly InventorySite[]): { site: InventorySite; copied: string[] }[] {
  const m = identityMarks(html);
  const out: { site: InventorySite; copied: string[]; byCode: boolean }[] = [];
  for (const s of sites) {
    if (s.hosts.some((h) => host === h || host.endsWith(`.${h}`))) continue;
    const known = knownMarks(s);
    const copied: string[] = [];
    for (const c of m.siteCodes) if (known.codes.has(c.value)) copied.push(`网站标识码 ${c.value}（${c.from}）`);
    for (const c of m.conac) if (known.conac.has(c.id ?? c.script ?? '')) copied.push(`党政机关网站标识 ${c.id ? `证书 ${c.id}` : `脚本 ${c.script}`}`);
    for (const v of m.icp) if (known.icp.has(v)) copied.push(`ICP备案号 ${v}`);
    for (const v of m.psb) if (known.psb.has(v)) copied.push(`公安备案号 ${v}`);
    // A copy that loads the real site's own footer file shows its visitors every mark in it, without carrying one.
    for (const u of footerIncludes(html, `https://${host}/`)) {
      const h = new URL(u).hostname;
      if (s.hosts.some((x) => h === x || h.endsWith(`.${x}`))) copied.push(`加载本站页脚文件 ${u}`);
    }
    if (copied.length && (m.siteName === s.name || m.sponsors.includes(s.name) || m.title.includes(s.name))) copied.push(`网站名称 ${s.name}`);
    if (copied.length) out.push({ site: s, copied: [...new Set(copied)], byCode: copied.some((c) => c.startsWith('网站标识码') || c.startsWith('党政机关') || c.startsWith('加载本站页脚文件')) });
  }
  // One ICP filing often covers all of an office's sites: a 网站标识码 or CONAC id names the one that was copied.
  const byCode = out.filter((o) => o.byCode);
  return (byCode.length ? byCode : out).map(({ site, copied }) => ({ site, copied }));
}

export const identityCopy: PageCheck = {
  kind: 'page',
  meta: {
    id: 'counterfeit.identity-copy',
    family: 'counterfeit',
    title: '假冒网站：复制了本单位网站的身份标识 (counterfeit: another host carries this site\u2019s identity marks)',
    severity: 'critical',
    duty: 'security',
    basis: '中网办发文〔2014〕1号 (非党政机关网站不得使用党政机关网站标识); 国办发〔2017〕47号 (网站标识码); 国办函〔2018〕55号 (域名)',
    description:
      'Fires when a page on a host that is not one of a configured site\u2019s hosts (urls, crawl hosts, mirrors) carries that ' +
      'site\u2019s 网站标识码 (SiteIDCode meta, footer or 找错 widget), ICP or 公安 filing number. Each copied mark is named. Configure ' +
      'siteCode, icp and psb for every site, and list legitimate mirrors, or the rule has nothing to compare.',
    fix: '向 12377.cn 举报并通报网信、公安部门，保存证据（本记录的快照）；在官网发布声明。 Report to 12377.cn and the police; publish a notice on the official site.',
    version: 1,
    sensitive: false,
  },
  run(page: Page, ctx: Context): Span[] | Skipped {
    const host = servedHost(page);
    if (typeof host !== 'string') return host;
    if (!ctx.inventory?.sites.length) return { skipped: 'no configured site identities to compare with' };
    // Another gov.cn site with our code is a template slip for health.identity, not a counterfeit.
    if (ownerOf(host, ctx.inventory) || isOfficialHost(host, ctx.inventory)) return [];
    return copiedFrom(markupWithIncludes(page), host, ctx.inventory.sites).map(({ site, copied }) => ({
        target: page.finalUrl || page.url,
        message: `${host} 上的页面带有「${site.name}」的身份标识：${copied.join('；')}`,
      discriminator: site.id,
    }));
  },
};
