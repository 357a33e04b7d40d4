/**
 * The pre-publish HTTP API a CMS calls before it publishes a draft:
 *   POST /v1/check   {"html"|"text", "url"?, "title"?, "publishedAt"?}  or  {"articles": [...]}  or  [...]
 *                    -> 200 {...result, "blocked": bool}; `?failOn=medium`, `?site=ID`
 *   GET  /healthz    -> 200 {"status":"ok"}
 * Drafts are checked like export records (same schema, same errors naming the field); nothing
 * is fetched and nothing is stored.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Check, Logger, Severity } from '../checks/types';
import { SEVERITIES } from '../checks/types';
import type { Config } from './config';
import { ExportSource } from './sources/export';
import { resolveSite, VERSION } from './jobs';
import { runPipeline } from './run';
import { wordingOptions } from './user-wordlists';
import { inventoryOf } from './inventory';
import { exitCodeFor } from './exit-code';
import { forPeople } from '../reports/for-people';

const MAX_BODY = 10 * 1024 * 1024;

export interface ServeOptions {
  config: Config;
  log: Logger;
  checks: readonly Check[];
  failOn: Severity | 'none';
  port: number;
  host: string;
  /** A request's headers and its whole body must arrive within these (a slow client must not hold a connection). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, `body larger than ${MAX_BODY} bytes`);
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** One draft or many, as the JSON text of an export array. */
function toExport(parsed: unknown): string {
  if (Array.isArray(parsed)) return JSON.stringify(parsed);
  if (parsed && typeof parsed === 'object') {
    const o = parsed as Record<string, unknown>;
    if (Array.isArray(o['articles'])) return JSON.stringify(o['articles']);
    return JSON.stringify([{ id: 'draft', ...o }]);
  }
  throw new HttpError(400, 'expected a JSON object or array');
}

export async function startServer(o: ServeOptions): Promise<{ url: string; close(): Promise<void> }> {
  const clock = { now: () => new Date() };
  const headersTimeout = o.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const requestTimeout = o.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  // Node checks both deadlines on this interval; it must be finer than the shortest of them.
  const server = createServer({ headersTimeout, requestTimeout, connectionsCheckingInterval: Math.min(1000, headersTimeout, requestTimeout) }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    (async () => {
      if (req.method === 'GET' && url.pathname === '/healthz') return send(res, 200, { status: 'ok', version: VERSION });
      if (url.pathname !== '/v1/check') throw new HttpError(404, 'not found');
      if (req.method !== 'POST') throw new HttpError(405, 'use POST');
      const failOnParam = url.searchParams.get('failOn') ?? o.failOn;
      if (failOnParam !== 'none' && !SEVERITIES.includes(failOnParam as Severity)) throw new HttpError(400, `failOn must be one of ${SEVERITIES.join(', ')}, none`);
      let parsed: unknown;
      try {
        parsed = JSON.parse((await readBody(req)).toString('utf8'));
      } catch (e) {
        if (e instanceof HttpError) throw e;
        throw new HttpError(400, `body is not valid JSON: ${(e as Error).message}`);
      }
      let site;
      try {
        site = resolveSite(o.config, url.searchParams.get('site') ?? undefined).site;
      } catch (e) {
        throw new HttpError(400, (e as Error).message);
      }
      const source = new ExportSource('(request)', site.id, clock, toExport(parsed));
      const result = await runPipeline(source, { command: 'serve', site, checks: o.checks, clock, log: o.log, inventory: inventoryOf(o.config, site), ...wordingOptions(o.config, o.log) });
      send(res, 200, { ...forPeople(result), blocked: exitCodeFor(result, failOnParam as Severity | 'none', true) !== 0 });
    })().catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      if (status === 500) o.log.error({ err: (e as Error).message }, 'serve: request failed');
      send(res, status, { error: (e as Error).message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
