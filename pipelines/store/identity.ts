/**
 * What the store keeps of a site's own identity: the marks each run saw (history for
 * health.identity, and an inventory the counterfeit rules compare against even where the config
 * names no siteCode), and the prints of its pages, so a copy of one on another host is found and
 * its changes named (counterfeit.page-copy).
 */
import type { OriginalMatch, OriginalPage, OriginalsIndex } from '../../checks/types';
import type { IdentityRecord } from '../../checks/health/identity-survey';
import type { PagePrints } from '../../checks/counterfeit/prints';
import type { Store } from './store';

/** A sentence on this many pages of a site is template (navigation, footer), not content. */
const TEMPLATE_PAGES = 3;
/** SQLite binds at most 32,766 variables; sentence lists are capped far below that. */
const CHUNK = 500;

export function recordIdentity(store: Store, siteId: string, runId: number, at: string, record: IdentityRecord): void {
  store.db.prepare('INSERT INTO site_identity (site_id, run_id, observed_at, json) VALUES (?, ?, ?, ?)').run(siteId, runId, at, JSON.stringify(record));
}

/** The latest identity recorded for a site before run `beforeRunId` (all runs when absent). */
export function latestIdentity(store: Store, siteId: string, beforeRunId?: number): { observedAt: string; record: IdentityRecord } | undefined {
  const row = store.db
    .prepare('SELECT observed_at, json FROM site_identity WHERE site_id = ? AND run_id < ? ORDER BY id DESC LIMIT 1')
    .get(siteId, beforeRunId ?? Number.MAX_SAFE_INTEGER) as { observed_at: string; json: string } | undefined;
  return row ? { observedAt: row.observed_at, record: JSON.parse(row.json) as IdentityRecord } : undefined;
}

/** The index already holds this page as it is now. */
export function hasPrints(store: Store, siteId: string, url: string, sha256: string): boolean {
  const had = store.stmt('SELECT sha256 FROM print_pages WHERE site_id = ? AND url = ?').get(siteId, url) as { sha256: string } | undefined;
  return had?.sha256 === sha256;
}

/**
 * The prints are computed only for a page whose content changed since it was last indexed: a
 * nightly scan of an unchanged site then costs one lookup a page, not a SimHash and a sentence split.
 */
export function recordPrints(store: Store, siteId: string, url: string, sha256: string, title: string, prints: () => PagePrints, at: string): void {
  if (hasPrints(store, siteId, url, sha256)) return;
  const p = prints();
  indexPage(store)(siteId, url, sha256, title, p, [...new Set(p.sentences.map((s) => s.hash))], at);
}

type IndexPage = (siteId: string, url: string, sha256: string, title: string, p: PagePrints, hashes: number[], at: string) => void;

/**
 * Made once a store: better-sqlite3 builds a transaction's wrappers anew at each db.transaction(),
 * which cost more than the page's own statements (72 → 37–44 µs a page of a first scan, measured).
 */
const indexers = new WeakMap<Store, IndexPage>();

function indexPage(store: Store): IndexPage {
  let tx = indexers.get(store);
  if (tx) return tx;
  const up = store.stmt(
    `INSERT INTO print_pages (site_id, url, sha256, title, simhash, shape, sentences, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (site_id, url) DO UPDATE SET sha256 = excluded.sha256, title = excluded.title, simhash = excluded.simhash,
       shape = excluded.shape, sentences = excluded.sentences, updated_at = excluded.updated_at
     RETURNING id`,
  );
  const del = store.stmt('DELETE FROM sentence_pages WHERE page = ?');
  const ins = store.stmt('INSERT OR IGNORE INTO sentence_pages (hash, page) VALUES (?, ?)');
  tx = store.db.transaction<IndexPage>((siteId, url, sha256, title, p, hashes, at) => {
    const { id } = up.get(siteId, url, sha256, title, p.simhash, Buffer.from(p.shape.buffer, p.shape.byteOffset, p.shape.byteLength), Buffer.from(new Float64Array(hashes).buffer), at) as { id: number };
    del.run(id);
    for (const h of hashes) ins.run(h, id);
  });
  indexers.set(store, tx);
  return tx;
}

function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

function pageOf(row: { site_id: string; url: string; title: string; simhash: string; shape: Buffer; sentences: Buffer }): OriginalPage {
  const shape = new Uint32Array(row.shape.byteLength / 4);
  for (let i = 0; i < shape.length; i++) shape[i] = row.shape.readUInt32LE(i * 4);
  const sentences: number[] = [];
  for (let i = 0; i + 8 <= row.sentences.byteLength; i += 8) sentences.push(row.sentences.readDoubleLE(i));
  return { siteId: row.site_id, url: row.url, title: row.title, simhash: row.simhash, shape, sentences };
}

/** The prints index over the store, for Context.originals. Empty on a store that has none. */
export function originalsIndex(store: Store): OriginalsIndex {
  const db = store.db;
  return {
    sharing(hashes: readonly number[], limit: number): OriginalMatch[] {
      const unique = [...new Set(hashes)];
      const perPage = new Map<string, { siteId: string; url: string; shared: number[] }>();
      const pagesOf = new Map<string, number>();
      for (const part of chunks(unique)) {
        const marks = part.map(() => '?').join(',');
        const rows = db.prepare(`SELECT s.hash, p.site_id, p.url FROM sentence_pages s JOIN print_pages p ON p.id = s.page WHERE s.hash IN (${marks})`).all(...part) as { hash: number; site_id: string; url: string }[];
        for (const r of rows) {
          const key = `${r.site_id}\u0000${r.url}`;
          const e = perPage.get(key) ?? { siteId: r.site_id, url: r.url, shared: [] };
          e.shared.push(r.hash);
          perPage.set(key, e);
          const dk = `${r.site_id}\u0000${r.hash}`;
          pagesOf.set(dk, (pagesOf.get(dk) ?? 0) + 1);
        }
      }
      const ranked = [...perPage.values()]
        .map((e) => ({ ...e, templateHashes: e.shared.filter((h) => (pagesOf.get(`${e.siteId}\u0000${h}`) ?? 0) >= TEMPLATE_PAGES) }))
        .sort((a, b) => b.shared.length - b.templateHashes.length - (a.shared.length - a.templateHashes.length) || b.shared.length - a.shared.length || a.url.localeCompare(b.url))
        .slice(0, limit);
      const get = db.prepare('SELECT site_id, url, title, simhash, shape, sentences FROM print_pages WHERE site_id = ? AND url = ?');
      return ranked.flatMap((e) => {
        const row = get.get(e.siteId, e.url) as Parameters<typeof pageOf>[0] | undefined;
        return row ? [{ page: pageOf(row), shared: e.shared.length, template: e.templateHashes.length, templateHashes: e.templateHashes }] : [];
      });
    },
  };
}
