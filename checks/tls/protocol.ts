/**
 * tls.protocol — TLS 1.0 and 1.1 still offered (deprecated by RFC 8996; Mozilla's intermediate
 * profile 6.0 allows TLS 1.2 and 1.3 only), and TLS 1.3 not supported.
 */
import type { SiteCheck, Skipped, Span } from '../types';
import { probedTls } from './facts';

export const protocol: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'tls.protocol',
    family: 'tls',
    title: 'TLS 协议版本不安全 (obsolete TLS versions offered)',
    severity: 'medium',
    duty: 'security',
    basis: 'GB/T 31506-2022 政务网站系统安全指南 (通信网络安全); RFC 8996; Mozilla Server Side TLS 6.0 intermediate',
    description: 'TLS 1.0 or 1.1 accepted by the server (medium each; high when neither TLS 1.2 nor 1.3 is offered, since current browsers then refuse the site); TLS 1.3 not supported (low). SSLv2/SSLv3 are not probed (Node cannot speak them).',
    fix: '关闭 TLS 1.0/1.1，启用 TLS 1.2 与 TLS 1.3。 Disable TLS 1.0/1.1 and enable TLS 1.3.',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] | Skipped {
    const t = probedTls(site);
    if ('skipped' in t) return t;
    const target = `${t.host}:${t.port}`;
    const out: Span[] = [];
    // With neither TLS 1.2 nor 1.3 every current browser refuses the site: that is an outage for visitors, not a hardening item.
    const modern = t.protocols['TLSv1.2'] === true || t.protocols['TLSv1.3'] === true;
    for (const v of ['TLSv1', 'TLSv1.1'] as const) {
      if (!t.protocols[v]) continue;
      out.push(modern
        ? { target, message: `服务器仍接受 ${v.replace('v', ' ')}`, discriminator: v }
        : { target, severity: 'high', message: `服务器仅支持 ${v.replace('v', ' ')} 等过时版本，不支持 TLS 1.2/1.3，当前主流浏览器均无法访问`, discriminator: v });
    }
    if (t.protocols['TLSv1.3'] === false) out.push({ target, severity: 'low', message: '服务器不支持 TLS 1.3', discriminator: 'no-tls13' });
    return out;
  },
};
