/**
 * A source's items until the signal aborts, even while the source waits for its next one: a read
 * that never returns (an export FIFO whose writer died, a hung network mount) would otherwise
 * hold its run, and the daemon's run slot, for ever. A source left waiting so is told to stop but
 * not waited for (it may never answer); one stopped between items is waited for, as `for await`
 * waits.
 */
const ABORTED = Symbol('aborted');

/**
 * The next item, or ABORTED. Not a race against one promise of the abort kept for the whole run:
 * each race leaves a reaction on it holding its item, and a crawl's every page stayed in memory.
 */
function nextOrAbort<T>(next: Promise<IteratorResult<T>>, signal: AbortSignal): Promise<IteratorResult<T> | typeof ABORTED> {
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise((resolve, reject) => {
    const stop = (): void => resolve(ABORTED);
    signal.addEventListener('abort', stop, { once: true });
    next.then(
      (r) => {
        signal.removeEventListener('abort', stop);
        resolve(r);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(e);
      },
    );
  });
}

export async function* untilAborted<T>(items: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  if (!signal) {
    yield* items;
    return;
  }
  const it = items[Symbol.asyncIterator]();
  let state: 'between' | 'waiting' | 'ended' = 'between';
  try {
    for (;;) {
      state = 'waiting';
      const r = await nextOrAbort(it.next(), signal);
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
