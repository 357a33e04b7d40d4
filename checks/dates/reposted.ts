/**
 * dates.reposted — 旧稿重发: the same article body (dates and spacing aside) on two URLs with
 * claimed dates more than 14 days apart, the 假整改 the 2017 Q4 通报 named (S12 in dates.md).
 */
import type { SiteCheck, Span } from '../types';
import { daysBetween } from './parse';

const MIN_GAP_DAYS = 14;

export const reposted: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'dates.reposted',
    family: 'dates',
    title: '旧稿重发 (old article re-posted with a new date)',
    severity: 'high',
    duty: 'content',
    basis: '国办秘函〔2019〕19号 单项否决 (存在弄虚作假行为); 2017年第四季度全国政府网站抽查情况通报 (以旧稿重发方式“假整改”)',
    description:
      'Two pages whose main text block is identical once dates and whitespace are removed (at least 120 characters), ' +
      'claiming publication dates more than 14 days apart: both in this run, or the original seen by an earlier run (and since taken down or moved). Annual notices differ in their numbers and are not matched.',
    fix: '删除重复发布的旧稿，或在页面注明“转载/重发”及原发布日期。 Remove the re-post or label it as such.',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] {
    type Dated = { url: string; claimed: string; bodyHash: string; seenNow: boolean };
    const byBody = new Map<string, Dated[]>();
    const add = (d: Dated): void => {
      let l = byBody.get(d.bodyHash);
      if (!l) byBody.set(d.bodyHash, (l = []));
      l.push(d);
    };
    const now = new Set<string>();
    for (const p of site.pages) {
      if (!p.bodyHash || !p.claimed) continue;
      now.add(p.url);
      add({ url: p.url, claimed: p.claimed, bodyHash: p.bodyHash, seenNow: true });
    }
    // Pages of earlier runs that this run did not see (taken down, or moved): the original may be one.
    for (const p of site.history?.pages ?? []) {
      if (p.bodyHash && p.claimed && !now.has(p.url)) add({ url: p.url, claimed: p.claimed, bodyHash: p.bodyHash, seenNow: false });
    }
    const out: Span[] = [];
    for (const group of byBody.values()) {
      if (group.length < 2) continue;
      const sorted = [...group].sort((a, b) => a.claimed.localeCompare(b.claimed));
      const original = sorted[0]!;
      for (const p of sorted.slice(1)) {
        if (!p.seenNow) continue;
        const gap = daysBetween(original.claimed, p.claimed);
        if (gap <= MIN_GAP_DAYS) continue;
        out.push({
          target: p.url,
          url: p.url,
          message: `与 ${original.url}（${original.claimed.slice(0, 10)}${original.seenNow ? '' : '，此前巡检所见'}）正文相同，重新标注为 ${p.claimed.slice(0, 10)}，相隔 ${gap} 天`,
          discriminator: original.url,
        });
      }
    }
    return out;
  },
};
