/**
 * One HTTP GET on undici's dispatcher, with the limits a crawler of other people's servers needs:
 * a total deadline (a server can drip a body forever under a per-chunk timeout), a cap on the
 * bytes on the wire, and a cap on what decompression may produce (gzip bombs).
 * No redirects and no retries here: each hop and each retry goes back through robots and the
 * politeness limiter in the crawler, and each hop is evidence.
 */
import { sizeText } from './size-text';
import { isIP } from 'node:net';
import * as zlib from 'node:zlib';
import type { Agent, Dispatcher } from 'undici';

/**
 * undici's agent and errors by their own modules: its index loads fetch, WebSocket, caches and
 * cookies besides (80–110 ms of every scan's start, against 25–30). The same objects the index
 * exports (test/pipelines/sources/fetch.test.ts holds that), so `request()` elsewhere takes this
 * agent and instanceof holds for its errors.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const UndiciAgent = require('undici/lib/dispatcher/agent') as typeof import('undici').Agent;
const undiciErrors = require('undici/lib/core/errors') as typeof import('undici').errors;
/* eslint-enable @typescript-eslint/no-require-imports */

/** HTTP statuses that send the client on to `location`. */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

export interface FetchLimits {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Whole request, first byte to last. */
  totalTimeoutMs: number;
  /** Bytes on the wire (compressed). */
  maxBodyBytes: number;
  /** Bytes after content-decoding. */
  maxDecodedBytes: number;
}

export const DEFAULT_LIMITS: FetchLimits = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 20_000,
  bodyTimeoutMs: 30_000,
  totalTimeoutMs: 60_000,
  maxBodyBytes: 20 * 1024 * 1024,
  maxDecodedBytes: 50 * 1024 * 1024,
};

export type FetchErrorCode =
  | 'timeout'
  /**
   * Answered, but the body was still arriving at the deadline (a tarpit dripping a byte a second):
   * not retried and not counted against the host, since asking again costs the same wait.
   */
  | 'too-slow'
  | 'connect-timeout'
  | 'connection-refused'
  | 'connection-reset'
  | 'dns'
  | 'tls'
  | 'too-large'
  | 'decompression-bomb'
  | 'bad-encoding'
  | 'headers-overflow'
  /** The answer was not HTTP/1.1 (or stray bytes a HEAD's answer left on the connection). */
  | 'bad-response'
  | 'aborted'
  /** Not fetched: the crawl had given its host up. */
  | 'origin-down'
  /** The site answers every request with a refusal (403, 412…): its firewall turned the crawler away. */
  | 'blocked'
  | 'network';

export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

export interface HttpResponse {
  url: string;
  status: number;
  /** Names lower-cased; repeated headers joined with ", " (Set-Cookie with "\n"). */
  headers: Record<string, string>;
  /** Content-decoded body (empty for HEAD). */
  body: Buffer;
  /** Bytes received on the wire. */
  wireBytes: number;
  fetchedAt: string;
  elapsedMs: number;
}

export interface AgentOptions {
  connectionsPerOrigin: number;
  limits: FetchLimits;
  /**
   * The address to connect to for a host name. Given, connections go exactly where the caller
   * resolved (and vetted) the name: a second DNS answer cannot point them at a private address.
   */
  resolve?: (host: string) => Promise<string>;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | { address: string; family: number }[], family?: number) => void;

function pinnedLookup(resolve: (host: string) => Promise<string>) {
  return (host: string, options: { all?: boolean }, cb: LookupCallback): void => {
    resolve(host).then(
      (address) => {
        const family = isIP(address);
        if (options.all) cb(null, [{ address, family }]);
        else cb(null, address, family);
      },
      (e: NodeJS.ErrnoException) => cb(e, ''),
    );
  };
}

export function createAgent(opts: AgentOptions): Agent {
  return new UndiciAgent({
    connections: opts.connectionsPerOrigin,
    pipelining: 1,
    keepAliveTimeout: 15_000,
    keepAliveMaxTimeout: 60_000,
    headersTimeout: opts.limits.headersTimeoutMs,
    bodyTimeout: opts.limits.bodyTimeoutMs,
    // A gov site with a bad certificate is still fetched: the TLS check reports it.
    connect: { timeout: opts.limits.connectTimeoutMs, rejectUnauthorized: false, ...(opts.resolve ? { lookup: pinnedLookup(opts.resolve) } : {}) },
  });
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(k.toLowerCase() === 'set-cookie' ? '\n' : ', ') : v;
  }
  return out;
}

export function decodeContent(encoding: string | undefined, body: Buffer, maxDecoded: number, url: string): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (!enc || enc === 'identity' || body.length === 0) return body;
  const opts = { maxOutputLength: maxDecoded };
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return zlib.gunzipSync(body, { ...opts, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    if (enc === 'br') return zlib.brotliDecompressSync(body, opts);
    if (enc === 'deflate') {
      // Servers send both zlib-wrapped and raw deflate under this name.
      try {
        return zlib.inflateSync(body, opts);
      } catch (e) {
        if (isTooLarge(e)) throw e;
        return zlib.inflateRawSync(body, opts);
      }
    }
  } catch (e) {
    if (isTooLarge(e)) {
      throw new FetchError('decompression-bomb', `content-encoding ${enc} expands beyond ${sizeText(maxDecoded)}`, url);
    }
    throw new FetchError('bad-encoding', `content-encoding ${enc} could not be decoded: ${(e as Error).message}`, url);
  }
  throw new FetchError('bad-encoding', `unsupported content-encoding ${enc}`, url);
}

function isTooLarge(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === 'ERR_BUFFER_TOO_LARGE' || (e instanceof RangeError && /larger than/i.test(e.message));
}

export function classifyError(e: unknown, url: string): FetchError {
  if (e instanceof FetchError) return e;
  const err = e as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code ?? '';
  const msg = err.message ?? String(e);
  if (err.name === 'AbortError' || err.name === 'TimeoutError' || code === 'ABORT_ERR') {
    return new FetchError('timeout', `no complete response within the deadline`, url);
  }
  if (e instanceof undiciErrors.HeadersTimeoutError || e instanceof undiciErrors.BodyTimeoutError) {
    return new FetchError('timeout', msg, url);
  }
  if (e instanceof undiciErrors.ConnectTimeoutError) return new FetchError('connect-timeout', msg, url);
  if (e instanceof undiciErrors.HeadersOverflowError) return new FetchError('headers-overflow', msg, url);
  if (e instanceof undiciErrors.HTTPParserError) return new FetchError('bad-response', msg, url);
  if (code === 'ECONNREFUSED') return new FetchError('connection-refused', msg, url);
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return new FetchError('connection-reset', msg, url);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') return new FetchError('dns', msg, url);
  if (/^ERR_TLS|^ERR_SSL|CERT|EPROTO/.test(code)) return new FetchError('tls', msg, url);
  return new FetchError('network', `${code ? code + ': ' : ''}${msg}`, url);
}

export interface FetchRequest {
  url: string;
  method?: 'GET' | 'HEAD';
  headers: Record<string, string>;
  limits: FetchLimits;
  /** Cap for this request (attachments have their own). */
  maxBodyBytes?: number;
  /** Read at most this many bytes and stop without error (used for prescans). */
  truncateAt?: number;
  /** Called as the request is written to its connection, after any wait for one (politeness counts its gaps from there). */
  onSent?: () => void;
}

/**
 * Origins (per agent) whose answers to HEAD carry a body anyway, against the protocol: after a HEAD
 * their connections are closed, as undici does for every HEAD by default.
 */
const bodiesAfterHead = new WeakMap<Agent, Set<string>>();
/** Fresh attempts after an answer that was not HTTP: one for each connection a HEAD may have left stray bytes on. */
const PARSE_RETRIES = 2;

/**
 * A HEAD keeps its connection open. undici closes it after every HEAD, in case the server sends a
 * body anyway; a link check is mostly HEADs, so that was a new connection (and on HTTPS a new TLS
 * handshake) for every image and attachment. A server that does send one leaves stray bytes that
 * the next answer on that connection fails to parse: that request is made again on another
 * connection, and the origin's HEADs close their connections from then on.
 */
export async function fetchOnce(agent: Agent, req: FetchRequest): Promise<HttpResponse> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchAttempt(agent, req);
    } catch (e) {
      if (!(e instanceof FetchError && e.code === 'bad-response') || attempt >= PARSE_RETRIES) throw e;
      let origins = bodiesAfterHead.get(agent);
      if (!origins) bodiesAfterHead.set(agent, (origins = new Set()));
      origins.add(new URL(req.url).origin);
    }
  }
}

/**
 * One request on undici's dispatcher, its answer collected in a handler: request()'s body stream,
 * async iterator and abort signal cost twice this path's CPU (5,000 GETs from nginx on loopback:
 * ~60 against ~30 µs each, a throwaway script), on the thread every page of a crawl passes through.
 */
function fetchAttempt(agent: Agent, req: FetchRequest): Promise<HttpResponse> {
  const started = Date.now();
  const maxBody = req.maxBodyBytes ?? req.limits.maxBodyBytes;
  const method = req.method ?? 'GET';
  return new Promise<HttpResponse>((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let status = 0;
    let headers: Record<string, string> = {};
    let chunks: Buffer[] = [];
    let wire = 0;
    /** Ends the request once; a request still open (too large, truncated, late) is aborted, its connection closed. */
    const settle = (e: unknown, res?: HttpResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (res) resolve(res);
      else reject(classifyError(e, req.url));
    };
    const stop = (e: unknown, res?: HttpResponse): void => {
      settle(e, res);
      if (controller && !controller.aborted) controller.abort(e instanceof Error ? e : new Error('aborted'));
    };
    const answer = (): HttpResponse => {
      const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      const body = req.truncateAt !== undefined ? raw : decodeContent(headers['content-encoding'], raw, req.limits.maxDecodedBytes, req.url);
      return { url: req.url, status, headers, body, wireBytes: wire, fetchedAt: new Date(started).toISOString(), elapsedMs: Date.now() - started };
    };
    // The whole request, queueing for a connection included: a server can drip a body forever under a per-chunk timeout.
    const deadline = setTimeout(() => {
      const seconds = Math.round(req.limits.totalTimeoutMs / 1000);
      stop(status
        ? new FetchError('too-slow', `HTTP ${status} answered, but the body was still arriving after ${seconds} s (${sizeText(wire)} received)`, req.url)
        : new FetchError('timeout', 'no complete response within the deadline', req.url));
    }, req.limits.totalTimeoutMs);
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        // Timed out while it waited for a connection.
        if (settled && !c.aborted) c.abort(new Error('aborted'));
        else req.onSent?.();
      },
      onResponseStart(_c, statusCode, raw) {
        // Called again after a 1xx answer: the last one is the answer.
        status = statusCode;
        headers = flattenHeaders(raw as Record<string, string | string[] | undefined>);
        chunks = [];
        wire = 0;
        const declared = Number(headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBody && req.truncateAt === undefined) {
          stop(new FetchError('too-large', `content-length ${sizeText(declared)} exceeds the ${sizeText(maxBody)} cap`, req.url));
        }
      },
      onResponseData(_c, chunk) {
        if (settled) return;
        wire += chunk.length;
        chunks.push(chunk);
        if (req.truncateAt !== undefined && wire >= req.truncateAt) {
          stop(undefined, answer());
        } else if (wire > maxBody) {
          stop(new FetchError('too-large', `body exceeds the ${sizeText(maxBody)} cap`, req.url));
        }
      },
      onResponseEnd() {
        if (settled) return;
        try {
          settle(undefined, answer());
        } catch (e) {
          settle(e);
        }
      },
      onResponseError(_c, e) {
        settle(e);
      },
    };
    try {
      const url = new URL(req.url);
      const reset = method === 'HEAD' && bodiesAfterHead.get(agent)?.has(url.origin) === true;
      agent.dispatch({ origin: url.origin, path: url.pathname + url.search, method, headers: req.headers, reset }, handler);
    } catch (e) {
      settle(e);
    }
  });
}
