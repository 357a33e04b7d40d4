/**
 * A synchronous call into the connection thread: post the query, sleep on a shared flag
 * (Atomics.wait) until the thread has posted the answer, then take it off the port at once
 * (receiveMessageOnPort). Each request carries a sequence number that its answer repeats: an answer
 * that arrives after its call gave up is dropped, not taken for the next call's, and a flag seen
 * before the answer is on the port (under load, once in a full test run) means look again, not
 * "no answer". This is what lets PostgreSQL stand behind the same synchronous store as
 * better-sqlite3. (synckit does the same, but loads its worker through a TypeScript runner of its
 * own choosing, which this project's test runner cannot give it; see worker-pool.ts.)
 */
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { workerFile } from '../../worker-pool';
import type { BridgeMessage, BridgeReply, BridgeRequest } from './connection-thread';

/** How often a waiting call looks at the port even without a flag. */
const POLL_MS = 50;

export class PostgresError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'PostgresError';
  }
}

export class SyncBridge {
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private closed = false;
  private seq = 0;

  constructor(url: string, private readonly timeoutMs: number) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const { file, execArgv } = workerFile(join(__dirname, 'connection-thread'));
    this.worker = new Worker(file, {
      workerData: { url, port: port2, flag: this.flag.buffer, connectTimeoutMs: Math.min(timeoutMs, 10_000) },
      transferList: [port2],
      ...(execArgv ? { execArgv } : {}),
    });
    // The thread must not keep a finished command alive; the store's close() ends it.
    this.worker.unref();
  }

  call(req: BridgeRequest): { rows: Record<string, unknown>[]; rowCount: number } {
    if (this.closed) throw new PostgresError('the store is closed');
    const reply = this.exchange(req);
    if (reply.error) throw new PostgresError(`PostgreSQL: ${reply.error.message}`, reply.error.code);
    return { rows: (reply.rows ?? []).map(buffers), rowCount: reply.rowCount ?? 0 };
  }

  private exchange(req: BridgeRequest | { close: true }): BridgeReply {
    const id = ++this.seq;
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage({ id, req } satisfies BridgeMessage);
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const m = receiveMessageOnPort(this.port);
      if (m) {
        const reply = m.message as BridgeReply;
        if (reply.id === id) return reply;
        // An answer to a call that already gave up: drop it, and wait again for ours.
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new PostgresError(`PostgreSQL did not answer within ${this.timeoutMs / 1000} s`);
      // Sleep until the thread flags an answer; wake now and then to look at the port anyway.
      Atomics.wait(this.flag, 0, 0, Math.min(left, POLL_MS));
      Atomics.store(this.flag, 0, 0);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.exchange({ close: true });
    } catch {
      // closing anyway
    }
    this.port.close();
    void this.worker.terminate();
  }
}

/** bytea arrives as a Uint8Array after crossing threads; the store reads Buffers, as from SQLite. */
function buffers(row: Record<string, unknown>): Record<string, unknown> {
  for (const k in row) {
    const v = row[k];
    if (v instanceof Uint8Array && !Buffer.isBuffer(v)) row[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
  return row;
}
