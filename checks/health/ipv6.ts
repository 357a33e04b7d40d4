/**
 * health.ipv6 — the homepage has no AAAA record, or has one but does not answer over IPv6 (a
 * record alone is not support), and sampled internal links that fail over IPv6 (the 广西 plan:
 * 首页100%支持IPv6访问; practice checks second- and third-level pages too).
 */
import type { SiteCheck, Skipped, Span } from '../types';

export const ipv6: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'health.ipv6',
    family: 'health',
    title: 'IPv6 不可访问 (not reachable over IPv6)',
    severity: 'medium',
    duty: 'operations',
    basis: '推进互联网协议第六版（IPv6）规模部署行动计划; 广西政府网站提质增效实施方案 (首页100%支持IPv6访问); 国办秘函〔2019〕19号 (IPv6改造)',
    description: 'No AAAA record for the homepage host (medium); an AAAA record but the homepage does not answer over IPv6 (high); internal links that fail over IPv6 (low, listed).',
    fix: '为网站配置 IPv6 地址并确保首页及各级页面可通过 IPv6 访问。 Serve the site over IPv6, not just publish a record.',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] | Skipped {
    const v6 = site.transport?.ipv6;
    if (!v6) return { skipped: 'IPv6 was not probed' };
    const host = site.transport!.capture.host;
    if (!v6.addresses.length) return [{ target: host, message: `${host} 没有 AAAA 记录`, discriminator: 'no-aaaa' }];
    if (v6.status === undefined || v6.status >= 500) {
      return [{ target: host, severity: 'high', message: `${host} 有 AAAA 记录（${v6.addresses.join(', ')}）但首页无法通过 IPv6 访问（${v6.error ?? `HTTP ${v6.status}`}）`, discriminator: 'unreachable' }];
    }
    const failed = v6.links.filter((l) => l.status === undefined || l.status >= 400);
    if (!failed.length) return [];
    return [{ target: host, severity: 'low', message: `${failed.length}/${v6.links.length} 个抽样内链无法通过 IPv6 访问：${failed.slice(0, 5).map((l) => `${l.url}（${l.error ?? l.status}）`).join('，')}`, discriminator: 'links' }];
  },
};
