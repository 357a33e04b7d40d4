/**
 * The PostgreSQL connection of one store, on its own thread: the store's thread posts a query and
 * sleeps on a shared flag until this thread has the answer (see bridge.ts). A lost connection is
 * reopened by the next query, so a store outlives a database restart; the query that met the loss
 * fails and its run with it.
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import pg from 'pg';

export interface BridgeRequest {
  text: string;
  values?: unknown[];
  /** Several statements, no parameters (migrations, BEGIN/COMMIT). */
  simple?: boolean;
}

/** A request as posted: its sequence number comes back on the reply, so a late answer is never taken for a later one. */
export interface BridgeMessage {
  id: number;
  req: BridgeRequest | { close: true };
}

export interface BridgeReply {
  id?: number;
  rows?: Record<string, unknown>[];
  rowCount?: number;
  error?: { message: string; code?: string };
}

const setup = workerData as { url: string; port: MessagePort; flag: SharedArrayBuffer; connectTimeoutMs: number };
const flag = new Int32Array(setup.flag);

// 64-bit integers and COUNT(*) as numbers, as better-sqlite3 gives them (the store's ids and counts fit).
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

let client: pg.Client | undefined;

async function connected(): Promise<pg.Client> {
  if (client) return client;
  const c = new pg.Client({ connectionString: setup.url, connectionTimeoutMillis: setup.connectTimeoutMs, application_name: 'xunjian' });
  c.on('error', () => {
    if (client === c) client = undefined;
  });
  await c.connect();
  client = c;
  return c;
}

async function answer(req: BridgeRequest): Promise<BridgeReply> {
  try {
    const c = await connected();
    const r = req.simple ? await c.query(req.text) : await c.query({ text: req.text, values: req.values ?? [] });
    const last = Array.isArray(r) ? r[r.length - 1] : r;
    return { rows: (last?.rows ?? []) as Record<string, unknown>[], rowCount: last?.rowCount ?? 0 };
  } catch (e) {
    const err = e as Error & { code?: string };
    // A broken connection is not reused: the next query opens a new one.
    if (!err.code || /^(08|57P)/.test(err.code)) {
      const c = client;
      client = undefined;
      void c?.end().catch(() => undefined);
    }
    return { error: { message: err.message || String(e), ...(err.code ? { code: err.code } : {}) } };
  }
}

setup.port.on('message', ({ id, req }: BridgeMessage) => {
  const done = (reply: BridgeReply): void => {
    setup.port.postMessage({ ...reply, id });
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  if ('close' in req) {
    const c = client;
    client = undefined;
    void (c ? c.end() : Promise.resolve()).catch(() => undefined).finally(() => {
      done({});
      setup.port.close();
    });
    return;
  }
  void answer(req).then(done);
});
