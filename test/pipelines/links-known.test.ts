/**
 * A generated site with every kind of link fault the issue lists, on several loopback hosts: a scan
 * reports each known broken or hijacked target once, and nothing else (`test/bench/links.bench.ts`
 * runs the same site, larger, beside linkchecker and linkinator).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { startLinkSite, type LinkSite } from '../helpers/link-site';

describe('a scan of a site with known link faults', () => {
  let site: LinkSite;
  beforeAll(async () => {
    site = await startLinkSite({ articles: 150, delayMs: 0 });
  });
  afterAll(() => site.close());

  it('finds every broken and hijacked target, and reports no working one', async () => {
    const work = mkdtempSync(join(tmpdir(), 'xj-known-'));
    writeFileSync(join(work, 'xunjian.config.json'), JSON.stringify({
      crawl: { concurrency: 8, perOrigin: 8, perIp: 16, minIntervalMs: 0, jitterMs: 0, sitemaps: false, retries: 0, totalTimeoutMs: 5000 },
    }));
    const r = await runCli(['scan', `${site.origin}/`, '--format', 'json'], work);
    const out = JSON.parse(r.stdout);
    expect(out.summary.status).toBe('complete');
    const reported = new Map<string, string>();
    for (const f of out.findings as { rule: string; url: string; severity: string }[]) {
      if (f.rule === 'links.broken' || f.rule === 'links.hijacked') reported.set(f.url, `${f.rule} ${f.severity}`);
    }
    const missed = [...site.expected.keys()].filter((u) => !reported.has(u));
    const extra = [...reported.keys()].filter((u) => !site.expected.has(u));
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    expect(site.expected.size).toBeGreaterThan(30);
    // What the lapsed domains serve is links.hijacked's: critical on the homepage for a casino.
    expect([...reported].filter(([, v]) => v.startsWith('links.hijacked')).map(([, v]) => v).sort()).toEqual(['links.hijacked critical', 'links.hijacked medium', 'links.hijacked medium']);
  }, 120_000);
});
