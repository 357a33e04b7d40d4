import { MIGRATIONS } from '../../pipelines/store/migrations';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Store } from '../../pipelines/store/store';
import { testStore } from '../helpers/test-store';
import { knownResources, recordResources } from '../../pipelines/store/tamper';
import { hasPrints, originalsIndex, recordPrints } from '../../pipelines/store/identity';
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
