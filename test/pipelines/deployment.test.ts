/**
 * What an office deploys, tried as it would be used: the example configs are valid, the systemd
 * unit names what it must, the git pre-receive hook refuses a push that leaks an ID number and
 * accepts a clean one (a real bare repository, a real push), and the CMS script acts on the
 * service's verdict.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, copyFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../pipelines/config';
import { startServer } from '../../pipelines/serve/server';
import { CHECKS } from '../../checks/registry';
import { silentLogger } from '../../pipelines/log';

const root = join(__dirname, '..', '..');
const examples = join(root, 'docs', 'examples');
const cli = `${process.execPath} -r ${join(root, 'test/helpers/ts-register.js')} ${join(root, 'pipelines/cli.ts')}`;

describe('deployment examples', () => {
  it.each(readdirSync(examples).filter((f) => f.endsWith('.json')))('%s is a valid config', (f) => {
    const env = { GITLAB_TOKEN: 'x', WECOM_KEY: 'k', GITEA_TOKEN: 'y', XUNJIAN_TOKEN_CMS: 'c'.repeat(32), XUNJIAN_TOKEN_WEIXIN: 'w'.repeat(32) };
    const c = parseConfig(JSON.parse(readFileSync(join(examples, f), 'utf8')), f, env);
    expect(c.sites.length).toBeGreaterThan(0);
  });
  it('the city portal schedules a nightly crawl, probes, a CMS export and a weekly lookalike sweep', () => {
    const c = JSON.parse(readFileSync(join(examples, 'city-portal.json'), 'utf8')) as { pipelines: { source: Record<string, unknown>; cron: string }[] };
    expect(c.pipelines.map((p) => Object.keys(p.source)[0])).toEqual(['crawl', 'probe', 'command', 'lookalikes']);
  });
  it('the systemd unit restarts on failure as a dedicated user with only the store writable', () => {
    const unit = readFileSync(join(examples, 'xunjian.service'), 'utf8');
    for (const line of ['Restart=on-failure', 'User=xunjian', 'ReadWritePaths=/var/lib/xunjian', 'ProtectSystem=strict', 'daemon --config']) expect(unit).toContain(line);
  });

  it('the pre-receive hook refuses a push that leaks an ID number and accepts a clean one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-hook-'));
    const bare = join(dir, 'site.git');
    const work = join(dir, 'work');
    const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });
    execFileSync('git', ['init', '--bare', '-q', bare]);
    copyFileSync(join(examples, 'pre-receive'), join(bare, 'hooks', 'pre-receive'));
    chmodSync(join(bare, 'hooks', 'pre-receive'), 0o755);
    writeFileSync(join(dir, 'xunjian.config.json'), '{}');
    execFileSync('git', ['clone', '-q', bare, work]);
    writeFileSync(join(work, 'index.html'), '<html><body><p>示范市召开会议。</p></body></html>');
    git(work, 'add', '.');
    git(work, 'commit', '-q', '-m', 'clean');
    const env = { ...process.env, XUNJIAN: cli, XUNJIAN_CONFIG: join(dir, 'xunjian.config.json') };
    const ok = spawnSync('git', ['push', '-q', 'origin', 'HEAD:master'], { cwd: work, env, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    writeFileSync(join(work, 'gs.html'), '<html><body><table><tr><td>张三</td><td>110105199003071239</td></tr></table></body></html>');
    git(work, 'add', '.');
    git(work, 'commit', '-q', '-m', 'leak');
    const refused = spawnSync('git', ['push', 'origin', 'HEAD:master'], { cwd: work, env, encoding: 'utf8' });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/privacy\.id-card/);
    expect(refused.stderr).toMatch(/refs\/heads\/master refused/);
    expect(refused.stderr).not.toContain('110105199003071239');
  }, 120_000);

  it('the CMS script publishes, sends to review or blocks by the verdict', async () => {
    const token = 't'.repeat(32);
    const srv = await startServer({ config: parseConfig({ serve: { tokens: [{ id: 'cms', token }] } }, '(test)', {}), log: silentLogger, checks: CHECKS, failOn: 'high', port: 0, host: '127.0.0.1', workers: 0 });
    try {
      const dir = mkdtempSync(join(tmpdir(), 'xj-cms-'));
      // A child process per draft (the server answers on this process's loop meanwhile).
      const go = (name: string, html: string) => new Promise<{ code: number | null; out: string }>((resolve) => {
        writeFileSync(join(dir, name), html);
        const c = spawn(process.execPath, [join(examples, 'cms-check.mjs'), join(dir, name), 'https://www.example.gov.cn/a.html'], { env: { ...process.env, XUNJIAN_URL: srv.url, XUNJIAN_TOKEN: token } });
        let out = '';
        c.stdout.on('data', (d: Buffer) => (out += d.toString()));
        c.on('exit', (code) => resolve({ code, out }));
      });
      const results = [[await go('a.html', '<p>示范市召开会议。</p>'), await go('b.html', '<p>联系人手机 13912345678</p>'), await go('c.html', '<p>身份证 110105199003071239</p>')]];
      const [publish, review, block] = results[0]!;
      expect(publish).toMatchObject({ code: 0, out: expect.stringContaining('verdict: publish') });
      expect(review).toMatchObject({ code: 3, out: expect.stringContaining('verdict: review') });
      expect(block).toMatchObject({ code: 1, out: expect.stringMatching(/修改建议/) });
    } finally {
      await srv.close();
    }
  }, 60_000);
});
