/**
 * headers.https-redirect — the http homepage does not send visitors to https (first to the same
 * host, as the Observatory and pshtt expect), or the site has no https at all.
 */
import type { SiteCheck, Skipped, Span } from '../types';

export const httpsRedirect: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'headers.https-redirect',
    family: 'headers',
    title: '未强制跳转 HTTPS (http does not redirect to https)',
    severity: 'medium',
    duty: 'security',
    basis: 'GB/T 31506-2022 政务网站系统安全指南 (通信网络安全: 传输加密); MDN HTTP Observatory redirection test; CISA pshtt "Enforces HTTPS"',
    description:
      'No https at all (high); http answers without redirecting (medium); the first redirect goes to http or to another ' +
      'host before https (low); the redirect chain ends on http (medium).',
    fix: '在 HTTP 站点配置 301 跳转到同一主机的 HTTPS 地址。 301-redirect http to https on the same host.',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] | Skipped {
    const c = site.transport?.capture;
    if (!c) return { skipped: 'the site was not probed' };
    if (!c.https || !c.https.finalUrl.startsWith('https:')) {
      return [{ target: `https://${c.host}/`, severity: 'high', message: `网站不支持 HTTPS${c.httpsError ? `（${c.httpsError}）` : ''}`, discriminator: 'no-https' }];
    }
    const h = c.http;
    if (!h) return [];
    const target = h.url;
    if (!h.finalUrl.startsWith('https:')) return [{ target, message: `HTTP 访问未跳转到 HTTPS（最终地址 ${h.finalUrl}）`, discriminator: 'missing' }];
    const first = h.redirects[1];
    if (first) {
      const u = new URL(first.url);
      if (u.protocol !== 'https:') return [{ target, severity: 'low', message: `首次跳转仍为 HTTP（${first.url}）`, discriminator: 'initial-http' }];
      if (u.hostname !== new URL(h.url).hostname) return [{ target, severity: 'low', message: `首次跳转到其他主机（${first.url}），应先跳转到同一主机的 HTTPS`, discriminator: 'off-host' }];
    }
    return [];
  },
};
