/**
 * The run's record of every page (its summary for the JSON, its dates for the site checks) without
 * holding a large run's pages in memory: the first `inMemory` items are kept as they are, the rest
 * are written as JSON lines to a temporary file and read back when asked for. A 100,000-record
 * export kept about 2.5 KB of these per page, and the heap grew to four times that.
 *
 * `asArray()` is an array to every reader (index, length, iteration, map, find, JSON), so the rules
 * and reports that read `site.pages` and `result.pages` need not know. The file is unlinked as soon
 * as it is opened, so nothing is left behind however the process ends; its descriptor is closed
 * when the list is collected.
 */
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

const WRITE_BUFFER = 64 * 1024;
const READ_BLOCK = 256 * 1024;

const descriptors = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

export class SpooledList<T> {
  private readonly kept: T[] = [];
  private fd = -1;
  /** Byte offset of each spooled item, and of the end. */
  private offsets = new Float64Array(1024);
  private spooled = 0;
  private pending: string[] = [];
  private pendingBytes = 0;
  private written = 0;
  private block = Buffer.alloc(READ_BLOCK);
  private blockStart = 0;
  private blockLength = 0;

  // A thousand pages of summaries are a few MB; past that, a crawl's heap is better spent elsewhere.
  constructor(private readonly inMemory = 1000) {}

  get length(): number {
    return this.kept.length + this.spooled;
  }

  push(item: T): void {
    if (this.kept.length < this.inMemory) {
      this.kept.push(item);
      return;
    }
    if (this.fd < 0) this.open();
    const line = JSON.stringify(item);
    if (this.spooled + 1 >= this.offsets.length) {
      const grown = new Float64Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    const bytes = Buffer.byteLength(line);
    this.offsets[this.spooled + 1] = this.offsets[this.spooled]! + bytes;
    this.spooled++;
    this.pending.push(line);
    this.pendingBytes += bytes;
    if (this.pendingBytes >= WRITE_BUFFER) this.flush();
  }

  at(i: number): T | undefined {
    if (i < 0 || i >= this.length) return undefined;
    if (i < this.kept.length) return this.kept[i];
    const k = i - this.kept.length;
    const start = this.offsets[k]!;
    const end = this.offsets[k + 1]!;
    if (end > this.written) this.flush();
    // Readers mostly walk the list in order (a rule over site.pages, the JSON): one read serves
    // the next few hundred items.
    if (start < this.blockStart || end > this.blockStart + this.blockLength) {
      if (end - start > this.block.length) this.block = Buffer.alloc((end - start) * 2);
      this.blockStart = start;
      this.blockLength = readSync(this.fd, this.block, 0, Math.min(this.block.length, this.written - start), start);
    }
    return JSON.parse(this.block.toString('utf8', start - this.blockStart, end - this.blockStart)) as T;
  }

  /**
   * Every item in a plain array, each spooled one read and parsed once: for a phase that reads the
   * list many times over (the site rules, a pass or two each), then lets it go.
   */
  toArray(): T[] {
    const all = this.kept.slice();
    for (let i = this.kept.length; i < this.length; i++) all.push(this.at(i)!);
    return all;
  }

  /** The list as an array every reader can use; spooled items are read (and parsed) at each access. */
  asArray(): T[] {
    if (this.fd < 0) return this.kept;
    const isIndex = (key: string | symbol): key is string => typeof key === 'string' && /^(?:0|[1-9]\d*)$/.test(key);
    return new Proxy<T[]>([], {
      get: (target, key, receiver) => {
        if (key === 'length') return this.length;
        if (isIndex(key)) return this.at(Number(key));
        return Reflect.get(target, key, receiver) as unknown;
      },
      has: (target, key) => (isIndex(key) ? Number(key) < this.length : Reflect.has(target, key)),
      set: () => false,
    });
  }

  private open(): void {
    const file = join(tmpdir(), `xunjian-pages-${process.pid}-${randomUUID()}.jsonl`);
    this.fd = openSync(file, 'w+', 0o600);
    unlinkSync(file);
    descriptors.register(this, this.fd);
  }

  private flush(): void {
    if (!this.pending.length) return;
    const chunk = Buffer.from(this.pending.join(''));
    writeSync(this.fd, chunk, 0, chunk.length, this.written);
    this.written += chunk.length;
    this.pending = [];
    this.pendingBytes = 0;
  }
}
