/**
 * tamper.cloaking — a key page that serves search engines or their visitors something else
 * (reference counterfeit-tamper.md §6, E7): the SEO hijack that shows Baiduspider a gambling page
 * to index, or sends visitors arriving from a search to a casino, while the office opening the
 * site directly sees nothing. Compares the desktop view with the spider's and the search visitor's
 * (redirected off the site, spam only they get, links only they get, text under 20% alike), and
 * the phone's for redirects off the site and spam (a mobile layout is allowed to differ).
 */
import type { SiteCheck, Skipped, Span } from '../types';
import { asciiHost, isGovSuffix, registrable } from '../counterfeit/hosts';
import type { ProfileView } from './profiles';

const ALIKE = 0.2;
/** Text unlike the desktop's is judged only from a view with this many sentences of its own. */
const MIN_SENTENCES = 2;
const NAMES: Record<ProfileView['profile'], string> = { desktop: '桌面浏览器', mobile: '手机浏览器', spider: '百度蜘蛛 (Baiduspider)', 'search-visitor': '从百度搜索进入的访客' };

function overlap(a: readonly number[], b: readonly number[]): number {
  if (!a.length && !b.length) return 1;
  const sa = new Set(a);
  const sb = new Set(b);
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  return inter / Math.max(1, Math.min(sa.size, sb.size) || Math.max(sa.size, sb.size));
}

function domainOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return registrable(asciiHost(new URL(url).hostname));
  } catch {
    return undefined;
  }
}

export const cloaking: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'tamper.cloaking',
    family: 'tamper',
    title: '搜索引擎劫持：对爬虫或搜索来访者展示不同内容 (cloaking for spiders or search visitors)',
    severity: 'critical',
    duty: 'security',
    basis: '国办秘函〔2019〕19号 单项否决 (网站被篡改; 链接色情、赌博等内容); 《网络安全法》第二十一条',
    description:
      'Needs the profile captures of `scan` (key pages fetched as a desktop browser, a phone, Baiduspider and a visitor from a ' +
      'Baidu search, and rendered in Chromium as a desktop browser and a search visitor, where only a redirect off the site or spam words count). Critical: the spider, the search visitor or the phone is redirected off the site and gov.cn, or gets ' +
      'gambling/porn words the desktop view does not have; high: the spider or search visitor gets links to domains the desktop ' +
      'view does not have, or text less than 20% like the desktop\u2019s (from a view of two sentences or more). A profile that could not be fetched ' +
      'is named and not judged, and one answered with an error (a firewall turning away a program posing as Baiduspider) is judged only ' +
      'for a redirect off the site or spam.',
    fix: '检查服务器配置、伪静态规则和被植入的 PHP/ASP 脚本（按 User-Agent 或 Referer 分流的代码），清除后提交搜索引擎快照更新。 Find the server-side code that branches on User-Agent or Referer, remove it, and ask search engines to refresh.',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] | Skipped {
    const captures = site.profiles ?? [];
    if (!captures.length) return { skipped: 'no profile captures in this run (scan fetches them for the key pages)' };
    const out: Span[] = [];
    for (const c of captures) {
      const desktop = c.views.find((v) => v.profile === 'desktop' && !v.error);
      if (!desktop) continue;
      const own = registrable(asciiHost(new URL(c.url).hostname));
      const baseSpam = new Set(desktop.spam);
      const baseLinks = new Set(desktop.linkDomains);
      for (const v of c.views) {
        if (v.profile === 'desktop' || v.error) continue;
        // A firewall turns away a program that calls itself Baiduspider from an address that is not
        // Baidu's (403, 412 and a block page): a refusal, not another page — unless it sends it off the site.
        const refused = v.status !== undefined && v.status >= 400;
        const who = NAMES[v.profile];
        const reasons: string[] = [];
        let severity: Span['severity'] = 'high';
        const to = domainOf(v.finalUrl);
        if (to && to !== own && to !== domainOf(desktop.finalUrl) && !isGovSuffix(asciiHost(new URL(v.finalUrl!).hostname))) {
          reasons.push(`被跳转到 ${new URL(v.finalUrl!).host}`);
          severity = 'critical';
        }
        const spam = v.spam.filter((w) => !baseSpam.has(w));
        if (spam.length) {
          reasons.push(`看到桌面浏览器看不到的「${spam.slice(0, 5).join('、')}」${v.title !== desktop.title ? `（标题「${v.title.slice(0, 60)}」）` : ''}`);
          severity = 'critical';
        }
        // Two renderings differ by their live parts (news, weather, recommendations): only a
        // redirect or spam is read from them — what a script keyed on the Referer does.
        if (v.profile !== 'mobile' && !refused && !c.rendered) {
          const extra = v.linkDomains.filter((d) => !baseLinks.has(d));
          if (extra.length) reasons.push(`多出指向 ${extra.slice(0, 5).join('、')} 的链接`);
          // A page of a line or none (a firewall's 正在验证您的浏览器 challenge) says nothing else to index.
          const alike = overlap(desktop.sentences, v.sentences);
          if (alike < ALIKE && v.sentences.length >= MIN_SENTENCES && !reasons.length) reasons.push(`正文与桌面浏览器所见仅 ${Math.round(alike * 100)}% 相同`);
        }
        if (!reasons.length) continue;
        const how = c.rendered ? '（浏览器渲染，脚本执行后）' : '';
        out.push({ target: c.url, url: c.url, severity, message: `${who}${how}访问 ${c.url} 时${reasons.join('；')}`, discriminator: c.rendered ? `rendered:${v.profile}` : v.profile });
      }
    }
    return out;
  },
};
