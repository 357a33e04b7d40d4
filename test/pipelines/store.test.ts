import { MIGRATIONS } from '../../pipelines/store/migrations';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Store, type PageRecord } from '../../pipelines/store/store';
import { testStore } from '../helpers/test-store';
import { knownResources, recordResources } from '../../pipelines/store/tamper';
import { hasPrints, latestIdentity, originalsIndex, recordIdentity, recordPrints } from '../../pipelines/store/identity';
import { KEPT_RUNS, pruneRunHistory } from '../../pipelines/store/retention';
import { reportFromStore } from '../../pipelines/report-from-store';
import type { Finding } from '../../checks/types';

const finding = (id: string): Finding => ({
  id, check: 'privacy', rule: 'privacy.id-card', severity: 'high', duty: 'privacy', title: 't', site: 's', url: 'https://a.gov.cn/',
  location: {}, match: '11**39', excerpt: '', basis: 'b', evidence: {},
});

describe('Store', () => {
  it('migrates a new file to the latest schema version, once', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'xj-store-')), 'x.db');
    Store.open(path).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });
  it('carries a counterfeit index written before migration 16 over to the compact one', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'xj-store-')), 'x.db');
    const old = new Database(path);
    for (const m of MIGRATIONS.slice(0, 15)) old.exec(m);
    old.pragma('user_version = 15');
    const shape = Buffer.from(new Uint32Array([1, 2, 3]).buffer);
    const addPage = (url: string, hashes: number[]) => {
      old.prepare('INSERT INTO page_prints (site_id, url, sha256, title, simhash, shape, sentences, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run('s', url, `sha-${url}`, `title ${url}`, '00000000ffffffff', shape, Buffer.from(new Float64Array(hashes).buffer), '2026-01-01T00:00:00Z');
      for (const h of hashes) old.prepare('INSERT INTO sentence_index (hash, site_id, url) VALUES (?, ?, ?)').run(h, 's', url);
    };
    addPage('https://a.gov.cn/1.html', [101, 102, 103]);
    addPage('https://a.gov.cn/2.html', [103, 104]);
    old.close();
    const s = Store.open(path);
    try {
      const found = originalsIndex(s).sharing([101, 102, 103, 999], 5);
      expect(found.map((m) => [m.page.url, m.shared])).toEqual([['https://a.gov.cn/1.html', 3], ['https://a.gov.cn/2.html', 1]]);
      expect(found[0]!.page.sentences).toEqual([101, 102, 103]);
      expect(found[0]!.page.title).toBe('title https://a.gov.cn/1.html');
      expect(hasPrints(s, 's', 'https://a.gov.cn/2.html', 'sha-https://a.gov.cn/2.html')).toBe(true);
      // A changed page replaces its own sentences and keeps the others'.
      recordPrints(s, 's', 'https://a.gov.cn/2.html', 'sha-new', 't2', () => ({ simhash: '0000000000000000', shape: new Uint32Array([4]), sentences: [{ hash: 105, start: 0, end: 1 }] }), '2026-02-01T00:00:00Z');
      expect(originalsIndex(s).sharing([103, 104, 105], 5).map((m) => [m.page.url, m.shared])).toEqual([['https://a.gov.cn/1.html', 1], ['https://a.gov.cn/2.html', 1]]);
      expect(s.db.prepare('SELECT COUNT(*) AS n FROM sentence_pages').get()).toEqual({ n: 4 });
    } finally {
      s.close();
    }
  });
  it('keeps the first-seen date of a page across runs', () => {
    const s = testStore();
    const r1 = s.beginRun('scan', 't', 's', '2026-01-01T00:00:00Z');
    expect(s.recordPage(r1, { siteId: 's', url: 'u', sha256: 'a' }, '2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:00Z');
    const r2 = s.beginRun('scan', 't', 's', '2026-01-08T00:00:00Z');
    expect(s.recordPage(r2, { siteId: 's', url: 'u', sha256: 'b' }, '2026-01-08T00:00:00Z')).toBe('2026-01-01T00:00:00Z');
  });
  it('counts a finding as new only the first time its fingerprint is seen', () => {
    const s = testStore();
    const r1 = s.beginRun('scan', 't', 's', 'x');
    expect(s.upsertFindings(r1, [finding('f1'), finding('f2')], 'x')).toEqual({ added: 2, seen: 0 });
    const r2 = s.beginRun('scan', 't', 's', 'y');
    expect(s.upsertFindings(r2, [finding('f2'), finding('f3')], 'y')).toEqual({ added: 1, seen: 1 });
    expect(s.findingsOfRun(r2).map((f) => f.id).sort()).toEqual(['f2', 'f3']);
  });
  it('survives two processes writing at once (WAL + busy timeout), without corruption', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'xj-store-')), 'shared.db');
    Store.open(path).close();
    // Children use better-sqlite3 directly on the migrated file: what matters is the locking.
    const child = (tag: string) =>
      new Promise<number>((resolve, reject) => {
        const p = spawn(process.execPath, ['-e', `
          const D = require(${JSON.stringify(require.resolve('better-sqlite3'))});
          const db = new D(${JSON.stringify(path)}, { timeout: 15000 });
          db.pragma('journal_mode = WAL');
          const ins = db.prepare("INSERT INTO fetch_failures (run_id, url, code, message, at) VALUES (?, ?, 'x', 'm', 't')");
          const run = Number(db.prepare("INSERT INTO runs (command, target, site_id, started_at) VALUES ('c','t','s','x')").run().lastInsertRowid);
          for (let i = 0; i < 300; i++) db.transaction(() => ins.run(run, '${tag}' + i))();
          db.close();
        `], { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        p.stderr.on('data', (d) => (err += d));
        p.on('exit', (code) => (code === 0 ? resolve(code) : reject(new Error(err))));
      });
    await Promise.all([child('a'), child('b')]);
    const db = new Database(path);
    expect(db.prepare('SELECT count(*) AS n FROM fetch_failures').get()).toEqual({ n: 600 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
  it('reports a store path it cannot open', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xj-store-')), 'plain-file');
    writeFileSync(file, 'not a folder');
    expect(() => Store.open(join(file, 'x.db'))).toThrow(/x\.db/);
  });

  describe('history kept for a site\'s last runs', () => {
    const night = (n: number) => `2026-01-${String(n).padStart(2, '0')}T18:00:00Z`;
    const versions = (s: Store, url?: string): number[] =>
      (s.db.prepare(`SELECT run_id FROM page_versions WHERE site_id = 's'${url ? ' AND url = ?' : ''} ORDER BY run_id`).all(...(url ? [url] : [])) as { run_id: number }[]).map((r) => Number(r.run_id));
    /** `nights` runs of site s, each seeing `page(n)` and one fetch failure; returns the run ids. */
    const nights = (s: Store, count: number, page: (n: number) => PageRecord[]): number[] => {
      const ids: number[] = [];
      for (let n = 1; n <= count; n++) {
        const run = s.beginRun('scan', 't', 's', night(n));
        for (const p of page(n)) s.recordPage(run, p, night(n));
        s.recordFailure(run, `https://a.gov.cn/gone-${n}.html`, 'http-404', '404', 404, night(n));
        recordIdentity(s, 's', run, night(n), { siteCodes: [`45010000${n}`], conac: [], icp: [], psb: [], jiucuo: false });
        s.finishRun(run, 'complete', night(n), { pages: 1 });
        pruneRunHistory(s, 's', 'scan');
        ids.push(run);
      }
      return ids;
    };

    it('drops older runs\' page lists, failures and identity records, and says so in their reports', () => {
      const s = testStore();
      const a = (n: number): PageRecord => ({ siteId: 's', url: 'https://a.gov.cn/a.html', sha256: `a${n}`, claims: { publishedAt: '2026-01-01' }, bodyHash: 'ha' });
      const ids = nights(s, KEPT_RUNS + 5, (n) => [a(n)]);
      // Another site's history is its own.
      const other = s.beginRun('scan', 't', 'o', night(1));
      s.recordPage(other, { siteId: 'o', url: 'https://b.gov.cn/', sha256: 'b' }, night(1));
      s.finishRun(other, 'complete', night(1), {});
      pruneRunHistory(s, 's', 'scan');
      // A day of pre-publish checks of the same site keeps the crawl's history: runs count per command.
      const checks: number[] = [];
      for (let n = 0; n < KEPT_RUNS + 2; n++) {
        const run = s.beginRun('check', 'draft.html', 's', night(28));
        s.recordPage(run, { siteId: 's', url: 'file:///drafts/draft.html', sha256: 'd' }, night(28));
        s.finishRun(run, 'complete', night(28), {});
        pruneRunHistory(s, 's', 'check');
        checks.push(run);
      }
      expect(versions(s)).toEqual([...ids.slice(5), ...checks.slice(2)]);
      expect(s.failuresOfRun(ids[4]!)).toEqual([]);
      expect(s.failuresOfRun(ids[5]!)).toHaveLength(1);
      expect(Number((s.db.prepare("SELECT COUNT(*) AS n FROM site_identity WHERE site_id = 's'").get() as { n: number }).n)).toBe(KEPT_RUNS);
      expect(Number((s.db.prepare("SELECT COUNT(*) AS n FROM page_versions WHERE site_id = 'o'").get() as { n: number }).n)).toBe(1);
      const old = reportFromStore(s, ids[4]);
      expect(old?.errors.map((e) => e.code)).toContain('pages-pruned');
      expect(old?.summary).toEqual({ pages: 1 });
      expect(reportFromStore(s, ids[5])?.errors.map((e) => e.code)).not.toContain('pages-pruned');
      expect(reportFromStore(s, ids[5])?.pages.map((p) => p.url)).toEqual(['https://a.gov.cn/a.html']);
      s.close();
    });

    it('keeps the latest date, body hash and column a page ever showed, and the latest identity', () => {
      const s = testStore();
      const dated = 'https://a.gov.cn/dated.html';
      const gone = 'https://a.gov.cn/gone.html';
      const ids = nights(s, KEPT_RUNS + 3, (n) => [
        // Dated and in a column the first night only; then its date and column went from the page.
        { siteId: 's', url: dated, sha256: `d${n}`, ...(n === 1 ? { claims: { publishedAt: '2025-12-30', column: '通知公告' }, bodyHash: 'hd' } : {}) },
        // Seen the first two nights, then taken down.
        ...(n <= 2 ? [{ siteId: 's', url: gone, sha256: 'g', claims: { publishedAt: '2025-11-11' }, bodyHash: 'hg' }] : []),
      ]);
      expect(versions(s, dated)).toEqual([ids[0]!, ...ids.slice(3)]);
      expect(versions(s, gone)).toEqual([ids[1]!]);
      const history = s.siteHistory('s', ids.at(-1)! + 1)!;
      const of = (url: string) => history.pages.find((p) => p.url === url);
      expect(of(dated)).toMatchObject({ claimed: '2025-12-30', bodyHash: 'hd' });
      expect(of(gone)).toMatchObject({ claimed: '2025-11-11', bodyHash: 'hg' });
      // A month of failed runs recorded no identity: the last one seen is still the site's.
      for (let n = 0; n < KEPT_RUNS + 1; n++) {
        const run = s.beginRun('scan', 't', 's', night(28));
        s.finishRun(run, 'failed', night(28), {});
        pruneRunHistory(s, 's', 'scan');
      }
      expect(latestIdentity(s, 's')?.record.siteCodes).toEqual([`45010000${KEPT_RUNS + 3}`]);
      s.close();
    });

    it('drops a finished crawl\'s frontier when the site\'s next crawl starts, and keeps one to resume', () => {
      const s = testStore();
      const rows = (crawl: number) => s.frontierRows(crawl).length;
      const first = s.openCrawl('s', ['https://a.gov.cn/'], night(1)).crawlId;
      s.frontierWrite(first, [{ url: 'https://a.gov.cn/', depth: 0, kind: 'page' }, { url: 'https://a.gov.cn/1.html', depth: 1, kind: 'page' }], []);
      s.finishCrawl(first, night(1));
      const other = s.openCrawl('o', ['https://b.gov.cn/'], night(1)).crawlId;
      s.frontierWrite(other, [{ url: 'https://b.gov.cn/', depth: 0, kind: 'page' }], []);
      s.finishCrawl(other, night(1));
      const second = s.openCrawl('s', ['https://a.gov.cn/'], night(2));
      expect(second.resumed).toBe(false);
      s.frontierWrite(second.crawlId, [{ url: 'https://a.gov.cn/', depth: 0, kind: 'page' }], []);
      expect([rows(first), rows(other), rows(second.crawlId)]).toEqual([0, 1, 1]);
      // Interrupted, it is resumed with its frontier whole.
      const again = s.openCrawl('s', ['https://a.gov.cn/'], night(3));
      expect(again).toEqual({ crawlId: second.crawlId, resumed: true });
      expect(rows(second.crawlId)).toBe(1);
      s.close();
    });
  });

  describe('held page writes', () => {
    const at = '2026-01-01T00:00:00Z';
    const page = (i: number, size = 10) => ({ siteId: 's', url: `https://a.gov.cn/${i}.html`, sha256: 'x'.repeat(size) });
    /** What another connection (another process, a check thread) sees committed. */
    const committedPages = (path: string): number => {
      const other = new Database(path, { readonly: true });
      try {
        return (other.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n;
      } finally {
        other.close();
      }
    };
    const fresh = (): { path: string; s: Store } => {
      const path = join(mkdtempSync(join(tmpdir(), 'xj-held-')), 'x.db');
      return { path, s: Store.open(path) };
    };

    it('are committed together, and before any other write', () => {
      const { path, s } = fresh();
      const run = s.beginRun('scan', 't', 's', at);
      for (let i = 0; i < 5; i++) s.held(() => s.recordPage(run, page(i), at));
      // Read back on the same connection at once; not yet by others.
      expect(s.firstSeen('s', page(4).url)).toBe(at);
      expect(committedPages(path)).toBe(0);
      s.finishRun(run, 'complete', at, {});
      expect(committedPages(path)).toBe(5);
      s.close();
    });

    it('are committed within a quarter of a second when no other write comes', async () => {
      const { path, s } = fresh();
      const run = s.beginRun('scan', 't', 's', at);
      s.held(() => s.recordPage(run, page(1), at));
      expect(committedPages(path)).toBe(0);
      await new Promise((r) => setTimeout(r, 400));
      expect(committedPages(path)).toBe(1);
      s.close();
    });

    it('are committed when the store closes (a run stopped early keeps what it stored)', () => {
      const { path, s } = fresh();
      const run = s.beginRun('scan', 't', 's', at);
      s.held(() => s.recordPage(run, page(1), at));
      s.close();
      expect(committedPages(path)).toBe(1);
    });

    it('a full database fails the held writes, naming it, and keeps every row written outside them', () => {
      const { path, s } = fresh();
      const run = s.beginRun('scan', 't', 's', at);
      const pages = (s.db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
      // SQLite's own limit on the file's size: writes past it fail as on a full disk (SQLITE_FULL).
      s.db.exec(`PRAGMA max_page_count = ${pages + 4}`);
      let failure: (Error & { code?: string }) | undefined;
      s.held(() => s.recordPage(run, page(0), at));
      // A write of another kind while pages are held (as the crawl's row or frontier would be).
      const second = s.beginRun('scan', 't2', 's', at);
      let i = 1;
      try {
        for (; i < 1000; i++) s.held(() => s.recordPage(run, page(i, 3000), at));
      } catch (e) {
        failure = e as Error & { code?: string };
      }
      expect(failure?.code).toBe('SQLITE_FULL');
      expect(i).toBeGreaterThan(1);
      // The run's own row (written outside the batch) is still there to be marked failed.
      s.finishRun(run, 'failed', at, {});
      expect(s.getRun(run)?.status).toBe('failed');
      expect(s.getRun(second)?.target).toBe('t2');
      s.close();
      const other = new Database(path, { readonly: true });
      expect((other.prepare('SELECT status FROM runs WHERE id = ?').get(run) as { status: string }).status).toBe('failed');
      other.close();
    });
  });

  describe('the tamper rules\u2019 known resources', () => {
    const at = '2026-01-01T00:00:00Z';
    const run = (s: Store, status: 'complete' | 'partial', seen?: Parameters<typeof recordResources>[3]): number => {
      const id = s.beginRun('scan', 't', 's', at);
      if (seen) recordResources(s, 's', id, seen);
      s.finishRun(id, status, at, {});
      return id;
    };
    it('has no baseline after runs that recorded nothing, or only a partial run that did', () => {
      const s = testStore();
      run(s, 'complete');
      run(s, 'partial', { scriptOrigins: ['https://cdn.a.com'] });
      expect(knownResources(s, 's', s.beginRun('scan', 't', 's', at))).toBeUndefined();
    });
    it('knows each kind only from a complete run that recorded it', () => {
      const s = testStore();
      run(s, 'complete', { scriptOrigins: ['https://cdn.a.com'] });
      run(s, 'complete');
      const known = knownResources(s, 's', s.beginRun('scan', 't', 's', at));
      expect(known?.scriptOrigins && [...known.scriptOrigins]).toEqual(['https://cdn.a.com']);
      expect(known?.linkDomains).toBeUndefined();
    });
    it('reads a store from before runs said what they recorded as it did then', () => {
      const s = testStore();
      run(s, 'complete', { linkDomains: ['partner.com'], scriptOrigins: ['https://cdn.a.com'] });
      s.db.prepare('DELETE FROM resource_runs').run();
      const known = knownResources(s, 's', s.beginRun('scan', 't', 's', at));
      expect(known?.linkDomains && [...known.linkDomains]).toEqual(['partner.com']);
      expect(known?.scriptOrigins && [...known.scriptOrigins]).toEqual(['https://cdn.a.com']);
    });
  });
});
