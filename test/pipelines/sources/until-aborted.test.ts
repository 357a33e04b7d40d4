/**
 * A run's loop over its source: ends at an abort even while the source waits for ever, waits for a
 * source stopped between items as `for await` does, and keeps no item once the loop has moved on.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { untilAborted } from '../../../pipelines/sources/until-aborted';

const ROOT = resolve(__dirname, '..', '..', '..');

describe('untilAborted', () => {
  it('ends when the signal aborts while the source waits for a read that never returns', async () => {
    let stopped = false;
    async function* stuck(): AsyncGenerator<number> {
      try {
        yield 1;
        await new Promise(() => undefined);
      } finally {
        stopped = true;
      }
    }
    const abort = new AbortController();
    const seen: number[] = [];
    setTimeout(() => abort.abort(new Error('stalled')), 50);
    for await (const n of untilAborted(stuck(), abort.signal)) seen.push(n);
    expect(seen).toEqual([1]);
    // Told to stop, not waited for: the source is still in its read.
    expect(stopped).toBe(false);
  });

  it('waits for a source stopped between items, as for await does', async () => {
    const order: string[] = [];
    async function* source(): AsyncGenerator<number> {
      try {
        yield 1;
        yield 2;
      } finally {
        await new Promise((r) => setTimeout(r, 20));
        order.push('source closed');
      }
    }
    for await (const n of untilAborted(source(), new AbortController().signal)) {
      order.push(`item ${n}`);
      break;
    }
    order.push('loop left');
    expect(order).toEqual(['item 1', 'source closed', 'loop left']);
  });

  it('passes a source\'s failure on, and stops at once for a signal already aborted', async () => {
    async function* failing(): AsyncGenerator<number> {
      yield 1;
      throw new Error('disk gone');
    }
    const seen: number[] = [];
    await expect((async () => {
      for await (const n of untilAborted(failing(), new AbortController().signal)) seen.push(n);
    })()).rejects.toThrow('disk gone');
    expect(seen).toEqual([1]);
    const gone = new AbortController();
    gone.abort();
    const none: number[] = [];
    for await (const n of untilAborted(failing(), gone.signal)) none.push(n);
    expect(none).toEqual([]);
  });

  it('holds no item the loop has passed (a crawl\'s pages are let go as they are stored)', () => {
    // 2,000 items of 100 KB through the loop with a live signal, then a collection: what stays is
    // what the loop holds. Racing each read against one abort promise kept every item (~200 MB).
    const script = `
      const { untilAborted } = require(${JSON.stringify(join(ROOT, 'pipelines/sources/until-aborted.ts'))});
      async function* pages() { for (let i = 0; i < 2000; i++) yield Buffer.alloc(100_000, i % 251).toString('latin1'); }
      (async () => {
        const signal = new AbortController().signal;
        let n = 0;
        for await (const p of untilAborted(pages(), signal)) n += p.length > 0 ? 1 : 0;
        global.gc(); global.gc();
        process.stdout.write(JSON.stringify({ n, heapMB: process.memoryUsage().heapUsed / 1e6 }));
      })();`;
    const r = spawnSync(process.execPath, ['--expose-gc', '-r', join(ROOT, 'test/helpers/ts-register.js'), '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { n: number; heapMB: number };
    expect(out.n).toBe(2000);
    expect(out.heapMB).toBeLessThan(40);
  }, 90_000);
});
