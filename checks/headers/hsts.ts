/**
 * headers.hsts — Strict-Transport-Security judged against three named policies, because peers
 * disagree: the Observatory (≥ 180 days), hstspreload.org (≥ 1 year, includeSubDomains, preload)
 * and OWASP / Mozilla TLS 6.0 (2 years). Each finding names the policy it applies.
 */
import type { SiteCheck, Skipped, Span } from '../types';
import { header } from './capture';
import { hstsMaxAge, SIX_MONTHS } from './observatory';

const ONE_YEAR = 31_536_000;
const TWO_YEARS = 63_072_000;

export const hsts: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'headers.hsts',
    family: 'headers',
    title: 'HSTS 未启用或时长不足 (HSTS missing or too short)',
    severity: 'medium',
    duty: 'security',
    basis: 'RFC 6797; MDN HTTP Observatory (≥ 15,552,000 s); hstspreload.org (≥ 31,536,000 s + includeSubDomains + preload); OWASP Secure Headers / Mozilla TLS 6.0 (63,072,000 s)',
    description:
      'On the https homepage: no or unparsable Strict-Transport-Security (medium); max-age under 180 days, the Observatory ' +
      'line (medium); under 1 year or without includeSubDomains/preload, the preload line (low); under 2 years, the ' +
      'OWASP line (info). Sites without https are reported by headers.https-redirect, not here.',
    fix: 'Strict-Transport-Security: max-age=63072000; includeSubDomains; preload',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] | Skipped {
    const r = site.transport?.capture.https;
    if (!r || !r.finalUrl.startsWith('https:')) return { skipped: 'no https response' };
    const target = r.finalUrl;
    const values = header(r.headers, 'strict-transport-security');
    if (!values.length) return [{ target, message: '未设置 Strict-Transport-Security（Observatory：hsts-not-implemented）', discriminator: 'missing' }];
    const age = values.length === 1 ? hstsMaxAge(values[0]!) : undefined;
    if (age === undefined) return [{ target, message: `HSTS 头无法解析：${values.join(' | ')}`, discriminator: 'invalid' }];
    const v = values[0]!.toLowerCase();
    if (age < SIX_MONTHS) return [{ target, message: `HSTS max-age=${age}，低于 Observatory 要求的 15552000 秒（180 天）`, discriminator: 'observatory' }];
    if (age < ONE_YEAR || !v.includes('includesubdomains') || !v.includes('preload')) {
      return [{ target, severity: 'low', message: `HSTS 不满足 hstspreload.org 预加载要求（max-age ≥ 31536000、includeSubDomains、preload）：${values[0]}`, discriminator: 'preload' }];
    }
    if (age < TWO_YEARS) return [{ target, severity: 'info', message: `HSTS max-age=${age}，低于 OWASP / Mozilla TLS 6.0 推荐的 63072000 秒（2 年）`, discriminator: 'owasp' }];
    return [];
  },
};
