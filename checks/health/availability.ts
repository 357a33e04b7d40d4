/**
 * health.availability — 站点无法访问: over the last 7 days, the share of homepage probes that did
 * not open within 15 s reaches 5% (国办秘函〔2019〕19号 单项否决 2, with ≥ 20 probes a day). DNS
 * failures are told apart from connection, TLS, timeout and HTTP failures, and a WAF block is not
 * an outage.
 */
import type { SiteCheck, Skipped, Span } from '../types';

const WINDOW_DAYS = 7;
const VETO_RATIO = 0.05;
const PER_DAY = 20;

export const availability: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'health.availability',
    family: 'health',
    title: '站点无法访问 (site unreachable in ≥ 5% of probes)',
    severity: 'critical',
    duty: 'operations',
    basis: '国办秘函〔2019〕19号 单项否决 (站点无法访问: 监测1周，每天≥20次，15秒内无法打开的比例≥5%)',
    description:
      'From the probes stored by `xunjian probe` over 7 days: failures (DNS, connect, TLS, reset, timeout at 15 s, 5xx) ' +
      'at or above 5% of probes are critical; any failure below the line is low, with the count by cause. Responses that ' +
      'look like a bot block (403/406/429) are counted apart. Fewer probes than 20 a day are said in the finding.',
    fix: '排查服务器、网络和DNS故障，提高可用性。 Fix the outages named by cause.',
    version: 1,
    sensitive: false,
  },
  run(site, ctx): Span[] | Skipped {
    const now = ctx.clock.now().getTime();
    const probes = (site.probes ?? []).filter((p) => now - Date.parse(p.at) <= WINDOW_DAYS * 86_400_000);
    if (!probes.length) return { skipped: 'no availability probes in the last 7 days' };
    const failed = probes.filter((p) => !p.ok && p.outcome !== 'blocked');
    const blocked = probes.filter((p) => p.outcome === 'blocked').length;
    if (!failed.length) return [];
    const byCause = new Map<string, number>();
    for (const p of failed) byCause.set(p.outcome, (byCause.get(p.outcome) ?? 0) + 1);
    const ratio = failed.length / probes.length;
    const causes = [...byCause].map(([k, n]) => `${k} ${n}`).join('，');
    const thin = probes.length < PER_DAY * WINDOW_DAYS ? `（7天仅 ${probes.length} 次探测，少于每天 ${PER_DAY} 次）` : '';
    return [
      {
        target: site.urls[0] ?? site.id,
        severity: ratio >= VETO_RATIO ? 'critical' : 'low',
        message: `近7天 ${probes.length} 次探测中 ${failed.length} 次无法访问（${(ratio * 100).toFixed(1)}%，否决线 5%）：${causes}${blocked ? `；另有 ${blocked} 次被拦截` : ''}${thin}`,
        discriminator: ratio >= VETO_RATIO ? 'veto' : 'failures',
      },
    ];
  },
};
