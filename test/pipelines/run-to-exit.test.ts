/**
 * The CLI's last line of defence: a command whose promise is never settled must not end the
 * process with exit code 0 and nothing written (to cron, a clean run). Each case is a real
 * process whose event loop empties.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const REGISTER = join(__dirname, '../helpers/ts-register.js');
const MODULE = join(__dirname, '../../pipelines/run-to-exit.ts');

function run(command: string): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ['-r', REGISTER, '-e', `require(${JSON.stringify(MODULE)}).runToExit(() => ${command})`], { encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stderr: r.stderr };
}

describe('runToExit', () => {
  it('fails a command that never finished, saying so', () => {
    const r = run('new Promise(() => {})');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/stopped before it finished.*no result was written/);
  });
  it('exits with the code of a command that finished, and says nothing more', () => {
    const r = run('new Promise((ok) => setTimeout(() => ok(1), 50))');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(run('Promise.resolve(0)').status).toBe(0);
  });
  it('ends the process with the command\'s code when something it left behind would keep it alive for ever', () => {
    const started = Date.now();
    // A handle nothing will close: a FIFO nobody writes, left by a run stopped for making no progress.
    const r = run('(setInterval(() => undefined, 1000), new Promise((ok) => setTimeout(() => ok(1), 50)))');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(Date.now() - started).toBeLessThan(15_000);
  });
  it('fails a command that threw, with its stack', () => {
    const r = run('Promise.reject(new Error("store locked"))');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Error: store locked/);
    expect(r.stderr).not.toMatch(/stopped before it finished/);
  });
});
