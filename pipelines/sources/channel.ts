/**
 * A bounded async queue between concurrent producers (crawl workers) and one consumer (the run
 * loop). Producers wait when it is full, so a slow check cannot make the crawler buffer pages
 * without limit.
 */
export class Channel<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private closed = false;
  private failure: unknown;
  private takers: (() => void)[] = [];
  private givers: (() => void)[] = [];

  constructor(private readonly highWater = 64) {}

  async push(item: T): Promise<void> {
    while (this.items.length >= this.highWater && !this.closed) {
      await new Promise<void>((r) => this.givers.push(r));
    }
    if (this.closed) return;
    this.items.push(item);
    this.wake(this.takers);
  }

  close(error?: unknown): void {
    this.closed = true;
    this.failure = error;
    this.wake(this.takers);
    this.wake(this.givers);
  }

  private wake(list: (() => void)[]): void {
    const l = list.splice(0);
    for (const f of l) f();
  }

  /** True once the consumer stopped or the producer closed; producers should stop working. */
  get isClosed(): boolean {
    return this.closed;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    try {
      for (;;) {
        if (this.items.length) {
          const item = this.items.shift()!;
          this.wake(this.givers);
          yield item;
          continue;
        }
        if (this.closed) {
          if (this.failure) throw this.failure;
          return;
        }
        await new Promise<void>((r) => this.takers.push(r));
      }
    } finally {
      // The consumer stopped early (break, throw): release producers waiting for space.
      this.close();
    }
  }
}
