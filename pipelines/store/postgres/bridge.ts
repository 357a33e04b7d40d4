/**
 * A synchronous call into the connection thread: post the query, sleep on a shared flag
 * (Atomics.wait) until the thread has posted the answer, then take it off the port at once
 * (receiveMessageOnPort). This is what lets PostgreSQL stand behind the same synchronous store as
 * better-sqlite3. (synckit does the same, but loads its worker through a TypeScript runner of its
 * own choosing, which this project's test runner cannot give it; see worker-pool.ts.)
 */
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { workerFile } from '../../worker-pool';
import type { BridgeReply, BridgeRequest } from './connection-thread';

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

  constructor(url: string, private readonly timeoutMs: number) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const { file, execArgv } = workerFile(join(__dirname, 'connection-thread'));
    this.worker = new Worker(file, {
      workerData: { url, port: port2, flag: this.flag.buffer, connectTimeoutMs: Math.min(timeoutMs, 10_000) },
      transferList: [port2],
      execArgv,
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
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(req);
    if (Atomics.wait(this.flag, 0, 0, this.timeoutMs) === 'timed-out') {
      throw new PostgresError(`PostgreSQL did not answer within ${this.timeoutMs / 1000} s`);
    }
    // The flag is set after the answer is posted, so it is on the port now.
    const m = receiveMessageOnPort(this.port);
    if (!m) throw new PostgresError('the PostgreSQL connection thread answered nothing');
    return m.message as BridgeReply;
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
