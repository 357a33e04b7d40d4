/**
 * SIGTERM and SIGINT mid-crawl, sent to a real child process: `scan` exits 143/130 and `daemon`
 * exits 0, each leaving no run `running`, the run stored as partial with an `interrupted` error,
 * the frontier flushed, the store closed after its last write; the next scan resumes.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../pipelines/store/store';
import { htmlPage } from '../helpers/loopback';
import { runCli } from '../helpers/cli';

const PAGES = 120;
const root = join(__dirname, '..', '..');

interface SlowSite {
  origin: string;
  hits: Map<string, number>;
  requests(): number;
  close(): Promise<void>;
}

/** 120 pages, each answered after 40 ms, so a crawl is still going when the signal comes. */
async function slowSite(): Promise<SlowSite> {
  const hits = new Map<string, number>();
  let n = 0;
  const server: Server = createServer((req, res) => {
    n++;
    hits.set(req.url ?? '/', (hits.get(req.url ?? '/') ?? 0) + 1);
    setTimeout(() => {
      const m = /^\/p(\d+)\.html$/.exec(req.url ?? '');
      res.writeHead(req.url === '/' || m ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      if (req.url === '/') return void res.end(htmlPage('首页', '2026-12-01 示范市', Array.from({ length: PAGES }, (_, i) => `/p${i + 1}.html`)));
      res.end(m ? htmlPage(`第${m[1]}页`, '示范市召开经济形势分析会。') : 'no');
    }, 40);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    requests: () => n,
    close: () => new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    }),
  };
}

function cli(args: string[], cwd: string): { signal(name: NodeJS.Signals): void; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['-r', join(root, 'test/helpers/ts-register.js'), join(root, 'pipelines/cli.ts'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return {
    signal: (name) => child.kill(name),
    done: new Promise((res) => child.on('exit', (code) => res({ code, stdout, stderr }))),
  };
}

async function until(cond: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function runs(db: string): { status: string; summary: string | null }[] {
  const store = Store.open(db);
  try {
    return store.db.prepare('SELECT status, summary FROM runs ORDER BY id').all() as { status: string; summary: string | null }[];
  } finally {
    store.close();
  }
}

function workdir(extra: object = {}): string {
  const work = mkdtempSync(join(tmpdir(), 'xj-signal-'));
  writeFileSync(join(work, 'xunjian.config.json'), JSON.stringify({ store: 'x.db', crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false, perOrigin: 2, concurrency: 2 }, ...extra }));
  return work;
}

describe('signals mid-crawl', () => {
  let site: SlowSite;
  beforeEach(async () => {
    site = await slowSite();
  });
  afterEach(() => site.close());

  it.each([['SIGTERM', 143], ['SIGINT', 130]] as const)('scan stops on %s with exit %i, stores the run as partial, and the next scan resumes', async (name, code) => {
    const work = workdir();
    const child = cli(['scan', `${site.origin}/`, '--format', 'json'], work);
    await until(() => site.requests() >= 15);
    child.signal(name);
    const r = await child.done;
    expect(r.stderr).not.toMatch(/TypeError|database connection is not open/);
    expect(r.code).toBe(code);
    const out = JSON.parse(r.stdout);
    expect(out.summary.status).toBe('partial');
    expect(out.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'interrupted', message: expect.stringContaining(`stopped by ${name}`) })]));
    expect(runs(join(work, 'x.db')).map((x) => x.status)).toEqual(['partial']);
    const fetchedBefore = new Set([...site.hits.keys()]);
    const again = JSON.parse((await runCli(['scan', `${site.origin}/`, '--format', 'json'], work)).stdout);
    expect(again.summary.status).toBe('complete');
    // Resumed, not restarted: pages done before the signal are not fetched again.
    const refetched = [...fetchedBefore].filter((u) => u.startsWith('/p') && (site.hits.get(u) ?? 0) > 1);
    expect(refetched.length).toBeLessThanOrEqual(4);
    // Every page once, plus robots.txt and the homepage; the soft-404 probes (one per run) aside.
    expect([...site.hits.keys()].filter((u) => !u.startsWith('/xunjian-missing-')).length).toBe(PAGES + 2);
  }, 60_000);

  it('a scan with other rules does not resume a stopped crawl: its pages were never read by them', async () => {
    const work = workdir();
    const child = cli(['scan', `${site.origin}/`, '--format', 'json', '--checks', 'wording'], work);
    await until(() => site.requests() >= 15);
    child.signal('SIGTERM');
    expect((await child.done).code).toBe(143);
    const fetchedBefore = [...site.hits.keys()].filter((u) => u.startsWith('/p'));
    const again = JSON.parse((await runCli(['scan', `${site.origin}/`, '--format', 'json'], work)).stdout);
    expect(again.summary.status).toBe('complete');
    // Every page the stopped run read is read again, and the run checks them all.
    expect(fetchedBefore.filter((u) => (site.hits.get(u) ?? 0) < 2)).toEqual([]);
    expect(again.summary.pages).toBeGreaterThanOrEqual(PAGES);
  }, 60_000);

  it('daemon stops on SIGTERM during a crawl with exit 0, no crash, and the run not left running', async () => {
    const work = workdir({
      sites: [{ id: 'demo', name: '示范市人民政府', urls: [`${site.origin}/`] }],
      // Every second (node-cron's six-field form), so the first run starts at once.
      pipelines: [{ id: 'demo-crawl', site: 'demo', source: { crawl: true }, cron: '* * * * * *' }],
    });
    const child = cli(['daemon'], work);
    await until(() => site.requests() >= 15);
    child.signal('SIGTERM');
    const r = await child.done;
    expect(r.stderr).not.toMatch(/TypeError|database connection is not open/);
    expect(r.code).toBe(0);
    const stored = runs(join(work, 'x.db'));
    expect(stored.map((x) => x.status)).toEqual(['partial']);
    expect(JSON.parse(stored[0]!.summary!).errors).toBeGreaterThan(0);
  }, 60_000);
});
