import { testStore } from '../../helpers/test-store';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GitSource } from '../../../pipelines/sources/git';
import { gitWorkDir } from '../../../pipelines/jobs';
import type { SourceItem } from '../../../pipelines/sources/source';
import { FIXED_NOW } from '../../helpers/context';

const clock = { now: () => FIXED_NOW };
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'pipe' }).toString();

async function all(src: GitSource): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  for await (const i of src.items()) out.push(i);
  return out;
}
const names = (items: SourceItem[]) => items.flatMap((i) => (i.kind === 'page' ? [i.page.url.split('/').pop()] : []));

describe('GitSource', () => {
  const repo = mkdtempSync(join(tmpdir(), 'xj-repo-'));
  beforeAll(() => {
    git(repo, 'init', '-q');
    writeFileSync(join(repo, 'a.html'), '<p>甲</p>');
    writeFileSync(join(repo, 'b.html'), '<p>乙</p>');
    writeFileSync(join(repo, 'README.md'), '# x');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'one');
  });

  it('reads everything the first time, then only what changed since the last scanned commit', async () => {
    const store = testStore();
    const work = mkdtempSync(join(tmpdir(), 'xj-work-'));
    const first = new GitSource(repo, 's', clock, store, { workDir: work, baseUrl: 'https://a.gov.cn/' });
    expect(names(await all(first))).toEqual(['README.md', 'a.html', 'b.html']);
    expect(first.complete()).toBe(true);
    expect(names(await all(new GitSource(repo, 's', clock, store, { workDir: work })))).toEqual([]);
    writeFileSync(join(repo, 'b.html'), '<p>乙改</p>');
    writeFileSync(join(repo, 'c.html'), '<p>丙</p>');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'two');
    const items = await all(new GitSource(repo, 's', clock, store, { workDir: work, baseUrl: 'https://a.gov.cn/' }));
    expect(names(items)).toEqual(['b.html', 'c.html']);
    expect(items[0]!.kind === 'page' && items[0]!.page.url).toBe('https://a.gov.cn/b.html');
  });

  it('clones a remote URL into the work folder and fetches on the next run', async () => {
    const store = testStore();
    const work = mkdtempSync(join(tmpdir(), 'xj-work-'));
    const url = pathToFileURL(repo).href;
    const items = await all(new GitSource(url, 's', clock, store, { workDir: work, branch: 'main' }));
    expect(names(items).length).toBeGreaterThanOrEqual(3);
    expect(names(await all(new GitSource(url, 's', clock, store, { workDir: work, branch: 'main' })))).toEqual([]);
  });

  it('reports a repository that does not exist as an error item, not a crash', async () => {
    const src = new GitSource('file:///no/such/repo.git', 's', clock, testStore(), { workDir: mkdtempSync(join(tmpdir(), 'xj-work-')) });
    const items = await all(src);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'error', error: { input: 'file:///no/such/repo.git', code: 'git' } });
    expect(items[0]!.kind === 'error' && items[0]!.error.message).toMatch(/does not exist|not found|not appear to be a git repository/i);
    expect(src.complete()).toBe(false);
  });

  it('refuses a local folder that is not a git repository', async () => {
    const items = await all(new GitSource(mkdtempSync(join(tmpdir(), 'xj-plain-')), 's', clock, testStore(), { workDir: tmpdir() }));
    expect(items[0]).toMatchObject({ kind: 'error', error: { message: expect.stringMatching(/not a git repository/) } });
  });
});

describe('the git source\'s work folder', () => {
  it('is beside an embedded store, and in .xunjian/ of the working folder for a PostgreSQL store (a URL is no folder)', () => {
    expect(gitWorkDir({ store: '/var/lib/xunjian/x.db' })).toBe('/var/lib/xunjian/git');
    expect(gitWorkDir({ store: 'postgres://xunjian:pw@db.internal/xj' })).toBe(join(process.cwd(), '.xunjian', 'git'));
  });
});
