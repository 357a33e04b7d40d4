/**
 * A daemon run's signal follows the daemon stopping, aborts a run that makes no progress, and
 * leaves nothing of the run attached to the daemon's signal once the run is over.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { runSignal } from '../../pipelines/daemon/run-signal';

const ROOT = resolve(__dirname, '..', '..');

describe('runSignal', () => {
  it('aborts with the daemon, naming its reason', () => {
    const daemon = new AbortController();
    const r = runSignal(daemon.signal, 60_000, () => new Error('stalled'));
    daemon.abort(new Error('stopped by the daemon shutting down'));
    expect(r.signal.aborted).toBe(true);
    expect((r.signal.reason as Error).message).toBe('stopped by the daemon shutting down');
    r.stop();
  });

  it('aborts a run that makes no progress for the stall time, and not one that keeps moving', async () => {
    const daemon = new AbortController();
    const idle = runSignal(daemon.signal, 200, () => new Error('no progress'));
    const busy = runSignal(daemon.signal, 200, () => new Error('no progress'));
    const moving = setInterval(() => busy.moved(), 50);
    await new Promise((r) => setTimeout(r, 600));
    clearInterval(moving);
    expect(idle.signal.aborted).toBe(true);
    expect((idle.signal.reason as Error).message).toBe('no progress');
    expect(busy.signal.aborted).toBe(false);
    idle.stop();
    busy.stop();
  });

  it('keeps nothing of a finished run on the daemon\'s signal (AbortSignal.any kept every run\'s listeners)', () => {
    // 20,000 runs, each listening on its signal with 10 KB in the listener, then a collection.
    const script = `
      const { runSignal } = require(${JSON.stringify(join(ROOT, 'pipelines/daemon/run-signal.ts'))});
      const daemon = new AbortController();
      for (let i = 0; i < 20000; i++) {
        const r = runSignal(daemon.signal, 3_600_000, () => new Error('stalled'));
        const held = Buffer.alloc(10_000, i % 251).toString('latin1');
        r.signal.addEventListener('abort', () => held.length, { once: true });
        r.stop();
      }
      global.gc(); global.gc();
      setTimeout(() => { global.gc(); process.stdout.write(JSON.stringify({ heapMB: process.memoryUsage().heapUsed / 1e6 })); }, 100);`;
    const r = spawnSync(process.execPath, ['--expose-gc', '-r', join(ROOT, 'test/helpers/ts-register.js'), '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { heapMB: number }).heapMB).toBeLessThan(40);
  }, 90_000);
});
