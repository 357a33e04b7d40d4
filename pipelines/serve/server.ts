/**
 * The pre-publish HTTP API a CMS calls before it publishes a draft:
 *   POST /v1/check   {"html"|"text", "url"?, "title"?, "publishedAt"?}  or  {"articles": [...]}  or  [...]
 *                    -> 200 {...result, "verdict": "publish"|"review"|"block", "because", "hints", "blocked"}
 *                    `?failOn=medium` (blocks at that severity too), `?site=ID`
 *   GET  /healthz    -> 200 {"status":"ok"}
 *   GET  /metrics    -> Prometheus text
 *
 * Built on fastify: its body limit, JSON parsing, per-route hooks and rate-limit plugin do what
 * this needs, tested and maintained elsewhere, and its pino logging is the project's own. Checks
 * run on a pool of worker threads, one per core; the HTTP thread only authenticates, queues and
 * answers. A draft is checked like an export record: an invalid one is a 400 naming the record and
 * field. Nothing is fetched and nothing is stored; no token and no content is ever logged.
 */
import { sharedTypoTables } from '../word-frequencies';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { availableParallelism } from 'node:os';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Check, Logger, Severity } from '../../checks/types';
import { SEVERITIES } from '../../checks/types';
import type { Config } from '../config';
import { UsageError, VERSION } from '../jobs';
import { TokenSet } from './tokens';
import { DEFAULT_VERDICT, type VerdictRules } from './verdict';
import { join } from 'node:path';
import { WorkerPool } from '../worker-pool';
import { answerDraft, type DraftAnswer, type DraftTask } from './drafts';
import { ServeMetrics } from './metrics';

export interface ServeOptions {
  config: Config;
  log: Logger;
  checks: readonly Check[];
  failOn: Severity | 'none';
  port: number;
  host: string;
  /** Override config `serve.headersTimeoutMs` / `requestTimeoutMs` (tests). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Override config `serve.workers`. */
  workers?: number;
}

export interface RunningServer {
  url: string;
  /** New tokens and verdict rules from a re-read config (SIGHUP); the rest needs a restart. */
  reload(config: Config): void;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|::1|localhost|\[::1\])$/;

function rulesOf(config: Config): VerdictRules {
  return { block: config.serve.verdict?.block ?? DEFAULT_VERDICT.block, review: config.serve.verdict?.review ?? DEFAULT_VERDICT.review };
}

declare module 'fastify' {
  interface FastifyRequest {
    tokenId?: string;
  }
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const s = o.config.serve;
  const tokens = new TokenSet(s.tokens);
  if (!LOOPBACK.test(o.host) && tokens.size === 0) {
    throw new UsageError(`refusing to listen on ${o.host} without serve.tokens: anyone who can reach it could use it (add a token, or listen on 127.0.0.1)`);
  }
  let rules = rulesOf(o.config);
  const workers = o.workers ?? s.workers ?? availableParallelism();
  const checkIds = o.checks.map((c) => c.meta.id);
  // Built once here and read by every check thread in shared memory, not built by each.
  const typoTables = workers > 0 && checkIds.includes('wording.typo') ? sharedTypoTables() : undefined;
  const pool = workers > 0 ? new WorkerPool<DraftTask, DraftAnswer>(workers, join(__dirname, 'check-worker'), { config: o.config, checkIds, ...(typoTables ? { typoTables } : {}) }) : undefined;
  const metrics = new ServeMetrics(() => ({ inFlight: pool?.inFlight ?? 0, queued: pool?.queued ?? 0 }));
  const headersTimeout = o.headersTimeoutMs ?? s.headersTimeoutMs;
  const requestTimeout = o.requestTimeoutMs ?? s.requestTimeoutMs;
  let inline = 0;

  const app = Fastify({
    logger: false,
    bodyLimit: s.maxBodyBytes,
    return503OnClosing: true,
    // Node checks both deadlines on this interval; it must be finer than the shortest of them.
    serverFactory: (handler) => createServer({ headersTimeout, requestTimeout, connectionsCheckingInterval: Math.min(1000, headersTimeout, requestTimeout) }, handler as (req: IncomingMessage, res: ServerResponse) => void),
  });
  // Any content type (CMSs post drafts as text/plain as often as application/json), kept as text:
  // the check thread parses it, so the HTTP thread never holds a parsed draft.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (req: FastifyRequest) => {
    if (req.url === '/healthz' || tokens.size === 0) return;
    const id = tokens.check(req.headers.authorization);
    if (!id) throw new HttpError(401, 'a valid bearer token is required (Authorization: Bearer …)');
    req.tokenId = id;
  });
  app.addHook('onResponse', async (req: FastifyRequest, reply: FastifyReply) => {
    const ms = reply.elapsedTime;
    metrics.observe(req.routeOptions.url ?? 'unknown', reply.statusCode, req.tokenId ?? '-', ms / 1000);
    // What happened, never what was sent: no body, no query, no token; `client` is the token's id.
    o.log.info({ client: req.tokenId ?? '-', method: req.method, path: req.routeOptions.url ?? req.url.split('?')[0], status: reply.statusCode, bytes: Number(reply.getHeader('content-length') ?? 0), ms: Math.round(ms * 10) / 10 }, 'access');
  });
  app.setErrorHandler((e: Error & { statusCode?: number }, _req, reply) => {
    const status = e instanceof HttpError ? e.status : e.statusCode ?? 500;
    if (status >= 500) o.log.error({ err: e.message }, 'serve: request failed');
    if (e instanceof HttpError && e.status === 503) reply.header('retry-after', '1');
    void reply.code(status).send({ error: status === 413 ? `body larger than ${s.maxBodyBytes} bytes` : e.message, ...(e instanceof HttpError ? e.extra : {}) });
  });
  app.setNotFoundHandler((_req, reply) => void reply.code(404).send({ error: 'not found' }));

  await app.register(rateLimit, {
    global: false,
    keyGenerator: (req) => req.tokenId ?? req.ip,
    errorResponseBuilder: (_req, ctx) => new HttpError(429, `more than ${ctx.max} requests in ${Math.round(s.rateLimit.windowMs / 1000)} s for this token; retry in ${Math.ceil(ctx.ttl / 1000)} s`),
  });

  app.get('/healthz', async () => ({ status: 'ok', version: VERSION }));
  app.get('/metrics', async (_req, reply) => {
    void reply.header('content-type', metrics.contentType);
    return metrics.render();
  });
  app.route({
    method: ['GET', 'PUT', 'DELETE', 'PATCH'],
    url: '/v1/check',
    handler: async () => {
      throw new HttpError(405, 'use POST');
    },
  });
  app.post('/v1/check', { config: { rateLimit: { max: s.rateLimit.max, timeWindow: s.rateLimit.windowMs } } }, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const failOn = q['failOn'] ?? o.failOn;
    if (failOn !== 'none' && !SEVERITIES.includes(failOn as Severity)) throw new HttpError(400, `failOn must be one of ${SEVERITIES.join(', ')}, none`);
    const task: DraftTask = {
      body: typeof req.body === 'string' ? req.body : '', rules,
      ...(q['site'] ? { site: q['site'] } : {}), ...(q['failOn'] && failOn !== 'none' ? { failOn: failOn as Severity } : {}),
    };
    const waiting = pool ? pool.inFlight + pool.queued : inline;
    if (waiting >= workers + s.maxQueue) throw new HttpError(503, `busy: ${waiting} checks in progress or waiting`);
    let answer: DraftAnswer;
    if (pool) answer = await pool.run(task);
    else {
      inline++;
      try {
        answer = await answerDraft(o.config, o.checks, o.log, task);
      } finally {
        inline--;
      }
    }
    if (answer.verdict) metrics.verdict(answer.verdict);
    return reply.code(answer.status).type('application/json; charset=utf-8').send(answer.json);
  });

  await app.listen({ port: o.port, host: o.host });
  const addr = app.server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}`,
    reload(config: Config) {
      tokens.replace(config.serve.tokens);
      rules = rulesOf(config);
      o.log.info({ tokens: tokens.size }, 'serve: tokens and verdict rules reloaded');
    },
    async close() {
      app.server.closeAllConnections();
      await app.close();
      await pool?.close();
    },
  };
}
