/**
 * What users install is the packed tarball, not this checkout: pack the project's files (as a
 * fresh clone has them, with nothing built), install the tarball into an empty folder and run the
 * installed `xunjian` there. Offline: the install is pinned by a lock made from this project's own
 * lock, so npm takes every package from the cache `npm ci` filled.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface LockEntry {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
  dependencies?: Record<string, string>;
  [k: string]: unknown;
}

/** The project's lock, cut to what an install of the tarball needs, with the tarball as its one dependency. */
function installLock(tarball: string): object {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const self = lock.packages['']!;
  const packages: Record<string, LockEntry> = { '': { name: 'consumer', dependencies: { xunjian: `file:${tarball}` } } };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev || entry.devOptional) continue;
    packages[path] = entry;
  }
  const { license, dependencies, engines, bin } = self as LockEntry & { license: string; engines: object; bin: object };
  packages['node_modules/xunjian'] = { version: self.version, resolved: `file:${tarball}`, license, dependencies, engines, bin };
  return { name: 'consumer', lockfileVersion: 3, requires: true, packages };
}

describe('the npm package', () => {
  const work = mkdtempSync(join(tmpdir(), 'xj-pack-'));
  let files: string[] = [];
  let tarball = '';

  beforeAll(() => {
    // The files a clone of this checkout has (tracked and new, not ignored): no dist/, no build.
    const clone = join(work, 'clone');
    const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const f of listed) {
      try {
        mkdirSync(dirname(join(clone, f)), { recursive: true });
        cpSync(join(root, f), join(clone, f));
      } catch {
        // a file deleted in the working tree but still tracked: a clone would not have it either
      }
    }
    symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');
    const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', work], { cwd: clone, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as { filename: string; files: { path: string }[] }[];
    files = packed[0]!.files.map((f) => f.path);
    tarball = join(work, packed[0]!.filename);
    const consumer = join(work, 'consumer');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, dependencies: { xunjian: `file:${tarball}` } }));
    writeFileSync(join(consumer, 'package-lock.json'), JSON.stringify(installLock(tarball)));
    // Scripts stay off: the native sqlite build is not what this test is about (and `check` needs no store).
    execFileSync(npm, ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: consumer, stdio: 'pipe' });
  }, 240_000);

  it('ships the built CLI and none of the tests, fixtures or benchmarks', () => {
    expect(files).toContain('dist/pipelines/cli.js');
    expect(files).toContain('package.json');
    expect(files.filter((f) => /^(test|dist\/test)\//.test(f) || f.endsWith('.ts') && !f.endsWith('.d.ts') || f.endsWith('.map'))).toEqual([]);
  });

  const bin = (): string => join(work, 'consumer', 'node_modules', '.bin', 'xunjian');
  const run = (args: string[], input?: string): { code: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(bin(), args, { cwd: join(work, 'consumer'), encoding: 'utf8', ...(input !== undefined ? { input } : {}), env: { ...process.env, XUNJIAN_LOG_LEVEL: 'silent' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('starts from the install: --help, a command\'s own help, and a check', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^xunjian \d+\.\d+\.\d+/);
    const checkHelp = run(['check', '--help']);
    expect(checkHelp.code).toBe(0);
    expect(checkHelp.stdout).toContain('--url');
    expect(checkHelp.stdout).not.toContain('--max-pages');
    const draft = join(work, 'consumer', 'draft.html');
    writeFileSync(draft, '<html><body><p>申请人身份证号码：110105199003071239</p></body></html>');
    const checked = run(['check', draft, '--format', 'json']);
    expect(checked.code).toBe(1);
    expect(JSON.parse(checked.stdout).findings.map((f: { rule: string }) => f.rule)).toContain('privacy.id-card');
    expect(checked.stdout + checked.stderr).not.toContain('110105199003071239');
  });
});
