/**
 * The evidence ledger: a folder the user places where access suits them (it holds the raw,
 * unmasked captures), kept as its own git repository so manifests and local issue files form an
 * append-only, hash-chained history (工作留痕) that anyone holding a copy of the head can verify.
 *
 * The ledger is never initialised inside a folder that already holds something else, and never
 * inside another repository: a scanner must not commit evidence into a project's own history.
 */
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';

export class LedgerError extends Error {
  constructor(
    readonly dir: string,
    message: string,
  ) {
    super(`evidence ledger ${dir}: ${message}`);
    this.name = 'LedgerError';
  }
}

/** True while the process named in a lock file (`host:pid`) may still be alive. */
export function holderAlive(lock: string): boolean {
  let holder: string;
  try {
    holder = readFileSync(lock, 'utf8');
  } catch {
    return false;
  }
  const [host, pid] = holder.split(':');
  if (host !== hostname() || !pid) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class Ledger {
  private constructor(
    readonly dir: string,
    private readonly git: SimpleGit,
  ) {}

  static async open(dirIn: string): Promise<Ledger> {
    const dir = resolve(dirIn);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new LedgerError(dir, `cannot create the folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    try {
      accessSync(dir, constants.W_OK);
      const probe = join(dir, `.write-test-${process.pid}`);
      writeFileSync(probe, '');
      unlinkSync(probe);
    } catch (e) {
      throw new LedgerError(dir, `not writable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); findings are stored, evidence is not`);
    }
    const git = simpleGit({ baseDir: dir, maxConcurrentProcesses: 1 });
    const own = existsSync(join(dir, '.git'));
    if (own) {
      const top = (await git.revparse(['--show-toplevel'])).trim();
      if (realpathSync(top) !== realpathSync(dir)) throw new LedgerError(dir, `.git here belongs to ${top}`);
    } else {
      const entries = readdirSync(dir).filter((e) => !e.startsWith('.write-test-'));
      if (entries.length > 0) throw new LedgerError(dir, 'is not a git repository and is not empty; point evidence.dir at an empty folder or an existing ledger');
      try {
        // SHA-256 object ids (git ≥ 2.29): the chain of commits is as strong as the hashes inside.
        await git.raw(['init', '--quiet', '--object-format=sha256']);
      } catch {
        await git.raw(['init', '--quiet']);
      }
    }
    // A ledger commits as itself, on any machine, without a global git identity or signing set-up.
    await git.addConfig('user.name', 'xunjian', false, 'local');
    await git.addConfig('user.email', 'xunjian@localhost', false, 'local');
    await git.addConfig('commit.gpgsign', 'false', false, 'local');
    return new Ledger(dir, git);
  }

  path(rel: string): string {
    return join(this.dir, rel);
  }

  /**
   * Run `f` holding the ledger's lock: a nightly daemon and a manual scan must not both read the
   * chain's head and write two successors of it. A lock left by a dead process is taken over.
   */
  async exclusive<T>(f: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
    const lock = join(this.dir, '.git', 'xunjian-ledger.lock');
    const until = Date.now() + timeoutMs;
    for (;;) {
      try {
        writeFileSync(lock, `${hostname()}:${process.pid}`, { flag: 'wx' });
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        if (!holderAlive(lock)) {
          rmSync(lock, { force: true });
          continue;
        }
        if (Date.now() > until) throw new LedgerError(this.dir, `locked by ${readFileSync(lock, 'utf8')} for more than ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    try {
      return await f();
    } finally {
      rmSync(lock, { force: true });
    }
  }

  /** Commit these paths (relative); returns the full commit id, or undefined if nothing changed. */
  async commit(paths: string[], message: string): Promise<string | undefined> {
    if (paths.length === 0) return undefined;
    await this.git.add(paths);
    const staged = (await this.git.raw(['diff', '--cached', '--name-only'])).trim();
    if (!staged) return undefined;
    await this.git.commit(message, paths);
    // simple-git reports only a 40-character prefix of a SHA-256 commit id.
    return (await this.git.revparse(['HEAD'])).trim();
  }

  /** Paths in HEAD whose working copy differs from what was committed (edited after the fact). */
  async changedSinceCommit(under: string): Promise<string[]> {
    const out = await this.git.raw(['status', '--porcelain', '--untracked-files=no', '--', under]);
    return out.split('\n').filter(Boolean).map((l) => l.slice(3));
  }

  /** The committed text of a path at HEAD, or undefined if it was never committed. */
  async committed(rel: string): Promise<string | undefined> {
    try {
      return await this.git.show([`HEAD:${rel}`]);
    } catch {
      return undefined;
    }
  }

  async fsck(): Promise<string | undefined> {
    try {
      await this.git.raw(['fsck', '--no-dangling', '--no-progress']);
      return undefined;
    } catch (e) {
      return (e as Error).message.trim().split('\n').slice(0, 3).join('; ');
    }
  }

  async log(rel: string): Promise<string[]> {
    const out = await this.git.raw(['log', '--format=%H', '--', rel]);
    return out.split('\n').filter(Boolean);
  }
}
