/**
 * tamper.injected-script — 挂马 and injected code: invisible frames to other sites, scripts and
 * frames from origins the site never loaded before (or from an IP address, an odd port, a risky
 * TLD), obfuscated code (packer, _0x names, jsjiami/sojson, long fromCharCode/atob/escape strings,
 * eval of decoded code), code that serves search-engine spiders or search visitors something
 * else, miners, and redirects off the site (reference counterfeit-tamper.md §9). The CONAC badge's
 * `document.write(unescape(…))` and the configured trusted hosts are not reported.
 */
import type { Context, Page, PageCheck, Skipped, Span } from '../types';
import { elementLabel, isTrusted, pageResources } from './resources';
import { scriptSignals } from './scripts';
import { asciiHost, registrable as registrableOf } from '../counterfeit/hosts';

const RISKY_TLD = /\.(?:top|xyz|vip|cc|wang|icu|shop|pw|loan|win|bid|online|site|club|tk|ga|gq|ml|cf|buzz|rest|fit|work|ooo|racing|date|download)$/;
const IP_HOST = /^\d{1,3}(?:\.\d{1,3}){3}$|^\[/;
const EXCERPT = 160;

function excerpt(code: string, around: RegExp): string {
  const m = around.exec(code);
  const at = m ? Math.max(0, m.index - 40) : 0;
  const s = code.slice(at, at + EXCERPT).replace(/\s+/g, ' ').trim();
  return s.replace(/</g, '‹').replace(/>/g, '›') + (code.length > at + EXCERPT ? '…' : '');
}

/** Hosts of the absolute src/href URLs in a piece of HTML. */
function urlHosts(html: string, base: string): string[] {
  return [...html.matchAll(/(?:src|href)\s*=\s*['"]?((?:https?:)?\/\/[^'"\s>]+)/gi)].flatMap((m) => {
    try {
      return [asciiHost(new URL(m[1]!, base).hostname)];
    } catch {
      return [];
    }
  });
}

function originOf(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}

/** The address, when it leaves the site, gov.cn and the trusted hosts; undefined for one that does not, or is no address. */
function offSite(url: string, page: Page, ctx: Context): URL | undefined {
  let to: URL;
  try {
    to = new URL(url);
  } catch {
    return undefined;
  }
  const host = asciiHost(to.hostname);
  return isTrusted(host, registrableOf(host), page, ctx) ? undefined : to;
}

/** What is wrong with loading code from `url` (on `host`); with `ctx`, also an origin the site's history never loaded. */
function originProblems(url: string, host: string, ctx?: Context): string[] {
  const u = new URL(url);
  const out: string[] = [];
  if (IP_HOST.test(u.hostname)) out.push('来源为 IP 地址');
  if (u.port && !['80', '443'].includes(u.port)) out.push(`非常用端口 ${u.port}`);
  if (RISKY_TLD.test(host)) out.push('高风险顶级域名');
  if (ctx?.known?.scriptOrigins && !ctx.known.scriptOrigins.has(originOf(url))) out.push('本站以前从未加载该来源');
  return out;
}

export const injectedScript: PageCheck = {
  kind: 'page',
  meta: {
    id: 'tamper.injected-script',
    family: 'tamper',
    title: '挂马或注入脚本 (injected script, hidden frame or redirect)',
    severity: 'high',
    duty: 'security',
    basis: '国办秘函〔2019〕19号 单项否决 (网站被篡改、挂马); GB/T 22239-2019 (恶意代码防范); 《网络安全法》第二十一条',
    description:
      'Zero-size or hidden frames to another site; scripts and frames from an origin the site\u2019s earlier runs never loaded, ' +
      'an IP address, an odd port or a risky TLD (trusted hosts, gov.cn, CONAC and the statistics services excepted); inline ' +
      'code with obfuscation markers (packer, _0x names, jsjiami/sojson, long fromCharCode/atob/escape strings, eval of decoded ' +
      'code, document.write(unescape()) other than the CONAC badge); code that tests the user agent for spiders or the referrer ' +
      'for search engines and then redirects or rewrites the page (critical); miners (critical); meta refresh or location ' +
      'assignment to another site, also where only running the page\u2019s inline scripts in a sandbox (QuickJS, no network) shows it; ' +
      'a key page that Chromium, running its scripts during `scan`, ends on another site (critical), or a script, frame or socket ' +
      'it loaded that no markup names, from an IP address, an odd port or a risky TLD (a miner: critical). ' +
      'Resources an inline script creates or writes are vetted as markup. The excerpt is escaped.',
    fix: '删除注入的代码和框架，排查被入侵的模板和服务器文件，修补漏洞后复查；保存证据并报告。 Remove the code, find the entry point, report it.',
    version: 1,
    sensitive: false,
  },
  run(page: Page, ctx: Context): Span[] | Skipped {
    if (page.contentType !== 'html') return { skipped: 'not html' };
    let res;
    try {
      res = pageResources(page);
    } catch (e) {
      return { skipped: `scripts could not be read: ${(e as Error).message}` };
    }
    const out: Span[] = [];
    const where = page.finalUrl || page.url;
    let inline = 0;
    for (const s of res.scripts) {
      if (s.code !== undefined) {
        inline++;
        const sig = scriptSignals(s.code);
        const label = s.element.name === 'script' ? `第 ${inline} 段内联脚本` : `<${s.element.name}> 的事件代码`;
        if (sig.miner.length) out.push({ target: `${where}#script-${inline}`, severity: 'critical', message: `${label}含挖矿代码（${sig.miner[0]}）：${excerpt(s.code, new RegExp(sig.miner[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'))}`, discriminator: `miner|${sig.miner[0]!.toLowerCase()}` });
        if (sig.cloaking.length) out.push({ target: `${where}#script-${inline}`, severity: 'critical', message: `${label}${sig.cloaking.join('；')}：${excerpt(s.code, /userAgent|referrer/i)}`, discriminator: `cloaking|${inline}` });
        // document.write(unescape(…)) is how the CONAC badge and CNZZ load themselves: obfuscation only when it loads something else.
        const untrusted = sig.unescapeWrites.flatMap((html) => urlHosts(html, where)).filter((h) => !isTrusted(h, registrableOf(h), page, ctx));
        if (untrusted.length) sig.obfuscation.push(`document.write(unescape(…)) 写入来自 ${[...new Set(untrusted)].join('、')} 的内容`);
        // HTML decoded from fromCharCode, base64, escapes or a packer that links or loads another site.
        for (const w of s.written ?? []) {
          const decoded = w.via.filter((v) => v !== 'percent-escapes');
          if (!decoded.length) continue;
          const hosts = urlHosts(w.html, where).filter((h) => !isTrusted(h, registrableOf(h), page, ctx));
          if (hosts.length) sig.obfuscation.push(`以 ${decoded.join('、')} 编码写入指向 ${[...new Set(hosts)].slice(0, 3).join('、')} 的内容`);
        }
        if (sig.obfuscation.length) out.push({ target: `${where}#script-${inline}`, message: `${label}经过混淆（${sig.obfuscation.join('；')}）：${excerpt(s.code, /eval|_0x|fromCharCode|atob|unescape|\\x/)}`, discriminator: `obfuscated|${inline}` });
        if (sig.popup && !sig.cloaking.length) {
          const to = offSite(sig.popup, page, ctx);
          if (to) out.push({ target: `${where}#script-${inline}`, message: `${label}在页面打开时弹出 ${to.host} 的窗口：${excerpt(s.code, /window\s*\.\s*open/)}`, discriminator: `popup|${to.host}` });
        }
        const sent = sig.redirect && !sig.cloaking.length ? offSite(sig.redirect, page, ctx) : undefined;
        if (sent) out.push({ target: `${where}#script-${inline}`, message: `${label}把访问者跳转到 ${sent.host}：${excerpt(s.code, /location/)}`, discriminator: `redirect|${sent.host}` });
        continue;
      }
      if (s.dataPage) {
        out.push({ target: `${where}#data-frame`, message: `${elementLabel(s.element)} 以 data: 内联一个不可见的页面（${s.hidden}）`, discriminator: `${s.kind}|data` });
        continue;
      }
      if (!s.url || isTrusted(s.host!, s.domain!, page, ctx)) continue;
      const problems = originProblems(s.url, s.host!, ctx);
      if (s.kind !== 'script' && s.hidden) problems.unshift(`不可见（${s.hidden}）`);
      if (!problems.length) continue;
      const hiddenFrame = s.kind !== 'script' && s.hidden;
      const what = s.injectedBy ? `${elementLabel(s.element)} ${s.injectedBy}的 <${s.kind}>` : elementLabel(s.element);
      out.push({
        target: s.url,
        severity: hiddenFrame && problems.length > 1 ? 'critical' : 'high',
        message: `${what} 加载 ${originOf(s.url)}：${problems.join('；')}`,
        discriminator: `${s.kind}|${originOf(s.url)}`,
      });
    }
    // A canonical or mobile alternate on another site hands the page's search ranking to it (an SEO hijack that changes nothing a visitor sees).
    for (const t of res.searchTargets) {
      const to = offSite(t.url, page, ctx);
      if (to) out.push({ target: t.url, message: `${t.tag} 把搜索引擎引向 ${to.host}（搜索排名被劫持）`, discriminator: `search|${asciiHost(to.hostname)}` });
    }
    const refreshed = res.refresh ? offSite(res.refresh, page, ctx) : undefined;
    if (refreshed) out.push({ target: res.refresh!, message: `<meta http-equiv="refresh"> 把访问者跳转到 ${refreshed.host}`, discriminator: `refresh|${refreshed.host}` });
    // Where the page's scripts sent the visitor or opened a window when run in the sandbox: code
    // the static reading above could not follow (a decoder, a string array).
    for (const [urls, what, key] of [[res.executed?.redirects ?? [], '跳转到', 'redirect'], [res.executed?.opened ?? [], '弹出窗口', 'popup']] as const) {
      for (const u of urls) {
        const to = /^https?:/i.test(u) ? offSite(u, page, ctx) : undefined;
        if (!to || out.some((o) => o.discriminator?.endsWith(`|${to.host}`))) continue;
        out.push({ target: u, message: `页面脚本在沙箱中运行后${what} ${to.host}（静态读取未能还原的代码）：${u.slice(0, 120)}`, discriminator: `${key}|${to.host}` });
      }
    }
    // What the page loaded to run as Chromium rendered it (a key page): a script, frame or socket
    // no reading of the markup names, from an address no office serves code from. Novelty alone is
    // not read here: third-party scripts load others of their own.
    const named = new Set(res.scripts.flatMap((x) => (x.url ? [originOf(x.url)] : [])));
    for (const l of page.rendered?.loaded ?? []) {
      const to = offSite(l.url, page, ctx);
      const origin = to ? originOf(l.url) : '';
      if (!to || named.has(origin) || out.some((o) => o.discriminator === `${l.kind}|${origin}`)) continue;
      const problems = [...(scriptSignals(l.url).miner.length ? ['挖矿程序'] : []), ...originProblems(l.url, asciiHost(to.hostname))];
      if (!problems.length) continue;
      out.push({ target: l.url, severity: problems[0] === '挖矿程序' ? 'critical' : 'high', message: `浏览器渲染本页时加载了 ${origin} 的 ${l.kind}（标记与脚本中均未直接写出）：${problems.join('；')}`, discriminator: `${l.kind}|${origin}` });
    }
    // Where Chromium ended once the page's scripts ran (a key page scan rendered): a redirect no
    // static reading above found, by code it could not follow.
    const ended = page.rendered?.finalUrl;
    const landed = ended && /^https?:/i.test(ended) ? offSite(ended, page, ctx) : undefined;
    if (landed && !out.some((o) => o.discriminator?.endsWith(`|${landed.host}`))) {
      out.push({ target: ended!, severity: 'critical', message: `浏览器打开本页、执行脚本后被跳转到 ${landed.host}（${ended!.slice(0, 120)}）`, discriminator: `rendered-redirect|${landed.host}` });
    }
    return out;
  },
};
