/**
 * One HTTP GET on undici.request(), with the limits a crawler of other people's servers needs:
 * a total deadline (a server can drip a body forever under a per-chunk timeout), a cap on the
 * bytes on the wire, and a cap on what decompression may produce (gzip bombs).
 * No redirects and no retries here: each hop and each retry goes back through robots and the
 * politeness limiter in the crawler, and each hop is evidence.
 */
import { sizeText } from './size-text';
import { isIP } from 'node:net';
import { Agent, request, errors as undiciErrors } from 'undici';
import * as zlib from 'node:zlib';

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
  return new Agent({
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

async function fetchAttempt(agent: Agent, req: FetchRequest): Promise<HttpResponse> {
  const started = Date.now();
  const fetchedAt = new Date(started).toISOString();
  const maxBody = req.maxBodyBytes ?? req.limits.maxBodyBytes;
  const signal = AbortSignal.timeout(req.limits.totalTimeoutMs);
  const method = req.method ?? 'GET';
  const reset = method === 'HEAD' && bodiesAfterHead.get(agent)?.has(new URL(req.url).origin) === true;
  try {
    const res = await request(req.url, { method, headers: req.headers, dispatcher: agent, signal, reset });
    const headers = flattenHeaders(res.headers);
    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBody && req.truncateAt === undefined) {
      res.body.destroy();
      throw new FetchError('too-large', `content-length ${sizeText(declared)} exceeds the ${sizeText(maxBody)} cap`, req.url);
    }
    const chunks: Buffer[] = [];
    let wire = 0;
    for await (const chunk of res.body) {
      const b = chunk as Buffer;
      wire += b.length;
      chunks.push(b);
      if (req.truncateAt !== undefined && wire >= req.truncateAt) {
        res.body.destroy();
        break;
      }
      if (wire > maxBody) {
        res.body.destroy();
        throw new FetchError('too-large', `body exceeds the ${sizeText(maxBody)} cap`, req.url);
      }
    }
    const raw = Buffer.concat(chunks);
    const body =
      req.truncateAt !== undefined ? raw : decodeContent(headers['content-encoding'], raw, req.limits.maxDecodedBytes, req.url);
    return { url: req.url, status: res.statusCode, headers, body, wireBytes: wire, fetchedAt, elapsedMs: Date.now() - started };
  } catch (e) {
    throw classifyError(e, req.url);
  }
}
