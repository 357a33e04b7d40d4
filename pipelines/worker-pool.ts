/**
 * A pool of worker threads, sized to the cores, so the thread that speaks HTTP or fetches pages
 * never waits for a check and every core works: serve's drafts, a scan's pages. Tasks queue when
 * every worker is busy; a worker that dies fails only its own task and is replaced. (Written here
 * rather than with piscina, whose workers load their task file through import(), which cannot load
 * this project's TypeScript sources under the test runner; the pool needs forty lines.)
 */
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

interface Pending<T, R> {
  id: number;
  task: T;
  resolve: (r: R) => void;
  reject: (e: Error) => void;
}


/** The worker's file (a path without extension, as this file is built); a TypeScript source checkout also needs the test runner's require hook. */
export function workerFile(base: string): { file: string; execArgv: string[] } {
  const ext = extname(__filename);
  const file = `${base}${ext}`;
  if (ext !== '.ts' || process.execArgv.some((a) => a.includes('ts-register'))) return { file, execArgv: process.execArgv };
  const hook = join(__dirname, '..', 'test', 'helpers', 'ts-register.js');
  return { file, execArgv: existsSync(hook) ? [...process.execArgv, '-r', hook] : process.execArgv };
}

export class WorkerPool<T, R> {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending<T, R>>();
  private readonly queue: Pending<T, R>[] = [];
  private next = 1;
  private closed = false;

  /** @param worker the worker module's path without extension */
  constructor(private readonly size: number, private readonly worker: string, private readonly data: unknown) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  get inFlight(): number {
    return this.busy.size;
  }

  get queued(): number {
    return this.queue.length;
  }

  private spawn(): void {
    const { file, execArgv } = workerFile(this.worker);
    const w = new Worker(file, { workerData: this.data, execArgv });
    w.on('message', (m: { id: number; answer?: R; error?: string }) => {
      const p = this.busy.get(w);
      this.busy.delete(w);
      if (p) {
        if (m.answer) p.resolve(m.answer);
        else p.reject(new Error(m.error ?? 'check failed'));
      }
      this.idle.push(w);
      this.pump();
    });
    w.on('error', (e) => this.lost(w, e));
    w.on('exit', (code) => this.lost(w, new Error(`check worker exited with code ${code}`)));
    this.idle.push(w);
  }

  private lost(w: Worker, e: Error): void {
    const p = this.busy.get(w);
    this.busy.delete(w);
    const i = this.idle.indexOf(w);
    if (i >= 0) this.idle.splice(i, 1);
    p?.reject(e);
    if (!this.closed && this.idle.length + this.busy.size < this.size) {
      this.spawn();
      this.pump();
    }
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const p = this.queue.shift()!;
      this.busy.set(w, p);
      w.postMessage({ id: p.id, task: p.task });
    }
  }

  run(task: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.next++, task, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('the pool is shutting down'));
    await Promise.all([...this.idle, ...this.busy.keys()].map((w) => w.terminate()));
  }
}
