/**
 * counterfeit.gov-claim — a page presents itself as a government site on a host that cannot be one.
 *
 * Since 国办函〔2018〕55号 government sites use only `.gov.cn` and `.政务`; a page elsewhere that
 * carries a 网站标识码, the CONAC 党政机关 mark, the 找错 widget, or names a 人民政府/厅/局/委 as its
 * own site (SiteName meta, the site part of its title, 主办单位 in its footer) is impersonating one.
 * Subsidy and certificate scams use generic templates, so the claim with a form asking for ID,
 * bank card, SMS code or password — or an app to install, or a code to pay by — is critical
 * however little the page resembles a real site (reference counterfeit-tamper.md §4,
 * gov-impersonation-phishing). A news page that merely
 * mentions a government in its headline is not a claim.
 */
import type { Context, Page, PageCheck, Skipped, Span } from '../types';
import { GOV_NAME, identityMarks, isGovName, isSiteCodeShape, markupWithIncludes, type IdentityMarks } from './marks';
import { isOfficialHost, servedHost } from './hosts';
import { intentOf } from './intent';
import { copiedFrom } from './identity-copy';

/**
 * The parts of a title a site signs with: the last (`文章标题_XX市人民政府`), the first when the last is
 * no site's name (`国家税务总局 - 个人所得税退税`), or the whole. `湖北省人民政府_领导留言板_人民网` is
 * 人民网's page about a government, not a claim.
 */
function titleSites(title: string): string[] {
  const parts = title.split(/\s*[_|｜—–-]{1,2}\s*/).filter(Boolean);
  if (parts.length < 2) return parts;
  const last = parts.at(-1)!;
  return /(?:网|网站|平台|门户|频道|客户端|日报|晚报|在线|app|\.com|\.cn|\.net)$/i.test(last) && !isGovName(last) ? [last] : [last, parts[0]!];
}

export function governmentClaims(m: IdentityMarks): string[] {
  const claims: string[] = [];
  for (const c of m.siteCodes) if (isSiteCodeShape(c.value)) claims.push(`网站标识码 ${c.value}（${c.from}）`);
  if (m.conac.length) claims.push('党政机关网站标识 (CONAC)');
  if (m.siteName && GOV_NAME.test(m.siteName)) claims.push(`SiteName「${m.siteName}」`);
  for (const site of titleSites(m.title)) if (isGovName(site)) claims.push(`标题署名「${site}」`);
  for (const s of m.sponsors) if (GOV_NAME.test(s)) claims.push(`主办单位「${s}」`);
  for (const l of m.logos) if (isGovName(l)) claims.push(`页面标志「${l}」`);
  return [...new Set(claims)];
}

export const govClaim: PageCheck = {
  kind: 'page',
  meta: {
    id: 'counterfeit.gov-claim',
    family: 'counterfeit',
    title: '假冒政府网站：非政府域名页面冒用政府身份 (page claims a government identity off gov.cn)',
    severity: 'high',
    duty: 'security',
    basis: '国办函〔2018〕55号 (政府网站仅使用 .gov.cn 与 .政务 域名); 中网办发文〔2014〕1号; 国办发〔2017〕47号',
    description:
      'Fires when a page on a host outside gov.cn, .政务/.公益 and the configured sites\u2019 hosts carries a 网站标识码, the CONAC mark ' +
      'or the 找错 widget, or names a government body as its own site (SiteName, the part of its title that signs it, 主办单位/' +
      'Copyright in the footer, its logo), a name and not a sentence that mentions one. Critical ' +
      'when its forms ask for ID numbers, bank cards, balances, SMS codes or passwords, or it links an app to install (.apk) or ' +
      'asks to pay by scanning a code. A page already reported by ' +
      'counterfeit.identity-copy (it copies a configured site\u2019s marks) is not reported again. List legitimate non-gov hosts in counterfeit.officialHosts.',
    fix: '核实该网站是否为本单位开办；如非，向 12377.cn 举报并通报公安机关。 Verify the host; if it is not an official one, report it to 12377.cn and the police.',
    version: 1,
    sensitive: false,
  },
  run(page: Page, ctx: Context): Span[] | Skipped {
    const host = servedHost(page);
    if (typeof host !== 'string') return host;
    if (isOfficialHost(host, ctx.inventory)) return [];
    const markup = markupWithIncludes(page);
    const claims = governmentClaims(identityMarks(markup));
    if (!claims.length) return [];
    if (ctx.inventory && copiedFrom(markup, host, ctx.inventory.sites).length) return [];
    const intent = intentOf(page.source);
    const asks = intent.asks.length ? `；页面表单索取${intent.asks.join('、')}` : '';
    const lures = intent.lures.length ? `；诱导用语：${intent.lures.slice(0, 5).join('、')}` : '';
    const pushes = intent.pushes.length ? `；页面${intent.pushes.join('、')}` : '';
    // An app to install or a code to pay by takes as much from a visitor as a form does; a chat 客服 alone does not.
    const harms = intent.asks.length > 0 || intent.pushes.some((p) => p !== 'QQ/微信客服');
    return [{
      target: page.finalUrl || page.url,
      severity: harms ? 'critical' : 'high',
      message: `${host} 不是政府网站域名，页面却以政府网站身份出现：${claims.join('；')}${asks}${pushes}${lures}`,
      discriminator: 'claim',
    }];
  },
};
