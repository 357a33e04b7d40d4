/**
 * The retriever for tamper.cloaking: each key page fetched as a desktop browser, a phone,
 * Baiduspider and a visitor arriving from a Baidu search (reference counterfeit-tamper.md §6),
 * following redirects (HTTP and one meta refresh) the way that client would, one request at a
 * time and spaced as the crawl's. Each response is reduced to a ProfileView; a failure is kept
 * as the view's error, so a profile that could not be fetched is said, not taken as clean.
 */
import type { Agent } from 'undici';
import type { Clock } from '../../checks/types';
import type { HostLimiter } from '../sources/politeness';
import { decodeBody } from '../sources/charset';
import { fetchOnce, type FetchLimits } from '../sources/fetch';
import { RedirectCookies } from '../sources/redirect-cookies';
import { PROFILES, viewOf, type ProfileCapture, type ProfileName, type ProfileView } from '../../checks/tamper/profiles';

export interface ProfileFetchOptions {
  clock: Clock;
  /**
   * The crawl's connections, limits and politeness: the profiles are fetched beside it, and their
   * requests count against the same per-host limit and gap (a fragile site or its firewall sees no
   * more than it was promised).
   */
  agent: Agent;
  limits: FetchLimits;
  limiter: HostLimiter;
  /** How much of a page is read. */
  maxBytes?: number;
  signal?: AbortSignal;
}

const MAX_REDIRECTS = 5;
/**
 * How much of a page each profile reads: a view is the page parsed whole (text, links and their
 * styles), four times over beside the crawl's own reading, and at 5 MiB a hostile homepage of
 * 100,000 links or 300,000 paragraphs took a scan from 400 MB to 740 MB–1.35 GB. A 政府网站
 * homepage is a few hundred kilobytes; what cloaking serves a spider differs at its top (title,
 * keywords, the first screen of links) or throughout.
 */
const PROFILE_BYTES = 2 ** 20;

/** One request as the profile: where it sends the client on (an HTTP redirect), or the answer read. */
async function oneHop(url: string, headers: Record<string, string>, o: ProfileFetchOptions, cookies: RedirectCookies): Promise<{ location: string } | { status: number; html: string }> {
  const at = new URL(url);
  // Keyed by host name, not address: the crawl's per-host limit and gap are shared; its per-address one is not.
  const release = await o.limiter.acquire(at.origin, at.hostname);
  try {
    const res = await fetchOnce(o.agent, { url, headers: { ...headers, ...cookies.headerFor(url) }, limits: o.limits, truncateAt: o.maxBytes ?? PROFILE_BYTES, onSent: () => o.limiter.sent(at.origin) });
    cookies.keep(url, res.status, res.headers['set-cookie']);
    const location = res.headers['location'];
    if (res.status >= 300 && res.status < 400 && location) return { location: new URL(location, url).href };
    // Decoded as the crawler decodes (header, BOM, <meta>, GB18030 by default): read as UTF-8, a
    // GBK site's spam words were never seen in any view.
    return { status: res.status, html: decodeBody(res.body, res.headers['content-type']).text };
  } finally {
    release();
  }
}

async function fetchAs(url: string, profile: ProfileName, title: string, o: ProfileFetchOptions): Promise<ProfileView> {
  const p = PROFILES[profile];
  let current = url;
  let refreshed = false;
  // Each profile is a client of its own, with its own cookies (as the crawl keeps a redirect's).
  const cookies = new RedirectCookies();
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const headers: Record<string, string> = { 'user-agent': p.userAgent, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8', 'accept-language': 'zh-CN,zh;q=0.9' };
    if (p.referer) headers['referer'] = p.referer(title);
    const got = await oneHop(current, headers, o, cookies);
    if ('location' in got) {
      current = got.location;
      continue;
    }
    const refresh = /<meta[^>]+http-equiv\s*=\s*["']?refresh["']?[^>]*content\s*=\s*["']?\s*\d+\s*;\s*url\s*=\s*['"]?([^'">\s]+)/i.exec(got.html.slice(0, 64 * 1024));
    if (refresh && !refreshed) {
      refreshed = true;
      current = new URL(refresh[1]!, current).href;
      continue;
    }
    return viewOf(profile, url, current, got.status, got.html);
  }
  return { profile, finalUrl: current, error: `more than ${MAX_REDIRECTS} redirects`, title: '', sentences: [], linkDomains: [], spam: [] };
}

export async function fetchProfiles(urls: readonly string[], o: ProfileFetchOptions): Promise<ProfileCapture[]> {
  const out: ProfileCapture[] = [];
  for (const url of urls) {
    const views: ProfileView[] = [];
    let title = '';
    for (const profile of Object.keys(PROFILES) as ProfileName[]) {
      if (o.signal?.aborted) break;
      // A page the desktop browser could not open is an outage for the crawl to report, not three more timeouts.
      if (profile !== 'desktop' && views[0]?.error) {
        views.push({ profile, error: 'not fetched: the desktop fetch failed', title: '', sentences: [], linkDomains: [], spam: [] });
        continue;
      }
      try {
        const v = await fetchAs(url, profile, title, o);
        if (profile === 'desktop') title = v.title;
        views.push(v);
      } catch (e) {
        views.push({ profile, error: (e as Error).message, title: '', sentences: [], linkDomains: [], spam: [] });
      }
    }
    out.push({ url, at: o.clock.now().toISOString(), views });
  }
  return out;
}
