/**
 * The two shapes a destination can have: a tracker (issues that are created once, then edited,
 * commented, closed and reopened) and a chat robot (one Markdown message per digest). Both speak
 * through `SinkHttp`, which keeps a receipt of every exchange.
 */
import type { IssueText } from './issue-text';

export interface Receipt {
  at: string;
  method: string;
  /** With credentials (tokens, webhook keys, signatures) removed. */
  url: string;
  request?: string;
  status?: number;
  response?: string;
  ms: number;
  ok: boolean;
}

/** A delivery that failed; `retryable` failures go back to the outbox with backoff. */
export class SinkError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SinkError';
  }
}

export interface RemoteIssue {
  ref: string;
  url?: string;
  state: 'open' | 'closed';
  labels: string[];
}

export interface TrackerSink {
  kind: 'tracker';
  name: string;
  /** The issue whose body carries `marker`, if the tracker has one. */
  find(marker: string): Promise<RemoteIssue | undefined>;
  create(t: IssueText): Promise<RemoteIssue>;
  /** The tracker's current state and labels (people mark false positives there). */
  read(ref: string): Promise<RemoteIssue>;
  /** Title, body, labels, assignees, due date and state made equal to `t`. */
  update(ref: string, t: IssueText): Promise<RemoteIssue>;
  /** Comments carry a marker so a comment sent just before a crash is not sent twice. */
  comment(ref: string, body: string, marker: string): Promise<void>;
  hasComment(ref: string, marker: string): Promise<boolean>;
  http?: SinkHttp;
  /** Called once after a delivery round (the local sink commits its files then). */
  flush?(): Promise<void>;
}

export interface ChatSink {
  kind: 'chat';
  name: string;
  /** Largest message the robot accepts, in UTF-8 bytes. */
  maxBytes: number;
  send(title: string, markdown: string): Promise<void>;
  http?: SinkHttp;
  flush?(): Promise<void>;
}

export type IssueSink = TrackerSink | ChatSink;

export type ReceiptListener = (r: Receipt) => void;

const MAX_RETRY_AFTER_MS = 10 * 60_000;
const RECEIPT_TEXT = 4096;

export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Math.min(Number(v) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

export interface HttpOptions {
  timeoutMs: number;
  minIntervalMs: number;
  /** Removes credentials from a URL before it is written to a receipt or an error. */
  redact: (url: string) => string;
}

export interface JsonResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
  text: string;
}

/**
 * One sink's HTTP: requests in series with a minimum interval (robots allow 20 a minute; trackers
 * are asked to serialise creation per project), bounded by a timeout, each one kept as a receipt.
 */
export class SinkHttp {
  private last = 0;
  private chain: Promise<unknown> = Promise.resolve();
  listener?: ReceiptListener;

  constructor(private readonly o: HttpOptions) {}

  call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, body?: unknown): Promise<JsonResponse> {
    const run = this.chain.then(() => this.once(method, url, headers, body));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async once(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<JsonResponse> {
    const wait = this.last + this.o.minIntervalMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    this.last = Date.now();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = Date.now();
    const receipt: Receipt = { at: new Date(started).toISOString(), method, url: this.o.redact(url), ms: 0, ok: false, ...(payload ? { request: payload.slice(0, RECEIPT_TEXT) } : {}) };
    try {
      // Loaded at the first delivery: a run that files nothing is spared undici's whole index at start.
      const { request } = await import('undici');
      const res = await request(url, {
        method: method as 'GET',
        headers: { ...(payload ? { 'content-type': 'application/json; charset=utf-8' } : {}), accept: 'application/json', ...headers },
        ...(payload ? { body: payload } : {}),
        headersTimeout: this.o.timeoutMs,
        bodyTimeout: this.o.timeoutMs,
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
      const text = await res.body.text();
      receipt.status = res.statusCode;
      receipt.response = text.slice(0, RECEIPT_TEXT);
      receipt.ms = Date.now() - started;
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const out = { status: res.statusCode, headers: res.headers, json, text };
      if (res.statusCode === 429 || res.statusCode >= 500) {
        throw new SinkError(`${method} ${this.o.redact(url)}: HTTP ${res.statusCode}`, true, parseRetryAfter(res.headers['retry-after']));
      }
      if (res.statusCode >= 300) {
        throw new SinkError(`${method} ${this.o.redact(url)}: HTTP ${res.statusCode} ${text.slice(0, 200)}`, false);
      }
      receipt.ok = true;
      return out;
    } catch (e) {
      receipt.ms = Date.now() - started;
      if (e instanceof SinkError) throw e;
      const err = e as Error & { code?: string };
      const why = err.name === 'TimeoutError' || err.name === 'AbortError' || /timeout/i.test(err.code ?? '') ? `no answer within ${this.o.timeoutMs} ms` : err.code ?? err.message;
      receipt.response = why;
      throw new SinkError(`${method} ${this.o.redact(url)}: ${why}`, true);
    } finally {
      this.listener?.(receipt);
    }
  }
}

/** A 2xx answer that is not what the API documents (a proxy's login page, an error object). */
export function unexpected(what: string, r: JsonResponse): SinkError {
  return new SinkError(`${what}: unexpected answer (HTTP ${r.status}): ${r.text.slice(0, 200)}`, false);
}

/** Chat robots: the webhook URL is the credential; keys, tokens and signatures never reach a receipt. */
export function redactWebhook(url: string): string {
  return url
    .replace(/([?&](?:key|access_token|sign|timestamp)=)[^&]*/gi, '$1***')
    .replace(/(\/hook\/)[^/?]+/i, '$1***');
}

/** Checks a robot's `{errcode|code, errmsg|msg}` answer. */
export function robotAnswer(name: string, r: { status: number; json: unknown; text: string }, codeField: 'errcode' | 'code', retryLater: ReadonlySet<number>): void {
  const j = r.json as Record<string, unknown> | undefined;
  const code = j ? (j[codeField] ?? j['StatusCode']) : undefined;
  if (typeof code !== 'number') throw unexpected(`${name}: send`, { ...r, headers: {} });
  if (code !== 0) {
    const msg = String(j?.['errmsg'] ?? j?.['msg'] ?? j?.['StatusMessage'] ?? '');
    throw new SinkError(`${name}: robot refused the message: ${codeField} ${code} ${msg}`, retryLater.has(code));
  }
}
