/**
 * Cookies a site sets on its redirects, sent back as a browser sends them. Many a 政府网站's
 * server (a session filter, a WAF's first visit) answers a visitor without its cookie with a 302 to
 * the same address and Set-Cookie: a browser comes back with the cookie and gets the page; a
 * crawler that drops it loops, and the site was reported down (a redirect loop, site-unreachable
 * and a failed availability probe). Only redirects' cookies are kept, at most MAX_PER_HOST a
 * host, so a site cannot make the crawl hold what it likes.
 */
import { CookieJar } from 'tough-cookie';

const MAX_PER_HOST = 50;

export class RedirectCookies {
  private readonly jar = new CookieJar();
  private readonly kept = new Map<string, number>();

  /** The Cookie header for a request to `url`, when any cookie applies. */
  headerFor(url: string): { cookie: string } | Record<string, never> {
    if (this.kept.size === 0) return {};
    const cookie = this.jar.getCookieStringSync(url);
    return cookie ? { cookie } : {};
  }

  /**
   * What a request to `url` is, for telling a redirect loop: the same address asked again with the
   * same cookies. A redirect to itself that sets one (a session filter's first answer) is not.
   */
  request(url: string): string {
    return `${url}\n${this.headerFor(url).cookie ?? ''}`;
  }

  /** Keeps what a redirect answering `url` set (the Set-Cookie lines joined by newlines, as fetch gives them). */
  keep(url: string, status: number, setCookie: string | undefined): void {
    if (!setCookie || status < 300 || status >= 400) return;
    const host = new URL(url).hostname;
    for (const line of setCookie.split('\n')) {
      const n = this.kept.get(host) ?? 0;
      if (n >= MAX_PER_HOST) return;
      // A cookie a browser would refuse (another domain, malformed) is refused here too.
      if (this.jar.setCookieSync(line, url, { ignoreError: true })) this.kept.set(host, n + 1);
    }
  }
}
