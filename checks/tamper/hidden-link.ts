/**
 * tamper.hidden-link — 暗链: links a reader cannot see, to another site, that carry spam. Hidden
 * by the CSS cascade (display, visibility, opacity, font-size 0, off-screen positions and margins,
 * text-indent, zero size with overflow hidden, clip, transforms, a negative z-index, text in its
 * background colour, a zero-height or racing marquee), by the page's script at load, by a container
 * that is never rendered (noscript, template, an HTML comment, an image map no image uses) or by a
 * script that writes them (document.write, innerHTML, jQuery's append/html/$('<div…>'), elements
 * built with createElement), plainly, through string variables and joined arrays, or obfuscated
 * (escapes, String.fromCharCode, base64, packer); on key pages, also as Chromium rendered them.
 *
 * Hiding alone is everywhere on government pages (menus, tabs, carousels, 适老化 toolbars), so a
 * hidden link is reported only when it is external AND spam words are in its text, title or URL,
 * or it is one of ≥ 5 hidden external links (a link farm), or its domain is new to the site, on a
 * risky TLD or a URL shortener (reference counterfeit-tamper.md §8). The CONAC badge's script is
 * not a hider. One finding per linked domain, with every reason and how the links are hidden.
 */
import type { Context, Page, PageCheck, Skipped, Span } from '../types';
import { compileBuiltInWordlist, matchWordlist } from '../text/wordlist';
import linkSpamList from '../../wordlists/link-spam.json';
import { isTrusted, pageResources } from './resources';
import { weaklyHidden } from './styles';
import { safeDecode } from './js-strings';
import { renderedOnlyLinks } from './rendered';
import { groupBy } from '../group-by';

export const LINK_SPAM = compileBuiltInWordlist(linkSpamList, 'wordlists/link-spam.json');
/** Risky TLDs (dnstwist abused_tlds plus the ones gambling farms favour) and URL shorteners. */
const RISKY_TLD = /\.(?:top|xyz|vip|cc|wang|icu|shop|pw|loan|win|bid|online|site|club|tk|ga|gq|ml|cf|buzz|rest|fit|work|live|app|bet|casino|ooo|racing|date|download)$/;
const SHORTENERS = new Set(['t.cn', 'dwz.cn', 'url.cn', 'bit.ly', 'tinyurl.com', 'suo.im', 'is.gd', 'goo.gl', 'ow.ly', 'w.url.cn', 'u.nu', 'rb.gy']);
/** Drive-by downloads (reference §9): installers and scripts a reader never asked for. */
const EXECUTABLE = /\.(?:apk|exe|msi|scr|hta|bat|cmd|vbs|jar|ipa)$/i;
const CLUSTER = 5;
const SHOWN = 3;

/** Spam words in what the link shows or points to. */
export function spamWords(text: string): string[] {
  return [...new Set(matchWordlist(text, LINK_SPAM).map((s) => text.slice(s.start, s.end)))];
}

export const hiddenLink: PageCheck = {
  kind: 'page',
  meta: {
    id: 'tamper.hidden-link',
    family: 'tamper',
    title: '暗链：页面中隐藏的外部垃圾链接 (hidden spam links)',
    severity: 'high',
    duty: 'security',
    basis: '国办秘函〔2019〕19号 单项否决 1 (发布或链接反动、暴力、色情等内容) 与 网站安全 (被篡改); 《网络安全法》第二十一条',
    description:
      'Links hidden from the reader (CSS cascade of inline styles and the page\u2019s <style> rules, noscript/template/comments, ' +
      'the page\u2019s own script at load, unused image-map hot spots, hidden click-to-open elements, markup a script ' +
      'writes or builds — document.write, innerHTML, jQuery append/html, createElement, through string variables, joined ' +
      'arrays or obfuscation) that point off the site, gov.cn and the trusted hosts, and carry gambling, porn, ' +
      'loan or forged-document words (wordlists/link-spam.json; critical), or form a cluster of 5 or more, or go to a domain ' +
      'the site never linked before, a risky TLD, a URL shortener or a directly downloaded installer (high; links hidden only ' +
      'by script count only with spam words). Hidden internal links and menus are never reported. ' +
      'Linked stylesheets are read only where `scan` rendered the page in Chromium (the homepage and tamper.keyPages): a link ' +
      'hidden only in that rendering (by a stylesheet, or built by code no static reading follows) counts only with spam words.',
    fix: '立即删除暗链并排查网站被入侵的途径（模板、数据库、服务器文件），修补漏洞、修改口令，保存证据后向网信、公安部门报告。 Remove the links, find how the site was compromised, and report it.',
    version: 1,
    sensitive: false,
  },
  run(page: Page, ctx: Context): Span[] | Skipped {
    if (page.contentType !== 'html') return { skipped: 'not html' };
    let res;
    try {
      res = pageResources(page);
    } catch (e) {
      return { skipped: `links could not be read: ${(e as Error).message}` };
    }
    const links = [...res.links, ...renderedOnlyLinks(page, res.links)];
    const external = links.filter((l) => l.hidden && !isTrusted(l.host, l.domain, page, ctx));
    // Past the CSS bounds a verdict of "nothing hidden" is not one: say so instead of passing.
    const cut = res.cut.length ? `（${res.cut.join('；')}）` : '';
    if (!external.length) return cut ? { skipped: `hiding by CSS not fully judged${cut}` } : [];
    const byDomain = groupBy(external, (l) => l.domain);
    const cluster = external.filter((l) => !weaklyHidden(l.hidden!)).length >= CLUSTER;
    const out: Span[] = [];
    for (const [domain, links] of byDomain) {
      const words = spamWords(links.map((l) => `${l.text} ${l.title} ${safeDecode(l.url)}`).join('\n'));
      const reasons: string[] = [];
      if (words.length) reasons.push(`含「${words.slice(0, 5).join('、')}」`);
      if (links.every((l) => weaklyHidden(l.hidden!)) && !words.length) continue;
      if (cluster) reasons.push(`页面共有 ${external.length} 个隐藏外链（链接农场）`);
      if (ctx.known?.linkDomains && !ctx.known.linkDomains.has(domain)) reasons.push('本站以前从未链接该域名');
      if (RISKY_TLD.test(domain)) reasons.push('高风险顶级域名');
      if (links.some((l) => SHORTENERS.has(l.host))) reasons.push('短链接跳转');
      // A hidden 下载 link to the office's own app is common; one that downloads when clicked anywhere (`download`) is not.
      if (links.some((l) => l.download && EXECUTABLE.test(new URL(l.url).pathname))) reasons.push('隐藏的可执行文件直接下载');
      if (!reasons.length) continue;
      const shown = links.slice(0, SHOWN).map((l) => `「${l.text || l.title || '(无文字)'}」→ ${l.url}（${l.hidden}）`).join('；');
      const first = links.find((l) => l.element);
      const seg = first?.element ? page.text.segments.find((s) => s.element === first.element || isInside(s.element, first.element!)) : undefined;
      out.push({
        ...(seg ? { start: seg.start, end: seg.end } : { target: links[0]!.url }),
        severity: words.length ? 'critical' : 'high',
        message: `隐藏的外部链接指向 ${domain}（${links.length} 个）：${reasons.join('；')}。${shown}${links.length > SHOWN ? ' 等' : ''}${cut}`,
        discriminator: domain,
      });
    }
    return out;
  },
};

function isInside(el: unknown, ancestor: unknown): boolean {
  for (let e = el as { parent?: unknown } | null | undefined; e; e = e.parent as { parent?: unknown } | null) if (e === ancestor) return true;
  return false;
}
