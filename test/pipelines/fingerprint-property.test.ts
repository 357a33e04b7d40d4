/**
 * Property: for every registered rule, two findings that differ in URL, target, discriminator or
 * text position never share an id, and the same input always gives the same ids.
 */
import { CHECKS } from '../../checks/registry';
import type { Span } from '../../checks/types';
import { createPage } from '../../checks/page';
import { fingerprint, pageFindings, siteFindings } from '../../pipelines/findings';
import { testSite } from '../helpers/context';

/** Small deterministic PRNG (mulberry32), so a failure names a seed that reproduces it. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXT = '公示名单：张三 110105199003071239 联系电话 13800000000，李四 110105199003071239。工作动态 通知公告 政策文件 '.repeat(4);
const TARGETS = ['https://a.gov.cn/', 'https://a.gov.cn/c1/', 'https://a.gov.cn/c2/index.html', 'a.gov.cn', 'TLSv1', 'Server: nginx/1.18'];
const DISCRIMINATORS = [undefined, 'stale', 'empty', 'veto', 'TLSv1', 'name|习近平'];
const URLS = [undefined, 'https://a.gov.cn/x.html', 'https://a.gov.cn/y.html'];

function randomSpans(next: () => number, textual: boolean): Span[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const spans: Span[] = [];
  const n = 2 + Math.floor(next() * 10);
  for (let i = 0; i < n; i++) {
    if (textual) {
      const start = Math.floor(next() * (TEXT.length - 20));
      spans.push({ start, end: start + 1 + Math.floor(next() * 18), ...(next() < 0.5 ? { discriminator: pick(DISCRIMINATORS.slice(1)) } : {}) });
    } else {
      const d = pick(DISCRIMINATORS);
      const u = pick(URLS);
      spans.push({ target: pick(TARGETS), ...(d !== undefined ? { discriminator: d } : {}), ...(u !== undefined ? { url: u } : {}) });
    }
  }
  return spans;
}

describe('fingerprints over every rule', () => {
  const page = createPage({ siteId: 's', url: 'https://a.gov.cn/p.html', fetchedAt: '2026-11-28T00:00:00Z', contentType: 'text', source: TEXT, origin: 'file' });
  const site = testSite({ urls: ['https://a.gov.cn/'] });
  it.each(CHECKS.map((c) => [c.meta.id, c] as const))('%s: different targets or discriminators never share an id', (_id, check) => {
    for (let seed = 1; seed <= 60; seed++) {
      const next = rng(seed * 7919 + check.meta.id.length);
      for (const textual of [true, false]) {
        const spans = randomSpans(next, textual);
        const build = () => (textual ? pageFindings(check, spans, page) : siteFindings(check, spans, site, '2026-11-28T00:00:00Z'));
        const fs = build();
        // Spans that differ give distinct ids; equal ones are counted apart by their repeat.
        expect({ seed, textual, ids: new Set(fs.map((f) => f.id)).size }).toEqual({ seed, textual, ids: spans.length });
        expect(build().map((f) => f.id)).toEqual(fs.map((f) => f.id));
      }
    }
  });
  it('keeps the ids of findings whose target is their URL or their discriminator', () => {
    const [check] = CHECKS;
    const [a] = siteFindings(check!, [{ target: 'https://a.gov.cn/', discriminator: 'stale' }], site, 't');
    const [b] = siteFindings(check!, [{ target: 'TLSv1', discriminator: 'TLSv1' }], site, 't');
    expect(a!.id).toBe(fingerprint(check!.meta.id, check!.meta.version, 's', 'https://a.gov.cn/', 'stale'));
    expect(b!.id).toBe(fingerprint(check!.meta.id, check!.meta.version, 's', 'https://a.gov.cn/', 'TLSv1'));
  });
});
