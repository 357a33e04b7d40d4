/**
 * Pages checked on check threads give the same run as pages checked on the run's own thread: the
 * same findings (by fingerprint), pages, dates and titles, in the same order, and the same history.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { htmlPage, startLoopback, type Loopback } from '../helpers/loopback';
import { WorkerPool } from '../../pipelines/worker-pool';
import { Worker } from 'node:worker_threads';
import { runPageChecks, type PageCheckResult } from '../../pipelines/page-checks';
import type { CheckThreadSetup, PageCheckSetup, PageCheckTask } from '../../pipelines/page-check-worker';
import { loadConfig } from '../../pipelines/config';
import { CHECKS } from '../../checks/registry';
import { createPage } from '../../checks/page';
import type { PageCheck } from '../../checks/types';
import { testContext, FIXED_NOW } from '../helpers/context';
import { sharedTypoTables } from '../../pipelines/word-frequencies';
import { loadScriptSandbox } from '../../checks/tamper/sandbox';

// More than a run reads before it starts its check threads (POOL_AFTER in pipelines/run.ts).
const PAGES = 130;
const HELD_FROM = 110;
let held: Promise<void> | undefined;

describe('check threads', () => {
  let srv: Loopback;
  beforeAll(async () => {
    srv = await startLoopback((q, s) => {
      const path = (q.url ?? '/').split('?')[0]!;
      const m = /^\/p(\d+)\.html$/.exec(path);
      s.writeHead(path === '/' || m ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      if (path === '/') return void s.end(htmlPage('示范市人民政府', '2026-11-20 示范市召开会议。', Array.from({ length: PAGES }, (_, i) => `/p${i}.html`)));
      if (!m) return void s.end('not found');
      const i = Number(m[1]);
      // The last pages wait for the run's check thread to be set up (seconds under the test
      // runner's transpiler), so some surely go to it; the first hundred start it.
      if (held && i >= HELD_FROM) return void held.then(() => s.end(article(i)));
      s.end(article(i));
    });
  });
  afterAll(() => srv.close());

  const article = (i: number): string => {
    const body = [
      `发布时间：2026-11-${String((i % 20) + 1).padStart(2, '0')} 09:00`,
      i % 3 === 0 ? '申请人身份证号码：110105199003071239，联系电话13812345678。' : '示范市召开经济形势分析会，研究部署下一步工作。',
      i % 4 === 0 ? '要坚决做到“两个维获”，增强“四个意识”。' : '各单位要认真贯彻落实。',
      i % 5 === 0 ? '<a href="https://casino.example/">澳门新葡京</a>' : '',
    ].join('<br>');
    return htmlPage(`第${i}号通知`, body);
  };

  const scan = async (threads: string, args: string[] = []) => {
    const work = mkdtempSync(join(tmpdir(), 'xj-threads-'));
    writeFileSync(join(work, 'xunjian.config.json'), JSON.stringify({ crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false, retries: 0, maxExternalHosts: 0 } }));
    const before = process.env['XUNJIAN_CHECK_THREADS'];
    process.env['XUNJIAN_CHECK_THREADS'] = threads;
    const sent = jest.spyOn(WorkerPool.prototype, 'tryRun');
    if (threads !== '0') {
      held = (async () => {
        for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 20))) {
          const pool = sent.mock.contexts[0] as WorkerPool<unknown, unknown> | undefined;
          if (pool && !pool.full) return;
        }
      })();
    }
    try {
      const r = await runCli(['scan', `${srv.origin}/`, '--format', 'json', ...args], work);
      const out = JSON.parse(r.stdout) as { summary: { pages: number; outcomes: unknown; byRule: unknown }; findings: { id: string }[]; pages: { url: string; title: string; publishedAt: string | null; dateSources: { source: string; value: string }[] }[] };
      return { ...out, onThreads: sent.mock.results.filter((x) => x.value !== undefined).length };
    } finally {
      sent.mockRestore();
      held = undefined;
      process.env['XUNJIAN_CHECK_THREADS'] = before;
    }
  };

  // The run falls back to its own thread when a check thread fails, so the run-level comparison
  // below would pass with no working thread at all: the thread itself is asked here.
  it('answers from a check thread what the run\'s own thread answers', async () => {
    const checks = CHECKS.filter((c): c is PageCheck => c.kind === 'page');
    const init = {
      siteId: 't', url: 'https://www.example.gov.cn/a.html', fetchedAt: FIXED_NOW.toISOString(), contentType: 'html' as const, origin: 'crawl' as const,
      // 严历 is found only through the word frequencies, which the thread reads from the run thread's shared tables.
      source: htmlPage('救助名单公示', '发布时间：2026-11-20。申请人身份证号码：110105199003071239。要依法严历打击违法行为。') +
        // A link only running the script shows: the thread loads the script sandbox too.
        `<script>var k=[${[...'http://www.bet-88.top/'].map((c) => c.charCodeAt(0)).join(',')}],u='';for(var i=0;i<k.length;i++)u+=String.fromCharCode(k[i]);document.write('<div style="display:none"><a href="'+u+'">真人百家乐</a></div>');</script>`,
    };
    await loadScriptSandbox();
    // Checked here first, so the typo tier's candidate indexes exist to be shared with the thread too.
    const here = runPageChecks(checks, createPage(init), testContext(FIXED_NOW), { dates: true, own: { resources: true, prints: true } });
    expect(Object.keys(sharedTypoTables().candidates).sort()).toEqual(['orphan', 'reading']);
    const pool = new WorkerPool<PageCheckTask, PageCheckResult>(1, join(__dirname, '..', '..', 'pipelines', 'page-check-worker'), { typoTables: sharedTypoTables() } satisfies CheckThreadSetup);
    const run = pool.share({ config: loadConfig(undefined, mkdtempSync(join(tmpdir(), 'xj-cfg-')), {}), checkIds: checks.map((c) => c.meta.id), siteId: 't', pageDates: false } satisfies PageCheckSetup);
    try {
      const there = await pool.run({ page: init, now: FIXED_NOW.toISOString(), own: { resources: true, prints: true } }, run);
      expect(there.findings.map((f) => f.id)).toEqual(here.findings.map((f) => f.id));
      expect(there.findings.map((f) => f.rule)).toContain('privacy.id-card');
      expect(there.findings.map((f) => f.rule)).toContain('tamper.hidden-link');
      expect(there.findings.find((f) => f.rule === 'wording.typo')?.suggestion).toBe('严厉');
      expect(there.facts.title).toBe(here.facts.title);
      expect(there.facts.prints?.simhash).toBe(here.facts.prints?.simhash);
      expect(there.facts.resources).toEqual(here.facts.resources);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('posts pages several to a message while the thread holds others, and answers each its own', async () => {
    const checks = CHECKS.filter((c): c is PageCheck => c.kind === 'page' && c.meta.family === 'dates');
    const pool = new WorkerPool<PageCheckTask, PageCheckResult>(1, join(__dirname, '..', '..', 'pipelines', 'page-check-worker'), {} satisfies CheckThreadSetup, 16, 4);
    const run = pool.share({ config: loadConfig(undefined, mkdtempSync(join(tmpdir(), 'xj-cfg-')), {}), checkIds: checks.map((c) => c.meta.id), siteId: 't', pageDates: false } satisfies PageCheckSetup);
    const posted = jest.spyOn(Worker.prototype, 'postMessage');
    try {
      const pages = Array.from({ length: 24 }, (_, i) => ({
        siteId: 't', url: `https://www.example.gov.cn/a/${i}.html`, fetchedAt: FIXED_NOW.toISOString(), contentType: 'html' as const, origin: 'crawl' as const,
        source: htmlPage(`第${i}号通知`, `发布时间：2026-11-${String(1 + i).padStart(2, '0')}。正文。`),
      }));
      const answers = await Promise.all(pages.map((page) => pool.run({ page, now: FIXED_NOW.toISOString(), own: { resources: true, prints: false } }, run)));
      expect(answers.map((a) => a.facts.title)).toEqual(pages.map((_, i) => `第${i}号通知`));
      expect(posted.mock.calls.length).toBeLessThan(pages.length);
    } finally {
      posted.mockRestore();
      await pool.close();
    }
  }, 120_000);

  it('sends a run\'s context once to each thread, again to a thread that replaces a dead one, and never after the run let it go', async () => {
    const checks = CHECKS.filter((c): c is PageCheck => c.kind === 'page' && c.meta.family === 'dates');
    const pool = new WorkerPool<PageCheckTask, PageCheckResult>(1, join(__dirname, '..', '..', 'pipelines', 'page-check-worker'), {} satisfies CheckThreadSetup, 16, 4);
    const setup: PageCheckSetup = { config: loadConfig(undefined, mkdtempSync(join(tmpdir(), 'xj-cfg-')), {}), checkIds: checks.map((c) => c.meta.id), siteId: 't', pageDates: true };
    const run = pool.share(setup);
    const task = (i: number): PageCheckTask => ({
      page: { siteId: 't', url: `https://www.example.gov.cn/a/${i}.html`, fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', origin: 'crawl', source: htmlPage(`第${i}号通知`, `发布时间：2026-11-0${i + 1}。正文。`) },
      now: FIXED_NOW.toISOString(),
    });
    const posted = jest.spyOn(Worker.prototype, 'postMessage');
    const shared = (): number => posted.mock.calls.filter(([m]) => Array.isArray(m) && (m as { shared?: unknown }[]).some((t) => t.shared !== undefined)).length;
    try {
      expect((await pool.run(task(0), run)).facts.title).toBe('第0号通知');
      expect((await pool.run(task(1), run)).facts.title).toBe('第1号通知');
      expect(shared()).toBe(1);
      const [first] = [...(pool as unknown as { sent: Map<Worker, unknown> }).sent.keys()];
      await first!.terminate();
      const again = await pool.run(task(2), run);
      expect(again.facts.title).toBe('第2号通知');
      expect(again.facts.dates).toBeDefined();
      expect(shared()).toBe(2);
      pool.unshare(run);
      await expect(pool.run(task(3), run)).rejects.toThrow(/context \d+ is not known to this thread/);
    } finally {
      posted.mockRestore();
      await pool.close();
    }
  }, 120_000);

  it('finds the same as the run\'s own thread', async () => {
    const one = await scan('0');
    const two = await scan('2');
    expect(one.summary.pages).toBe(PAGES + 1);
    expect(one.onThreads).toBe(0);
    // Pages went to the threads, and the run's thread checked others itself meanwhile.
    expect(two.onThreads).toBeGreaterThan(0);
    expect(two.onThreads).toBeLessThan(PAGES + 1);
    expect(one.findings.length).toBeGreaterThan(10);
    expect(two.findings.map((f) => f.id)).toEqual(one.findings.map((f) => f.id));
    expect(two.summary.outcomes).toEqual(one.summary.outcomes);
    expect(two.summary.byRule).toEqual(one.summary.byRule);
    expect(two.pages.map((p) => [p.url, p.title, p.publishedAt])).toEqual(one.pages.map((p) => [p.url, p.title, p.publishedAt]));
  }, 120_000);

  // A run of link checks alone still reads each page's dates, title and resources (for the JSON,
  // the store and the tamper history): that reading goes to the threads too, and no page check
  // runs there (an empty list once meant every check).
  it('reads pages on its threads when only site or link checks are selected, and runs no page check', async () => {
    const one = await scan('0', ['--checks', 'links.broken']);
    const two = await scan('2', ['--checks', 'links.broken']);
    expect(two.onThreads).toBeGreaterThan(0);
    expect(Object.keys(two.summary.byRule as object)).toEqual([]);
    expect(two.findings).toEqual([]);
    expect(two.summary.outcomes).toEqual(one.summary.outcomes);
    expect(two.pages.filter((p) => p.publishedAt).length).toBeGreaterThan(PAGES / 2);
    // Each run's first-seen is its own clock's.
    const dated = (r: typeof one) => r.pages.map((p) => [p.url, p.title, p.publishedAt, p.dateSources.filter((d) => d.source !== 'first-seen')]);
    expect(dated(two)).toEqual(dated(one));
    // A run with no rule reading the pages' dated facts is spared deriving them; the JSON's dates are the same.
    expect(dated(one)).toEqual(dated(await scan('0')));
  }, 120_000);

  // A worker given the process's options explicitly refuses V8's, and the whole run failed.
  it('starts its threads in a process run with V8 options (--max-old-space-size)', async () => {
    const work = mkdtempSync(join(tmpdir(), 'xj-threads-v8-'));
    const records = Array.from({ length: 150 }, (_, i) => JSON.stringify({ id: i, url: `https://www.example.gov.cn/a/${i}.html`, title: `第${i}号通知`, html: `<p>${article(i)}</p>` }));
    writeFileSync(join(work, 'export.jsonl'), records.join('\n') + '\n');
    const root = join(__dirname, '..', '..');
    const r = spawnSync(process.execPath, ['--max-old-space-size=2048', '-r', join(root, 'test', 'helpers', 'ts-register.js'), join(root, 'pipelines', 'cli.ts'), 'ingest', 'export.jsonl', '--format', 'json', '--fail-on', 'none'], {
      cwd: work, encoding: 'utf8', env: { ...process.env, XUNJIAN_CHECK_THREADS: '1' }, maxBuffer: 64 << 20,
    });
    expect(r.stderr).not.toMatch(/invalid execArgv|could not start/);
    const out = JSON.parse(r.stdout) as { summary: { status: string; pages: number } };
    expect(out.summary).toMatchObject({ status: 'complete', pages: 150 });
  }, 120_000);
});
