/**
 * wording.leader-order — Standing Committee members listed against protocol order
 * (李强、习近平 …). A list passes when some body in wordlists/leaders.json has all its names in
 * that order, so a list of the 19th committee on an old page is not judged by the 20th.
 */
import type { PageCheck, Span } from '../types';
import { lexiconFor } from './lexicon';
import { LEADER_TERMS, TABLE } from './leaders';

const GAP = /^(?:同志)?[、，,\s]{1,3}$|^(?:同志)?(?:和|及|与)$/u;

export const leaderOrder: PageCheck = {
  kind: 'page',
  meta: {
    id: 'wording.leader-order',
    family: 'wording',
    title: '领导人排序错误 (leaders listed out of protocol order)',
    severity: 'critical',
    duty: 'content',
    basis: '国办秘函〔2019〕19号 单项否决 1 (严重表述错误); 中央政治局常委排序 (党的二十届一中全会公报)',
    description:
      'Two or more Politburo Standing Committee members in one list (separated by 、，和 or 同志) in an order that no ' +
      'committee in wordlists/leaders.json had.',
    fix: '按中央政治局常委排序调整。 Reorder the names by protocol order.',
    version: 1,
    sensitive: false,
  },
  run(page, ctx): Span[] {
    const text = page.text.text;
    const raw = lexiconFor(ctx.wordlists).scan(text).bySet.get('leaders') ?? [];
    const names = raw
      .map(([start, end, i]) => ({ start, end, term: LEADER_TERMS[i]! }))
      .filter((h) => h.term.kind === 'name')
      .map((h) => ({ start: h.start, end: h.end, name: h.term.kind === 'name' ? h.term.leader.name : '' }));
    const chains: (typeof names)[] = [];
    for (const n of names) {
      const chain = chains[chains.length - 1];
      const last = chain?.[chain.length - 1];
      if (chain && last && GAP.test(text.slice(last.end, n.start))) chain.push(n);
      else chains.push([n]);
    }
    const out: Span[] = [];
    for (const chain of chains) {
      if (chain.length < 2) continue;
      const list = chain.map((c) => c.name);
      const bodies = TABLE.bodies.filter((b) => list.every((n) => b.order.includes(n)));
      if (bodies.length === 0) continue;
      const inOrder = bodies.some((b) => list.every((n, i) => i === 0 || b.order.indexOf(list[i - 1]!) < b.order.indexOf(n)));
      if (inOrder) continue;
      const body = bodies[0]!;
      const right = [...list].sort((a, b) => body.order.indexOf(a) - body.order.indexOf(b));
      out.push({
        start: chain[0]!.start,
        end: chain[chain.length - 1]!.end,
        message: `领导人排序错误：按${body.name}排序应为 ${right.join('、')}`,
        suggestion: right.join('、'),
        discriminator: list.join('、'),
      });
    }
    return out;
  },
};
