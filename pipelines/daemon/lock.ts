/**
 * One daemon per store: two would run every pipeline twice and race on the lifecycle. The first
 * holds `<store>.daemon.lock` (host, pid, start time); a second refuses and names it. A lock
 * whose process is gone (same host, pid not running) is taken over, so a killed daemon does not
 * block the next one.
 */
import { hostname } from 'node:os';
import { UsageError } from '../jobs';
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';

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

export function acquireDaemonLock(storePath: string, now: Date): { release(): void } {
  if (storePath === ':memory:') return { release: () => undefined };
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
