/**
 * A source's items until the signal aborts, even while the source waits for its next one: a read
 * that never returns (an export FIFO whose writer died, a hung network mount) would otherwise
 * hold its run, and the daemon's run slot, for ever. A source left waiting so is told to stop but
 * not waited for (it may never answer); one stopped between items is waited for, as `for await`
 * waits.
 */
const ABORTED = Symbol('aborted');

export async function* untilAborted<T>(items: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  if (!signal) {
    yield* items;
    return;
  }
  const it = items[Symbol.asyncIterator]();
  const aborted = new Promise<typeof ABORTED>((resolve) => {
    if (signal.aborted) resolve(ABORTED);
    else signal.addEventListener('abort', () => resolve(ABORTED), { once: true });
  });
  let state: 'between' | 'waiting' | 'ended' = 'between';
  try {
    for (;;) {
      const next = it.next();
      // Left behind by an abort, it may still settle later: it must not become an unhandled rejection.
      next.catch(() => undefined);
      state = 'waiting';
      const r = await Promise.race([next, aborted]);
      if (r === ABORTED) return;
      state = r.done ? 'ended' : 'between';
      if (r.done) return;
      yield r.value;
    }
  } finally {
    if (state === 'waiting') void it.return?.()?.catch(() => undefined);
    else if (state === 'between') await it.return?.();
  }
}
