/**
 * A web application firewall's bot challenge served in place of the page. Many government sites sit
 * behind one (瑞数, 知道创宇加速乐, 阿里云 and 360 WAFs, 安全狗, 云锁, Cloudflare): a program that runs no
 * script gets a small page whose script sets a cookie and reloads, often with status 200. Read as
 * the site, it is a homepage with no date, no 网站标识码 and no links — a critical 首页不更新 and a
 * one-page "complete" crawl of a site nobody checked. The crawler identifies itself honestly and does
 * not try to pass the challenge (reference/transport.md: "blocked" is not "down", ask to be allowed).
 */

import { smallHtmlText, visibleLength } from './small-page';
import type { HttpResponse } from './fetch';

/** Markers each product's challenge carries; checked only on small pages with next to no text. */
const PRODUCTS: readonly [RegExp, string][] = [
  [/\$_ts\s*=\s*window\[\s*['"]\$_ts['"]\s*\]|\$_ts\.cd\s*=/, '瑞数 (Rivers Security)'],
  [/__jsl_clearance/, '知道创宇加速乐'],
  [/acw_sc__v\d|acw_tc/, '阿里云 WAF'],
  [/wzws_cid|wzwschallenge|wzwstemplate|wzws-waf-cgi/i, '360网站卫士'],
  [/safedog|安全狗/i, '安全狗'],
  [/yunsuo_session_verify|security_session_verify|YunSuoAutoJump|security_verify_data/, '云锁'],
  [/_cf_chl_opt|\/cdn-cgi\/challenge-platform\//, 'Cloudflare'],
  [/\/TSPD\/[0-9a-f]{8,}|TSPD_101/, 'F5 BIG-IP ASM'],
];

/** Bytes past which a page is taken as content whatever its scripts do. */
const MAX_CHALLENGE_BYTES = 64 * 1024;
/** Visible characters a challenge may show (“正在进行安全检查，请稍候…”, “Enable JavaScript and cookies to continue”). */
const MAX_VISIBLE = 200;
const COOKIE_SET = /document\.cookie\s*=/;
/**
 * The same page loaded again, now with the cookie. A script that sends the visitor elsewhere is not
 * a challenge but may be a hijack (挂马), which tamper.injected-script must see.
 */
const RELOAD = /location\.reload\s*\(|location(?:\.href)?\s*=\s*(?:window\.|document\.)?location\.(?:pathname|href)|location\.replace\s*\(\s*(?:window\.|document\.)?location\.(?:pathname|href)/;

/**
 * The product whose challenge this page is, or `'a script that sets a cookie and reloads the page'`
 * for one not named here; undefined for a page with content of its own.
 */
export function challengeOf(html: string): string | undefined {
  if (html.length > MAX_CHALLENGE_BYTES) return undefined;
  // Only a script can answer a challenge; a page without one is content, however short.
  if (!/<script\b/i.test(html)) return undefined;
  if (visibleLength(html) > MAX_VISIBLE) return undefined;
  for (const [marker, product] of PRODUCTS) if (marker.test(html)) return product;
  if (COOKIE_SET.test(html) && RELOAD.test(html)) return 'a script that sets a cookie and reloads the page';
  return undefined;
}

/** Bytes one of which every challenge above carries: most pages have none, and are passed over undecoded. */
const CHALLENGE_BYTES = ['cookie', '$_ts', 'wzws', 'safedog', 'yunsuo', 'security_', '_cf_chl', 'challenge-platform', 'TSPD', 'acw_'];

/** The same for an HTTP answer of any status: only an HTML body can be a challenge. */
export function challengeIn(res: Pick<HttpResponse, 'headers' | 'body'>): string | undefined {
  const html = smallHtmlText(res, MAX_CHALLENGE_BYTES, CHALLENGE_BYTES);
  return html === undefined ? undefined : challengeOf(html);
}
