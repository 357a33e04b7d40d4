/**
 * headers.server-banner — response headers that tell an attacker which software and version runs
 * the site (Server: Apache/2.4.6 (CentOS) OpenSSL/1.0.2k-fips, X-Powered-By: PHP/5.6.40). The
 * names follow the OWASP Secure Headers Project's list of headers to remove.
 */
import type { SiteCheck, Skipped, Span } from '../types';

const LEAKING = [
  'server', 'x-powered-by', 'x-aspnet-version', 'x-aspnetmvc-version', 'x-generator', 'x-powered-cms', 'x-cms', 'x-joomla-version',
  'x-umbraco-version', 'x-owa-version', 'x-drupal-cache', 'x-drupal-dynamic-cache', 'x-varnish', 'x-litespeed-cache', 'x-nextjs-cache',
  'x-runtime', 'x-version', 'x-backend-server', 'via', 'sourcemap', 'x-sourcemap',
];
const VERSION = /\d+\.\d+/;

export const serverBanner: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'headers.server-banner',
    family: 'headers',
    title: '响应头泄露服务器版本 (server software and version disclosed)',
    severity: 'medium',
    duty: 'security',
    basis: 'GB/T 31506-2022 政务网站系统安全指南 (计算环境安全: 信息泄露); OWASP Secure Headers Project headers_remove.json',
    description: 'Server, X-Powered-By, X-AspNet-Version, X-Generator and similar headers that carry a version number (medium); the same headers without a version are not reported.',
    fix: '隐藏或删除这些响应头中的软件名称与版本号。 Remove the version from these headers.',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] | Skipped {
    const r = site.transport?.capture.auto;
    if (!r) return { skipped: 'the site was not probed' };
    const out: Span[] = [];
    for (const name of LEAKING) {
      for (const value of r.headers[name] ?? []) {
        if (VERSION.test(value)) out.push({ target: `${name}: ${value}`, message: `响应头 ${name} 泄露版本：${value}`, discriminator: name });
      }
    }
    return out;
  },
};
