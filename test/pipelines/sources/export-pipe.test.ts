/**
 * An export read from a pipe or a FIFO (`xunjian ingest <(cms-export)`, a named pipe a CMS job
 * writes into) is read once, whole: such input has no position to read a head from again, and
 * opening it twice loses what the first opening read (or waits for a writer that has gone).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const RECORDS = 60;

function exportLines(): string {
  return Array.from({ length: RECORDS }, (_, i) =>
    JSON.stringify({ id: i + 1, url: `https://www.shifan.gov.cn/art/${i + 1}.html`, title: `第${i + 1}号通知`, text: `示范市召开经济形势分析会，研究部署下一步工作。${i === 0 ? '申请人身份证号码 110105199003071239。' : ''}` }),
  ).join('\n') + '\n';
}

/** The CLI in a child process (a blocked read cannot hold the test runner), killed after 60 s. */
function ingest(work: string, input: string, writer?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const w = writer ? spawn('sh', ['-c', writer], { cwd: work, stdio: 'ignore' }) : undefined;
    const c = spawn(process.execPath, ['-r', join(ROOT, 'test/helpers/ts-register.js'), join(ROOT, 'pipelines/cli.ts'), 'ingest', input, '--format', 'json', '--quiet'], { cwd: work });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => c.kill('SIGKILL'), 60_000);
    c.on('exit', (code) => {
      clearTimeout(timer);
      w?.kill();
      done({ code, stdout, stderr });
    });
  });
}

describe('an export read from a pipe', () => {
  const setup = (): string => {
    const work = mkdtempSync(join(tmpdir(), 'xj-pipe-'));
    writeFileSync(join(work, 'xunjian.config.json'), JSON.stringify({ store: 'x.db' }));
    writeFileSync(join(work, 'data.txt'), exportLines());
    return work;
  };

  it('reads every record of a FIFO a CMS job writes into, once', async () => {
    const work = setup();
    expect(spawnSync('mkfifo', [join(work, 'export')]).status).toBe(0);
    const r = await ingest(work, 'export', 'cat data.txt > export');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { summary: { pages: number; status: string }; findings: { rule: string }[] };
    expect(out.summary.pages).toBe(RECORDS);
    expect(out.summary.status).toBe('complete');
    expect(out.findings.map((f) => f.rule)).toContain('privacy.id-card');
  }, 90_000);

  it('reads every record of a shell pipe (ingest <(cms-export))', async () => {
    const work = setup();
    const cli = `${JSON.stringify(process.execPath)} -r ${JSON.stringify(join(ROOT, 'test/helpers/ts-register.js'))} ${JSON.stringify(join(ROOT, 'pipelines/cli.ts'))}`;
    const r = spawnSync('bash', ['-c', `${cli} ingest <(cat data.txt) --format json --quiet`], { cwd: work, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { summary: { pages: number }; errors: unknown[] };
    expect(out.summary.pages).toBe(RECORDS);
    expect(out.errors).toEqual([]);
  }, 90_000);

  it('stops on SIGTERM while it waits for a FIFO nobody writes', async () => {
    // A blocking open() of such a FIFO held a thread of libuv's pool, and the process could not
    // exit at all (only SIGKILL ended it).
    const work = setup();
    const fifo = join(work, 'export');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const c = spawn(process.execPath, ['-r', join(ROOT, 'test/helpers/ts-register.js'), join(ROOT, 'pipelines/cli.ts'), 'ingest', fifo, '--format', 'json', '--quiet'], { cwd: work, stdio: 'ignore' });
    const exited = new Promise<number | null>((r) => c.on('exit', (code) => r(code)));
    try {
      // Reading once the FIFO is among its open files.
      const reading = (): boolean => {
        try {
          return readdirSync(`/proc/${c.pid}/fd`).some((fd) => readlinkSync(`/proc/${c.pid}/fd/${fd}`) === fifo);
        } catch {
          return false;
        }
      };
      for (const until = Date.now() + 30_000; !reading() && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
      expect(reading()).toBe(true);
      c.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running'), 15_000))]);
      expect(code).toBe(143);
    } finally {
      c.kill('SIGKILL');
    }
  }, 90_000);

  it('fails the run, exit 2, when the export cannot be read at all', async () => {
    const work = setup();
    // A process's own memory file opens, and every read of it from the start fails (EIO).
    const r = await ingest(work, '/proc/self/mem');
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { summary: { pages: number; status: string }; errors: { code: string }[] };
    expect(out.summary.pages).toBe(0);
    expect(out.summary.status).toBe('failed');
    expect(out.errors.map((e) => e.code)).toContain('unreadable');
  }, 90_000);
});
