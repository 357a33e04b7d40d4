/** The SQLite → PostgreSQL translation the shared store relies on, statement by statement. */
import { schemaToPostgres, toPostgres, type Catalog } from '../../pipelines/store/postgres/dialect';
import { maskedStoreName, isPostgresUrl } from '../../pipelines/store/sql';

const catalog: Catalog = {
  primaryKeys: new Map([['runs', ['id']], ['link_failures', ['site_id', 'run_id', 'target']], ['page_versions', ['run_id', 'url']]]),
  columns: new Map([['runs', ['id', 'command', 'site_id']], ['link_failures', ['rowid', 'site_id', 'run_id', 'target', 'streak']], ['page_versions', ['rowid', 'run_id', 'url', 'sha256']]]),
};

describe('toPostgres', () => {
  it('numbers positional placeholders, but not a ? inside a string literal or a quoted name', () => {
    const t = toPostgres("SELECT * FROM runs WHERE site_id = ? AND command = '?x' AND \"a?\" = ? AND id > ?", catalog);
    expect(t.text).toBe("SELECT * FROM runs WHERE site_id = $1 AND command = '?x' AND \"a?\" = $2 AND id > $3");
    expect(t.params).toEqual([0, 1, 2]);
  });

  it('gives a named parameter used twice one number, and leaves :: casts alone', () => {
    const t = toPostgres('UPDATE pages SET last_seen = @at, first_seen = coalesce(first_seen, @at), title = :title WHERE x::text = $site', catalog);
    expect(t.text).toBe('UPDATE pages SET last_seen = $1, first_seen = coalesce(first_seen, $1), title = $2 WHERE x::text = $3');
    expect(t.params).toEqual(['at', 'title', 'site']);
  });

  it('turns INSERT OR IGNORE into ON CONFLICT DO NOTHING, and INSERT OR REPLACE into an upsert on the primary key', () => {
    expect(toPostgres('INSERT OR IGNORE INTO link_failures (site_id, run_id, target, streak) VALUES (?, ?, ?, ?)', catalog).text)
      .toBe('INSERT INTO link_failures (site_id, run_id, target, streak) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING');
    expect(toPostgres('INSERT OR REPLACE INTO link_failures (site_id, run_id, target, streak) VALUES (?, ?, ?, ?)', catalog).text)
      .toBe('INSERT INTO link_failures (site_id, run_id, target, streak) VALUES ($1, $2, $3, $4) ON CONFLICT (site_id, run_id, target) DO UPDATE SET streak = EXCLUDED.streak');
    expect(() => toPostgres('INSERT OR REPLACE INTO nowhere (a) VALUES (?)', catalog)).toThrow(/nowhere: the table has no primary key/);
  });

  it('returns the id of a row inserted into a table keyed by id, and only there', () => {
    const runs = toPostgres('INSERT INTO runs (command, site_id) VALUES (?, ?)', catalog);
    expect(runs.text).toMatch(/ RETURNING id$/);
    expect(runs.returnsId).toBe(true);
    expect(toPostgres('INSERT INTO page_versions (run_id, url, sha256) VALUES (?, ?, ?)', catalog).returnsId).toBe(false);
    expect(toPostgres('SELECT id FROM runs', catalog).returnsId).toBe(false);
  });

  it('reads JSON with #>> and keeps camelCase aliases as written', () => {
    const t = toPostgres("SELECT json_extract(data, '$.evidence.snapshot') AS snapPath, p.first_seen AS firstSeen, url AS url FROM findings WHERE json_extract(data, '$.drill') = ?", catalog);
    expect(t.text).toBe("SELECT ((data)::jsonb #>> '{evidence,snapshot}') AS \"snapPath\", p.first_seen AS \"firstSeen\", url AS url FROM findings WHERE ((data)::jsonb #>> '{drill}') = $1");
  });
});

describe('schemaToPostgres', () => {
  it('makes integer ids serial, integers 64-bit, blobs bytea, and gives tables without an id a rowid', () => {
    const ddl = schemaToPostgres(`
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    n INTEGER NOT NULL
  );
  CREATE TABLE prints (
    url TEXT NOT NULL,
    shape BLOB NOT NULL,
    PRIMARY KEY (url)
  ) WITHOUT ROWID;
  ALTER TABLE runs ADD COLUMN issue_id INTEGER REFERENCES runs(id);`);
    expect(ddl).toContain('id BIGSERIAL PRIMARY KEY');
    expect(ddl).toContain('n BIGINT NOT NULL');
    expect(ddl).toMatch(/CREATE TABLE prints \(\n\s+rowid BIGSERIAL,/);
    expect(ddl).toContain('shape BYTEA NOT NULL');
    expect(ddl).not.toContain('WITHOUT ROWID');
    expect(ddl).not.toMatch(/CREATE TABLE runs \(\n\s+rowid/);
    expect(ddl).toContain('ADD COLUMN issue_id BIGINT REFERENCES runs(id)');
  });
});

describe('store addresses', () => {
  it('tells a PostgreSQL URL from a file, and never prints its password', () => {
    expect(isPostgresUrl('postgres://u:p@h/db')).toBe(true);
    expect(isPostgresUrl('postgresql://h/db')).toBe(true);
    expect(isPostgresUrl('.xunjian/xunjian.db')).toBe(false);
    expect(maskedStoreName('postgres://xunjian:s3cret@db.internal:5432/xj?sslmode=require')).toBe('postgres://xunjian:***@db.internal:5432/xj?sslmode=require');
    expect(maskedStoreName('postgres://db.internal/xj')).toBe('postgres://db.internal/xj');
    expect(maskedStoreName('.xunjian/xunjian.db')).toBe('.xunjian/xunjian.db');
  });
});
