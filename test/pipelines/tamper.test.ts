import { testStore } from '../helpers/test-store';
/**
 * The tamper family over a site's history, end to end: a loopback site scanned once a day with an
 * injected clock and one store. Normal days raise no tamper finding; a script from a new origin is
 * reported once the site has history; a defaced homepage is reported with its before and after and
 * stays reported until it is restored; a page that shows Baiduspider a casino is caught by the
 * profile fetches of the scan.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { selectChecks } from '../../checks/registry';
import { parseConfig } from '../../pipelines/config';
import { scan, type JobContext } from '../../pipelines/jobs';
import { silentLogger } from '../../pipelines/log';
import { startLoopback } from '../helpers/loopback';
import { homepage } from '../fixtures/tamper/month';

const DAY = 86_400_000;
const START = Date.parse('2026-11-01T02:00:00Z');

describe('tamper over a site history', () => {
  it('stays quiet on normal days and reports a new script origin, a defacement until restored, and cloaking', async () => {
    let day = 1;
    let state: 'normal' | 'new-script' | 'defaced' | 'cloaked' | 'cloaked-gbk' = 'normal';
    const srv = await startLoopback((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
      if (req.url !== '/') return res.writeHead(404).end();
      const spider = /Baiduspider/i.test(req.headers['user-agent'] ?? '');
      if (state === 'cloaked' && spider) return res.end('<html><head><title>澳门新葡京官网</title></head><body><p>澳门新葡京娱乐场，首存送彩金。</p></body></html>');
      // The same on a GBK site: the spam is seen only if the view is decoded as the site says.
      if (state === 'cloaked-gbk') {
        res.setHeader('content-type', 'text/html; charset=gbk');
        return res.end(iconv.encode(spider ? '<html><head><title>澳门新葡京官网</title></head><body><p>澳门新葡京娱乐场，首存送彩金。</p></body></html>' : homepage(day), 'gbk'));
      }
      if (state === 'defaced') return res.end(homepage(day, { main: '<div class="intro"><h2>Hacked by Team X</h2><p>Your security is zero, admin.</p></div>' }));
      if (state === 'new-script') return res.end(homepage(day, { head: '<script src="https://cdn.unknown-stat.com/s.js"></script>' }));
      res.end(homepage(day));
    });
    const dir = mkdtempSync(join(tmpdir(), 'xj-tamper-'));
    const store = testStore(join(dir, 'x.db'));
    const config = parseConfig({ crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false, retries: 0 } }, '(test)');
    const found = new Map<number, string[]>();
    const scanDay = async (d: number, s: typeof state) => {
      day = d;
      state = s;
      const ctx: JobContext = { config, clock: { now: () => new Date(START + (d - 1) * DAY) }, log: silentLogger, store };
      const r = await scan(ctx, `${srv.origin}/`, selectChecks(['tamper']));
      found.set(d, r.findings.map((f) => `${f.rule} ${f.severity} ${f.title}`));
      return r;
    };
    try {
      for (let d = 1; d <= 4; d++) expect((await scanDay(d, 'normal')).summary.status).toBe('complete');
      for (let d = 1; d <= 4; d++) expect({ d, f: found.get(d) }).toEqual({ d, f: [] });
      await scanDay(5, 'new-script');
      expect(found.get(5)).toEqual([expect.stringMatching(/^tamper\.injected-script high .*unknown-stat\.com.*本站以前从未加载该来源/)]);
      await scanDay(6, 'defaced');
      expect(found.get(6)).toEqual([expect.stringMatching(/^tamper\.defaced high .*「市长信箱」→「Hacked by Team X」/)]);
      // Still defaced the next day: the reported snapshot never became the baseline.
      await scanDay(7, 'defaced');
      expect(found.get(7)).toEqual([expect.stringMatching(/^tamper\.defaced high/)]);
      await scanDay(8, 'normal');
      expect(found.get(8)).toEqual([]);
      await scanDay(9, 'cloaked');
      expect(found.get(9)).toEqual([expect.stringMatching(/^tamper\.cloaking critical .*百度蜘蛛.*新葡京/)]);
      await scanDay(10, 'cloaked-gbk');
      expect(found.get(10)).toEqual(expect.arrayContaining([expect.stringMatching(/^tamper\.cloaking critical .*百度蜘蛛.*新葡京/)]));
    } finally {
      store.close();
      await srv.close();
    }
  }, 60_000);

  it('keeps the history to runs that judged it: a wording-only run neither makes an injected script the site\u2019s own nor takes a defaced page as the baseline', async () => {
    let day = 1;
    let state: 'normal' | 'new-script' | 'defaced' = 'normal';
    const srv = await startLoopback((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
      if (req.url !== '/') return res.writeHead(404).end();
      // The site's own third-party library, every day: new to a run with no baseline would be a false alarm.
      const lib = '<script src="https://static.partner-cdn.com/lib.js"></script>';
      if (state === 'defaced') return res.end(homepage(day, { head: lib, main: '<div class="intro"><h2>Hacked by Team X</h2><p>Your security is zero, admin.</p></div>' }));
      if (state === 'new-script') return res.end(homepage(day, { head: `${lib}<script src="https://cdn.unknown-stat.com/s.js"></script>` }));
      res.end(homepage(day, { head: lib }));
    });
    const dir = mkdtempSync(join(tmpdir(), 'xj-tamper-'));
    const store = testStore(join(dir, 'x.db'));
    const config = parseConfig({ crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false, retries: 0 } }, '(test)');
    const scanDay = async (d: number, s: typeof state, rules: string[]) => {
      day = d;
      state = s;
      const ctx: JobContext = { config, clock: { now: () => new Date(START + (d - 1) * DAY) }, log: silentLogger, store };
      const r = await scan(ctx, `${srv.origin}/`, selectChecks(rules));
      return r.findings.filter((f) => f.check === 'tamper').map((f) => `${f.rule} ${f.title}`);
    };
    try {
      // A site first read by wording-only runs: they set no baseline, so the first tamper run calls no script new.
      for (let d = 1; d <= 2; d++) await scanDay(d, 'normal', ['wording']);
      expect(await scanDay(3, 'normal', ['tamper'])).toEqual([]);
      for (let d = 4; d <= 6; d++) expect(await scanDay(d, 'normal', ['tamper'])).toEqual([]);
      // Injected, then read only by a wording run: the next tamper run still finds the origin new.
      await scanDay(7, 'new-script', ['wording']);
      expect(await scanDay(8, 'new-script', ['tamper'])).toEqual([expect.stringMatching(/^tamper\.injected-script .*unknown-stat\.com.*本站以前从未加载该来源/)]);
      await scanDay(9, 'normal', ['tamper']);
      // Defaced, read by wording runs for days: the baseline is still the page before.
      for (let d = 10; d <= 13; d++) await scanDay(d, 'defaced', ['wording']);
      expect(await scanDay(14, 'defaced', ['tamper'])).toEqual([expect.stringMatching(/^tamper\.defaced .*Hacked by Team X/)]);
    } finally {
      store.close();
      await srv.close();
    }
  }, 60_000);

  // Behind a session filter each profile was sent round its own redirect until it gave up (more
  // than 5 redirects), so a spider-only casino went unseen.
  it('catches cloaking on a site whose session filter redirects every new client to the same address, setting a cookie', async () => {
    const srv = await startLoopback((req, res) => {
      if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
      if (!/sid=\d/.test(req.headers.cookie ?? '')) return res.writeHead(302, { location: req.url, 'set-cookie': 'sid=7; Path=/' }).end();
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url !== '/') return res.writeHead(404).end();
      if (/Baiduspider/i.test(req.headers['user-agent'] ?? '')) return res.end('<html><head><title>澳门新葡京官网</title></head><body><p>澳门新葡京娱乐场，首存送彩金。</p></body></html>');
      res.end(homepage(1));
    });
    const store = testStore(join(mkdtempSync(join(tmpdir(), 'xj-tamper-')), 'x.db'));
    try {
      const config = parseConfig({ crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false, retries: 0 } }, '(test)');
      const r = await scan({ config, clock: { now: () => new Date(START) }, log: silentLogger, store }, `${srv.origin}/`, selectChecks(['tamper']));
      expect(r.summary.status).toBe('complete');
      expect(r.findings.map((f) => `${f.rule} ${f.severity} ${f.title}`)).toEqual([expect.stringMatching(/^tamper\.cloaking critical .*百度蜘蛛.*新葡京/)]);
    } finally {
      store.close();
      await srv.close();
    }
  }, 60_000);
});
