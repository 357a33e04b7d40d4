/**
 * headers.owasp — the OWASP Secure Headers Project's recommendations that the Observatory grade
 * does not cover: Permissions-Policy, X-Permitted-Cross-Domain-Policies, and headers that should
 * no longer be sent (X-XSS-Protection, Expect-CT, Public-Key-Pins, Feature-Policy). One low finding
 * listing them, since presence alone is a weak signal (see nuclei-templates#12008).
 */
import type { SiteCheck, Skipped, Span } from '../types';
import { header } from './capture';

const RECOMMENDED: Record<string, (v: string) => boolean> = {
  'permissions-policy': (v) => v.trim().length > 0,
  'x-permitted-cross-domain-policies': (v) => /^(none|master-only)$/i.test(v.trim()),
};
const DEPRECATED = ['x-xss-protection', 'expect-ct', 'public-key-pins', 'public-key-pins-report-only', 'feature-policy'];

export const owasp: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'headers.owasp',
    family: 'headers',
    title: 'OWASP 推荐响应头缺失或使用已废弃响应头 (OWASP header recommendations)',
    severity: 'low',
    duty: 'security',
    basis: 'OWASP Secure Headers Project (headers_add.json, last_update_utc 2026-07-19); GB/T 31506-2022 政务网站系统安全指南',
    description: 'Permissions-Policy missing, X-Permitted-Cross-Domain-Policies missing or not none/master-only, and deprecated headers still sent (X-XSS-Protection, Expect-CT, Public-Key-Pins, Feature-Policy).',
    fix: 'Permissions-Policy: camera=(), microphone=(), geolocation=() …; X-Permitted-Cross-Domain-Policies: none; 删除已废弃的响应头。',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] | Skipped {
    const r = site.transport?.capture.auto;
    if (!r) return { skipped: 'the site was not probed' };
    const missing = Object.entries(RECOMMENDED)
      .filter(([name, ok]) => !header(r.headers, name).some(ok))
      .map(([name]) => name);
    const deprecated = DEPRECATED.filter((name) => header(r.headers, name).length > 0);
    if (!missing.length && !deprecated.length) return [];
    const parts = [missing.length ? `缺少或取值不当：${missing.join(', ')}` : '', deprecated.length ? `仍在发送已废弃的：${deprecated.join(', ')}` : ''].filter(Boolean);
    return [{ target: r.finalUrl, message: `OWASP 建议：${parts.join('；')}`, discriminator: [...missing, ...deprecated].join(',') }];
  },
};
