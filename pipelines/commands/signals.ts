/**
 * SIGINT and SIGTERM stop a run through an AbortSignal: the run flushes its frontier, records
 * itself as interrupted and closes the store after its last write; the exit code says which
 * signal it was (128 + number), as a shell would.
 */
export interface Stopper {
  signal: AbortSignal;
  /** 130 after SIGINT, 143 after SIGTERM, undefined if no signal came. */
  exitCode(): number | undefined;
  dispose(): void;
}

export function stopOnSignals(onStop?: (name: NodeJS.Signals) => void): Stopper {
  const ac = new AbortController();
  let code: number | undefined;
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const h = (): void => {
      if (code !== undefined) return;
      code = name === 'SIGINT' ? 130 : 143;
      onStop?.(name);
      ac.abort(new Error(`stopped by ${name}`));
    };
    process.on(name, h);
    return [name, h] as const;
  });
  return {
    signal: ac.signal,
    exitCode: () => code,
    dispose: () => {
      for (const [name, h] of handlers) process.removeListener(name, h);
    },
  };
}

/** Resolve when SIGINT or SIGTERM arrives (long-running services). */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (name: NodeJS.Signals) => (): void => {
      process.removeListener('SIGINT', onInt);
      process.removeListener('SIGTERM', onTerm);
      resolve(name);
    };
    const onInt = done('SIGINT');
    const onTerm = done('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}
