/**
 * A scheduled run's signal (the daemon's, a queue worker's): aborted when the process stops, or
 * when the run has read nothing new for `stallMs` (a run waiting on a read that never returns would
 * hold its pipeline, and its run slot, for as long as the process lives). Its own controller, not
 * AbortSignal.any over the process's signal: Node 20 keeps each such composite a run listened to,
 * and what its listeners hold, for as long as that signal lives (20,000 composites held 229 MB after collection, a throwaway
 * script; nodejs/node#55351, #64476).
 */
export interface RunSignal {
  readonly signal: AbortSignal;
  /** The run read something: the stall clock starts again. */
  moved(): void;
  /** The run is over: nothing of it stays attached to the process's signal. */
  stop(): void;
}

export function runSignal(stopping: AbortSignal, stallMs: number, stalled: () => Error): RunSignal {
  const run = new AbortController();
  const follow = (): void => run.abort(stopping.reason);
  if (stopping.aborted) follow();
  else stopping.addEventListener('abort', follow, { once: true });
  let last = Date.now();
  const timer = setInterval(() => {
    if (Date.now() - last < stallMs) return;
    clearInterval(timer);
    run.abort(stalled());
  }, Math.min(60_000, Math.max(100, stallMs / 4)));
  timer.unref();
  return {
    signal: run.signal,
    moved: () => (last = Date.now()),
    stop: () => {
      clearInterval(timer);
      stopping.removeEventListener('abort', follow);
    },
  };
}

/** Why a run was stopped for making no progress: the same words in the daemon's log and a queue job's failure. */
export function noProgress(stallMinutes: number): Error {
  return new Error(`no progress for ${stallMinutes} minutes (daemon.stallMinutes): stopped`);
}
