/**
 * A git repository of published content (static sites, CMS content repos). Incremental: only
 * files added or changed since the last scanned commit are read; the cursor moves only after
 * every item was handed on, so an interrupted scan is repeated rather than skipped.
 */
import { sizeText } from './size-text';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import type { Clock } from '../../checks/types';
import type { Store } from '../store/store';
import { fileToItems, isScannable, MAX_FILE_BYTES } from './files';
import type { Source, SourceItem } from './source';

export interface GitOptions {
  branch?: string;
  /** URL prefix for files (the published site); else git:<repo>/<path>. */
  baseUrl?: string;
  /** Where clones of remote repositories are kept between runs. */
  workDir: string;
}

/** Only what git needs to reach a remote; editor and pager variables are refused by simple-git. */
const PASS_ENV = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'SSH_AUTH_SOCK', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];

function gitClient(baseDir?: string): SimpleGit {
  const env: Record<string, string> = {};
  for (const k of PASS_ENV) if (process.env[k] !== undefined) env[k] = process.env[k]!;
  // Never prompt for credentials: a scheduled scan has no one to answer.
  env['GIT_TERMINAL_PROMPT'] = '0';
  return simpleGit({ baseDir, timeout: { block: 300_000 }, maxConcurrentProcesses: 2, allowEnvironment: ['GIT_TERMINAL_PROMPT'] }).env(env);
}

export class GitSource implements Source {
  readonly description: string;
  private done = false;
  /** Files read in the last run, for the summary and tests. */
  changedFiles: string[] = [];

  constructor(
    private readonly repo: string,
    private readonly siteId: string,
    private readonly clock: Clock,
    private readonly store: Store,
    private readonly opts: GitOptions,
  ) {
    this.description = `git ${repo}`;
  }

  complete(): boolean {
    return this.done;
  }

  private async checkout(): Promise<{ dir: string; key: string; rev: string }> {
    const local = existsSync(this.repo) ? resolve(this.repo) : undefined;
    if (local && (await gitClient(local).checkIsRepo())) {
      return { dir: local, key: local, rev: this.opts.branch ?? 'HEAD' };
    }
    if (local) throw new Error(`${local} is not a git repository`);
    const dir = join(this.opts.workDir, createHash('sha256').update(this.repo).digest('hex').slice(0, 16));
    if (existsSync(join(dir, '.git'))) {
      await gitClient(dir).fetch(['--prune', 'origin']);
    } else {
      mkdirSync(this.opts.workDir, { recursive: true });
      await gitClient().clone(this.repo, dir, ['--no-checkout', '--filter=blob:none']);
    }
    const branch = this.opts.branch ?? (await gitClient(dir).revparse(['--abbrev-ref', 'origin/HEAD'])).replace(/^origin\//, '');
    return { dir, key: this.repo, rev: `origin/${branch}` };
  }

  async *items(): AsyncGenerator<SourceItem> {
    let dir: string, key: string, head: string, files: string[];
    let git: SimpleGit;
    try {
      const c = await this.checkout();
      dir = c.dir;
      key = c.key;
      git = gitClient(dir);
      head = (await git.revparse([c.rev])).trim();
      const cursor = this.store.gitCursor(key);
      if (cursor === head) files = [];
      else if (cursor && (await isAncestor(git, cursor, head))) {
        files = (await git.raw(['diff', '--name-only', '--diff-filter=ACMR', '-z', cursor, head])).split('\0').filter(Boolean);
      } else {
        files = (await git.raw(['ls-tree', '-r', '--name-only', '-z', head])).split('\0').filter(Boolean);
      }
    } catch (e) {
      yield { kind: 'error', error: { input: this.repo, code: 'git', message: gitMessage(e) } };
      return;
    }
    this.changedFiles = files.filter(isScannable).sort();
    const fetchedAt = this.clock.now().toISOString();
    for (const path of this.changedFiles) {
      try {
        const size = Number((await git.raw(['cat-file', '-s', `${head}:${path}`])).trim());
        if (size > MAX_FILE_BYTES) {
          yield { kind: 'error', error: { input: `${this.repo}:${path}`, code: 'too-large', message: `${sizeText(size)} exceeds the ${sizeText(MAX_FILE_BYTES)} cap` } };
          continue;
        }
        const bytes = await git.binaryCatFile(['blob', `${head}:${path}`]);
        const url = this.opts.baseUrl ? new URL(path, this.opts.baseUrl.endsWith('/') ? this.opts.baseUrl : `${this.opts.baseUrl}/`).href : `git:${key}/${path}`;
        yield* await fileToItems(bytes, url, path, this.siteId, fetchedAt, 'git');
      } catch (e) {
        yield { kind: 'error', error: { input: `${this.repo}:${path}`, code: 'git', message: gitMessage(e) } };
      }
    }
    this.store.setGitCursor(key, head, fetchedAt);
    this.done = true;
  }
}

async function isAncestor(git: SimpleGit, a: string, b: string): Promise<boolean> {
  // `merge-base --is-ancestor` answers by exit code alone, which simple-git does not surface.
  try {
    return (await git.raw(['merge-base', a, b])).trim() === a;
  } catch {
    return false;
  }
}

function gitMessage(e: unknown): string {
  return ((e as Error).message ?? String(e)).trim().split('\n').filter(Boolean).join(' | ').slice(0, 500);
}
