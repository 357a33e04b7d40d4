/**
 * One daemon per store: two would run every pipeline twice and race on the lifecycle. The first
 * holds `<store>.daemon.lock` (host, pid, start time); a second refuses and names it. A lock
 * whose process is gone (same host, pid not running) is taken over, so a killed daemon does not
 * block the next one. On a PostgreSQL store the lock is a session advisory lock of that database,
 * held by a connection of the daemon's own: it ends with the daemon's connection, on any machine.
 */
import { hostname } from 'node:os';
import { UsageError } from '../jobs';
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { isPostgresUrl, maskedStoreName } from '../store/sql';

/** A usage error for the CLI: exit 2 with the message. */
export class DaemonLockError extends UsageError {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const DAEMON_LOCK = 7_263_002;

function postgresDaemonLock(url: string, now: Date): { release(): void } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PostgresDatabase } = require('../store/postgres/database') as typeof import('../store/postgres/database');
  const u = new URL(url);
  u.searchParams.set('application_name', `xunjian daemon pid ${process.pid} on ${hostname()} since ${now.toISOString()}`);
  const db = new PostgresDatabase(u.href);
  try {
    const got = db.prepare('SELECT pg_try_advisory_lock(?) AS ok').get(DAEMON_LOCK) as { ok: boolean };
    if (got.ok) return { release: () => db.close() };
    const holder = db.prepare(
      "SELECT a.application_name AS who, a.client_addr::text AS addr FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.objid = ? AND l.granted",
    ).get(DAEMON_LOCK) as { who: string; addr: string | null } | undefined;
    throw new DaemonLockError(`another daemon already runs on ${maskedStoreName(url)}: ${holder ? `${holder.who}${holder.addr ? ` (from ${holder.addr})` : ''}` : 'its holder is not visible'}; stop it first`);
  } catch (e) {
    db.close();
    if (e instanceof DaemonLockError) throw e;
    throw new DaemonLockError(`cannot reach the store ${maskedStoreName(url)} for the daemon lock: ${(e as Error).message}`);
  }
}

export function acquireDaemonLock(storePath: string, now: Date): { release(): void } {
  if (storePath === ':memory:') return { release: () => undefined };
  if (isPostgresUrl(storePath)) return postgresDaemonLock(storePath, now);
  const file = `${storePath}.daemon.lock`;
  const mine = JSON.stringify({ host: hostname(), pid: process.pid, started: now.toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, mine);
      closeSync(fd);
      return { release: () => rmSync(file, { force: true }) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: { host?: string; pid?: number; started?: string } = {};
      try {
        holder = JSON.parse(readFileSync(file, 'utf8')) as typeof holder;
      } catch {
        holder = {};
      }
      if (holder.host === hostname() && holder.pid && !alive(holder.pid)) {
        rmSync(file, { force: true });
        continue;
      }
      throw new DaemonLockError(`another daemon already runs on ${storePath}: pid ${holder.pid ?? '?'} on ${holder.host ?? '?'}, started ${holder.started ?? '?'} (lock ${file}); stop it first`);
    }
  }
  throw new DaemonLockError(`could not take the daemon lock ${file}`);
}
