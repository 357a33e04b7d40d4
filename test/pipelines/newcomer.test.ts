/**
 * What a newcomer meets after `npm run demo`: the next commands name the demo's config and find
 * its store, a missing run or config says what is missing, each command has its own help, and
 * an info log shows every phase of a scan.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo } from '../../pipelines/demo/demo';
import { Progress } from '../../pipelines/progress';
import { createLogger, silentLogger } from '../../pipelines/log';
import { CHECKS } from '../../checks/registry';
import { parseConfig } from '../../pipelines/config';
import { scan } from '../../pipelines/jobs';
import { Store } from '../../pipelines/store/store';
import { runCli } from '../helpers/cli';
import { htmlPage, startLoopback } from '../helpers/loopback';

describe('after the demo', () => {
  it('names its config, whose store the next commands read; --serve keeps the site up until stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-next-'));
    let stop: () => void = () => undefined;
    let printed = '';
    let servedStatus = 0;
    const stopped = new Promise<void>((r) => (stop = r));
    const demo = runDemo({
      outDir: join(dir, 'out'), storePath: join(dir, 'demo.db'), log: silentLogger, progress: new Progress(false), checks: CHECKS,
      serve: {
        port: 0,
        untilStopped: () => stopped,
        onServing: (text) => {
          printed = text;
          const origin = /stays up at (http:\/\/127\.0\.0\.1:\d+)\//.exec(text)?.[1];
          void fetch(`${origin}/`).then((res) => (servedStatus = res.status)).finally(stop);
        },
      },
    });
    const r = await demo;
    expect(r.status).toBe('complete');
    expect(servedStatus).toBe(200);
    const configFile = join(dir, 'out', 'xunjian.config.json');
    expect(printed).toContain(`xunjian issues --config ${configFile}`);
    expect(printed).toContain(`xunjian report --format md --config ${configFile}`);
    expect(JSON.parse(readFileSync(configFile, 'utf8')).store).toBe(join(dir, 'demo.db'));
    // From another folder, as a newcomer would run them.
    const elsewhere = mkdtempSync(join(tmpdir(), 'xj-elsewhere-'));
    const rep = await runCli(['report', '--format', 'json', '--config', configFile], elsewhere);
    expect(JSON.parse(rep.stdout).findings.length).toBe(r.findings);
    const issues = JSON.parse((await runCli(['issues', '--format', 'json', '--config', configFile], elsewhere)).stdout);
    expect(issues.length).toBeGreaterThan(0);
    const verify = await runCli(['evidence', 'verify', '--format', 'text', '--config', configFile], elsewhere);
    expect(verify).toMatchObject({ code: 0, stdout: expect.stringContaining('the chain is intact') });
  });
  it('without --serve the site is gone once the demo returns, and the text says how to keep it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-next-'));
    const r = await runDemo({ outDir: join(dir, 'out'), storePath: join(dir, 'demo.db'), log: silentLogger, progress: new Progress(false), checks: CHECKS });
    expect(r.text).toContain('xunjian demo --serve');
    const cfg = JSON.parse(readFileSync(join(dir, 'out', 'xunjian.config.json'), 'utf8'));
    await expect(fetch(cfg.sites[0].urls[0])).rejects.toThrow();
  });
});

describe('what is missing is said', () => {
  const empty = mkdtempSync(join(tmpdir(), 'xj-empty-'));
  it('a site id with no config file names where the config was looked for', async () => {
    const r = await runCli(['scan', 'gxzf'], empty);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no config file was found (looked for xunjian.config.json, xunjian.config.yaml, xunjian.config.yml in');
    expect(r.stderr).toContain('--config FILE');
  });
  it('an unknown site id in a config lists the configured ones', async () => {
    const d = mkdtempSync(join(tmpdir(), 'xj-ids-'));
    writeFileSync(join(d, 'xunjian.config.json'), JSON.stringify({ sites: [{ id: 'nanning', name: '南宁市人民政府', urls: ['https://www.nanning.gov.cn/'] }] }));
    const r = await runCli(['scan', 'gxzf'], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('there is no site with id "gxzf"');
    expect(r.stderr).toContain('(its sites: nanning)');
  });
  it('report with no finished run exits 2 and says so', async () => {
    const r = await runCli(['report', '--format', 'json'], empty);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no finished run in .*default store/);
  });
  it('a command\'s --help shows its own options, not the global page', async () => {
    const check = await runCli(['check', '--help'], empty);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('Usage: xunjian check');
    expect(check.stdout).toContain('--url');
    expect(check.stdout).not.toContain('--max-pages');
    const scanHelp = await runCli(['scan', '-h'], empty);
    expect(scanHelp.stdout).toContain('--max-pages N');
    expect(scanHelp.stdout).not.toContain('Commands:');
    const global = await runCli(['--help'], empty);
    expect(global.stdout).toContain('Commands:');
  });
});

describe('an info log', () => {
  it('shows each phase of a scan: robots, sitemaps, crawl, checks, store, issues', async () => {
    const srv = await startLoopback((req, res) => {
      if (req.url === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return void res.end(`User-agent: *\nDisallow: /private/\nSitemap: http://${req.headers.host}/sitemap.xml\n`);
      }
      if (req.url === '/sitemap.xml') {
        res.writeHead(200, { 'content-type': 'application/xml' });
        return void res.end(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://${req.headers.host}/a.html</loc></url></urlset>`);
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(htmlPage('首页', '示范市召开经济形势分析会。', ['/a.html']));
    });
    const dir = mkdtempSync(join(tmpdir(), 'xj-log-'));
    const lines: string[] = [];
    const log = createLogger('info', { write: (s: string) => void lines.push(s) });
    const config = parseConfig({ store: join(dir, 's.db'), crawl: { minIntervalMs: 0, jitterMs: 0 }, evidence: { dir: join(dir, 'ledger') }, sinks: { f: { type: 'local' } }, issues: { routing: { operations: { sinks: ['f'] } } } }, 'test');
    const store = Store.open(config.store);
    try {
      await scan({ config, clock: { now: () => new Date() }, log, store }, `${srv.origin}/`, CHECKS);
    } finally {
      store.close();
      await srv.close();
    }
    const msgs = lines.map((l) => JSON.parse(l) as { msg: string; level: number });
    const order = ['robots.txt', 'sitemaps read', 'crawling', 'crawl finished', 'page checks done; running site checks', 'run stored', 'issues filed'];
    const seen = msgs.map((m) => m.msg).filter((m) => order.includes(m));
    expect([...new Set(seen)]).toEqual(order);
    expect(msgs.find((m) => m.msg === 'sitemaps read')).toMatchObject({ urls: 1, inScope: 1 });
  });
});

describe('evidence verify on a ledger that is not there', () => {
  it('says there is no ledger, exits 2 and creates nothing', async () => {
    const d = mkdtempSync(join(tmpdir(), 'xj-noledger-'));
    writeFileSync(join(d, 'xunjian.config.json'), JSON.stringify({ evidence: { dir: join(d, 'ledger') } }));
    const r = await runCli(['evidence', 'verify', '--format', 'text'], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`there is no evidence ledger at ${join(d, 'ledger')}`);
    expect(existsSync(join(d, 'ledger'))).toBe(false);
  });
});
