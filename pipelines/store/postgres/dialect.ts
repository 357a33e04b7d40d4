/**
 * The store's SQL is written once, in the SQLite dialect the embedded default speaks; this turns a
 * statement or a migration into PostgreSQL. The differences the store uses are few and mechanical:
 * placeholders, INSERT OR IGNORE/REPLACE, json_extract, camelCase aliases (PostgreSQL folds unquoted
 * names to lower case), the id of an inserted row, and in DDL the types and rowid.
 */

export interface PgStatement {
  text: string;
  /** For each $n in order: the positional index (number) or the name of a named parameter. */
  params: (number | string)[];
  /** The statement inserts into a table with an id column, whose new id is returned. */
  returnsId: boolean;
}

export interface Catalog {
  /** table -> primary-key columns */
  primaryKeys: ReadonlyMap<string, readonly string[]>;
  /** table -> all columns */
  columns: ReadonlyMap<string, readonly string[]>;
}

/** Placeholders to $n, outside string literals, quoted identifiers and comments. */
function placeholders(sql: string): { text: string; params: (number | string)[] } {
  const params: (number | string)[] = [];
  const named = new Map<string, number>();
  let positional = 0;
  let out = '';
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = closing(sql, i, c);
      out += sql.slice(i, end + 1);
      i = end;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end - 1;
    } else if (c === '?') {
      params.push(positional++);
      out += `$${params.length}`;
    } else if ((c === '@' || c === ':' || c === '$') && /[A-Za-z_]/.test(sql[i + 1] ?? '') && sql[i - 1] !== ':') {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))!;
      const name = m[0];
      let n = named.get(name);
      if (n === undefined) {
        params.push(name);
        n = params.length;
        named.set(name, n);
      }
      out += `$${n}`;
      i += name.length;
    } else {
      out += c;
    }
  }
  return { text: out, params };
}

function closing(sql: string, start: number, quote: string): number {
  for (let j = start + 1; j < sql.length; j++) {
    if (sql[j] === quote) {
      if (sql[j + 1] === quote) j++;
      else return j;
    }
  }
  return sql.length - 1;
}

const INSERT_INTO = /^\s*INSERT\s+(?:OR\s+(IGNORE|REPLACE)\s+)?INTO\s+([A-Za-z_][A-Za-z0-9_]*)\s*(?:\(([^)]*)\))?/i;

export function toPostgres(sql: string, catalog: Catalog): PgStatement {
  let text = sql
    .replace(/json_extract\(\s*([A-Za-z_.]+)\s*,\s*'\$\.([A-Za-z0-9_.]+)'\s*\)/g, (_m, col: string, path: string) => `((${col})::jsonb #>> '{${path.split('.').join(',')}}')`)
    .replace(/\bAS\s+([a-z_][a-z0-9_]*[A-Z][A-Za-z0-9_]*)/g, 'AS "$1"');
  let returnsId = false;
  const ins = INSERT_INTO.exec(text);
  if (ins) {
    const [head, mode, table, cols] = ins as unknown as [string, string | undefined, string, string | undefined];
    text = `INSERT INTO ${table}${cols !== undefined ? ` (${cols})` : ''}${text.slice(head.length)}`;
    const conflict = mode?.toUpperCase() === 'IGNORE'
      ? ' ON CONFLICT DO NOTHING'
      : mode?.toUpperCase() === 'REPLACE'
        ? replaceClause(table, cols, catalog)
        : '';
    const hasReturning = /\bRETURNING\b/i.test(text);
    returnsId = !hasReturning && (catalog.columns.get(table.toLowerCase())?.includes('id') ?? false) && (catalog.primaryKeys.get(table.toLowerCase())?.join() === 'id');
    text = text.replace(/;?\s*$/, '') + conflict + (returnsId ? ' RETURNING id' : '');
  }
  return { ...placeholders(text), returnsId };
}

function replaceClause(table: string, cols: string | undefined, catalog: Catalog): string {
  const pk = catalog.primaryKeys.get(table.toLowerCase());
  if (!pk?.length) throw new Error(`INSERT OR REPLACE into ${table}: the table has no primary key to replace on`);
  const all = cols ? cols.split(',').map((c) => c.trim()) : [...(catalog.columns.get(table.toLowerCase()) ?? [])];
  const set = all.filter((c) => !pk.includes(c) && c !== 'rowid');
  return ` ON CONFLICT (${pk.join(', ')}) DO ${set.length ? `UPDATE SET ${set.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}` : 'NOTHING'}`;
}

/**
 * A migration in PostgreSQL. Integers are 64-bit as in SQLite; every table without an integer id
 * gets a `rowid` column, so "in the order written" (ORDER BY rowid) means the same on both.
 */
export function schemaToPostgres(ddl: string): string {
  return ddl
    .replace(/\bid\s+INTEGER\s+PRIMARY\s+KEY\b/gi, 'id BIGSERIAL PRIMARY KEY')
    .replace(/\bINTEGER\b/g, 'BIGINT')
    .replace(/\bBLOB\b/g, 'BYTEA')
    .replace(/\)\s*WITHOUT\s+ROWID/gi, ')')
    .replace(/CREATE\s+TABLE\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(([^;]*?)\n\s*\);/g, (whole: string, table: string, body: string) =>
      /\bid BIGSERIAL PRIMARY KEY\b/.test(body) ? whole : `CREATE TABLE ${table} (\n    rowid BIGSERIAL,${body}\n  );`);
}
