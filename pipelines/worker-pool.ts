/**
 * A pool of worker threads, sized to the cores, so the thread that speaks HTTP or fetches pages
 * never waits for a check and every core works: serve's drafts, a scan's pages. Tasks queue when
 * every worker is busy (`run`), or are left to the caller (`tryRun`); a worker that dies fails only
 * its own tasks and is replaced. A worker posts `{ ready: true }` once set up, and is sent nothing
 * before. (Written here rather than with piscina, whose workers load their task file through
 * import(), which cannot load this project's TypeScript sources under the test runner.)
 */
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Worker, type MessagePort } from 'node:worker_threads';

/**
 * What goes to a worker: tasks, several to a message when the pool batches. A task may be read with
 * data many tasks share (a run's checks and site: a context), which goes to each worker once, with
 * the first of its tasks that worker gets.
 */
type TaskMessage<T> = { id: number; task: T; context?: number; shared?: unknown }[];
/** Told to the workers that hold a context once its tasks are over. */
type DropMessage = { drop: number };
/** What comes back: one answer (or error) per task of the message, in order. */
type AnswerMessage<R> = { id: number; answer?: R; error?: string }[];

/**
 * A worker's side: answers each message's tasks with `handle` and posts the answers as one message.
 * A message between threads costs far more than the copy of a page it carries (a round trip of a
 * few kilobytes ~58 µs of CPU one at a time, ~15 µs eight to a message: a throwaway script), so a
 * scan sends pages several at a time.
 */
export function answerTasks<T, R, C = never>(port: MessagePort, handle: (task: T, context: C | undefined) => R | Promise<R>): void {
  const contexts = new Map<number, C>();
  port.on('message', (m: TaskMessage<T> | DropMessage) => {
    if (!Array.isArray(m)) {
      contexts.delete(m.drop);
      return;
    }
    for (const t of m) if (t.context !== undefined && 'shared' in t) contexts.set(t.context, t.shared as C);
    void Promise.all(
      m.map(async ({ id, task, context }) => {
        try {
          if (context !== undefined && !contexts.has(context)) throw new Error(`context ${context} is not known to this thread`);
          return { id, answer: await handle(task, context === undefined ? undefined : contexts.get(context)) };
        } catch (e) {
          return { id, error: (e as Error).message };
        }
      }),
    ).then((answers: AnswerMessage<R>) => port.postMessage(answers));
  });
  port.postMessage({ ready: true });
}

interface Pending<T, R> {
  id: number;
  task: T;
  context?: number;
  resolve: (r: R) => void;
  reject: (e: Error) => void;
}

/**
 * The worker's file (a path without extension, as this file is built), and its options: it inherits
 * the process's options (given explicitly, V8's such as --max-old-space-size are refused and no
 * worker starts); a TypeScript source checkout also needs the test runner's require hook.
 */
/**
 * A check thread's young generation: its pages' garbage dies young, and V8's default held some 25–50
 * MB more per thread for no speed (a 50,000-page crawl 490 MB against 515 MB; ingest of 30,000
 * records 351–355 MB against 405–406 MB at the same time, timed by hand). At 12 MB, though, a
 * 5,000-page scan's thread mostly collected every ~16 pages and promoted the pages in hand each
 * time (~480 KB a collection, ~140 MB and 440–630 ms of pauses a scan, in 18 of 24 runs); at 24 MB
 * it did so in none of 8 (~13 MB, ~200 ms), and the 50,000-page crawl peaked at 424–442 MB against
 * 437 (`--trace-gc-nvp`, GNU time).
 */
const YOUNG_GENERATION_MB = 24;

export function workerFile(base: string): { file: string; execArgv?: string[] } {
  const ext = extname(__filename);
  const file = `${base}${ext}`;
  if (ext !== '.ts' || process.execArgv.some((a) => a.includes('ts-register'))) return { file };
  const hook = join(__dirname, '..', 'test', 'helpers', 'ts-register.js');
  return { file, ...(existsSync(hook) ? { execArgv: ['-r', hook] } : {}) };
}

export class WorkerPool<T, R> {
  /** Tasks sent to each worker and not yet answered, oldest first (a worker answers in order). */
  private readonly sent = new Map<Worker, Pending<T, R>[]>();
  /** Workers that have said they are set up (their wordlists built): only these are sent tasks. */
  private readonly ready = new Set<Worker>();
  private readonly queue: Pending<T, R>[] = [];
  /** Tasks given to a worker but not yet posted: they go together once `batch` are waiting or it runs short. */
  private readonly outbox = new Map<Worker, Pending<T, R>[]>();
  private next = 1;
  private closed = false;
  /** Contexts shared with the pool (see `share`), and which each worker has been sent. */
  private readonly contexts = new Map<number, unknown>();
  private readonly given = new Map<Worker, Set<number>>();
  private nextContext = 1;

  /**
   * @param worker the worker module's path without extension
   * @param depth tasks a worker may hold at once: above 1 a worker starts its next task without
   * waiting a round trip through the owning thread, which may be busy (a run storing a page); 1
   * where a queued task should go to whichever worker frees first (serve's latency)
   * @param batch tasks posted to a worker in one message, while it holds at least as many others
   * (so it never waits for them); 1 posts each at once
   */
  constructor(private readonly size: number, private readonly worker: string, private readonly data: unknown, private readonly depth = 1, private readonly batch = 1) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  /** Workers running now (set up or setting up). */
  get threads(): number {
    return this.sent.size;
  }

  get inFlight(): number {
    let n = 0;
    for (const tasks of this.sent.values()) n += tasks.length;
    return n;
  }

  get queued(): number {
    return this.queue.length;
  }

  private spawn(): void {
    const { file, execArgv } = workerFile(this.worker);
    const w = new Worker(file, { workerData: this.data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB }, ...(execArgv ? { execArgv } : {}) });
    const tasks: Pending<T, R>[] = [];
    this.sent.set(w, tasks);
    this.outbox.set(w, []);
    this.given.set(w, new Set());
    w.on('message', (m: AnswerMessage<R> | { ready: true }) => {
      if (!Array.isArray(m)) {
        this.ready.add(w);
        this.pump();
        return;
      }
      for (const a of m) {
        const i = tasks.findIndex((p) => p.id === a.id);
        const [p] = i >= 0 ? tasks.splice(i, 1) : [];
        if (!p) continue;
        if (a.answer) p.resolve(a.answer);
        else p.reject(new Error(a.error ?? 'check failed'));
      }
      this.flush(w);
      this.pump();
    });
    w.on('error', (e) => this.lost(w, e));
    w.on('exit', (code) => this.lost(w, new Error(`check worker exited with code ${code}`)));
  }

  private lost(w: Worker, e: Error): void {
    const tasks = this.sent.get(w);
    if (!tasks) return;
    this.sent.delete(w);
    this.outbox.delete(w);
    this.ready.delete(w);
    this.given.delete(w);
    for (const p of tasks) p.reject(e);
    if (!this.closed) {
      this.spawn();
      this.pump();
    }
  }

  /** The least loaded set-up worker with room for another task. */
  private roomiest(): Worker | undefined {
    let best: Worker | undefined;
    for (const w of this.ready) {
      const n = this.sent.get(w)!.length;
      if (n < this.depth && (!best || n < this.sent.get(best)!.length)) best = w;
    }
    return best;
  }

  private send(w: Worker, p: Pending<T, R>): void {
    this.sent.get(w)!.push(p);
    this.outbox.get(w)!.push(p);
    this.flush(w);
  }

  /** Posts the worker's waiting tasks once there are `batch` of them, or once it holds fewer others. */
  private flush(w: Worker): void {
    const out = this.outbox.get(w);
    if (!out?.length) return;
    const held = this.sent.get(w)!.length - out.length;
    if (out.length < this.batch && held >= this.batch) return;
    const given = this.given.get(w)!;
    w.postMessage(
      out.map((p): TaskMessage<T>[number] => {
        if (p.context === undefined) return { id: p.id, task: p.task };
        // A context the pool no longer holds goes unsent: the worker then fails the task, naming it.
        if (given.has(p.context) || !this.contexts.has(p.context)) return { id: p.id, task: p.task, context: p.context };
        given.add(p.context);
        return { id: p.id, task: p.task, context: p.context, shared: this.contexts.get(p.context) };
      }),
    );
    out.length = 0;
  }

  /** Registers data tasks will share (run with its key): each worker is sent it once, with its first such task. */
  share(data: unknown): number {
    const key = this.nextContext++;
    this.contexts.set(key, data);
    return key;
  }

  /** The context's tasks are over: the workers that hold it let it go. */
  unshare(key: number): void {
    this.contexts.delete(key);
    for (const [w, given] of this.given) if (given.delete(key)) w.postMessage({ drop: key } satisfies DropMessage);
  }

  private pump(): void {
    for (let w = this.roomiest(); w && this.queue.length; w = this.roomiest()) this.send(w, this.queue.shift()!);
  }

  /** No set-up worker has room for a task now. */
  get full(): boolean {
    return this.roomiest() === undefined;
  }

  /** The task's answer from a worker, queued until one has room. */
  run(task: T, context?: number): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.next++, task, ...(context !== undefined ? { context } : {}), resolve, reject });
      this.pump();
    });
  }

  /**
   * The task sent to a worker with room now, or undefined (every worker full or still setting up):
   * the caller then does the work itself, so its own core is not left idle meanwhile.
   */
  tryRun(task: T, context?: number): Promise<R> | undefined {
    const w = this.queue.length ? undefined : this.roomiest();
    if (!w) return undefined;
    return new Promise((resolve, reject) => this.send(w, { id: this.next++, task, ...(context !== undefined ? { context } : {}), resolve, reject }));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('the pool is shutting down'));
    await Promise.all([...this.sent.keys()].map((w) => w.terminate()));
  }
}
