/**
 * How many pipeline runs the daemon lets go at once (`daemon.maxConcurrentRuns`). A night's cron
 * fires every site's pipeline in the same minute; each run in flight holds its crawl's frontier,
 * pages and connections, so a few hundred at once would take the machine's memory and every run
 * with it. The rest wait their turn, the first due first.
 */
export class RunSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  /** Runs waiting for a slot now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** A slot (true), or false when `signal` aborts first (the daemon stopping). */
  take(signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const turn = (): void => {
        signal.removeEventListener('abort', gone);
        resolve(true);
      };
      const gone = (): void => {
        const i = this.waiting.indexOf(turn);
        if (i >= 0) this.waiting.splice(i, 1);
        resolve(false);
      };
      this.waiting.push(turn);
      signal.addEventListener('abort', gone, { once: true });
    });
  }

  /** A run ended: its slot goes to the longest waiting, or back to the free ones. */
  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}
