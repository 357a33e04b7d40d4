/**
 * HTTP(S) exchanges for grading: redirects followed by hand so every hop is kept, headers kept
 * with every occurrence, the HTML body kept (first MiB), certificates not enforced (we report bad
 * TLS rather than fail to look), one deadline for the whole chain.
 */
import { decodeBody } from '../sources/charset';
import { Agent, request } from 'undici';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { HttpExchange, RedirectStep } from '../../checks/headers/capture';
import { classifyError } from '../sources/fetch';

const MAX_BODY = 1 << 20;

export interface HttpProbeOptions {
  userAgent: string;
  timeoutMs: number;
  maxRedirects?: number;
  method?: 'GET' | 'OPTIONS';
  headers?: Record<string, string>;
  /** Resolve names to this address family only (IPv6 reachability). */
  family?: 4 | 6;
  /** Fixed addresses to use instead of DNS (tests, and the AAAA answer already found). */
  addresses?: string[];
}

function agentFor(o: HttpProbeOptions): Agent {
  const lookup = o.addresses?.length
    ? (_h: string, opts: { all?: boolean }, cb: (e: NodeJS.ErrnoException | null, a: string | LookupAddress[], f?: number) => void) => {
        const list = o.addresses!.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
        if (opts.all) cb(null, list);
        else cb(null, list[0]!.address, list[0]!.family);
      }
    : o.family
      ? (h: string, opts: object, cb: (e: NodeJS.ErrnoException | null, a: string | LookupAddress[], f?: number) => void) => dnsLookup(h, { ...opts, family: o.family }, cb)
      : undefined;
  return new Agent({ connect: { rejectUnauthorized: false, timeout: o.timeoutMs, ...(lookup ? { lookup: lookup as never } : {}) }, headersTimeout: o.timeoutMs, bodyTimeout: o.timeoutMs, maxHeaderSize: 64 * 1024 });
}

function headerMap(h: Record<string, string | string[] | undefined>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v : [v];
  return out;
}

export class ProbeError extends Error {
  constructor(readonly code: string, message: string, readonly status?: number) {
    super(message);
    this.name = 'ProbeError';
  }
}

/** One exchange; throws ProbeError with a classified code when nothing usable came back. */
export async function exchange(url: string, o: HttpProbeOptions): Promise<HttpExchange> {
  const agent = agentFor(o);
  const signal = AbortSignal.timeout(o.timeoutMs);
  const redirects: RedirectStep[] = [];
  let current = url;
  try {
    for (let hop = 0; ; hop++) {
      const res = await request(current, { method: o.method ?? 'GET', headers: { 'user-agent': o.userAgent, ...o.headers }, dispatcher: agent, signal });
      const headers = headerMap(res.headers as Record<string, string | string[] | undefined>);
      redirects.push({ url: current, status: res.statusCode });
      const location = headers['location']?.[0];
      if (res.statusCode >= 300 && res.statusCode < 400 && location && o.method !== 'OPTIONS') {
        await res.body.dump();
        if (hop >= (o.maxRedirects ?? 10)) throw new ProbeError('redirect-loop', `more than ${o.maxRedirects ?? 10} redirects`);
        current = new URL(location, current).href;
        continue;
      }
      let body: string | undefined;
      if (/html/i.test(headers['content-type']?.[0] ?? '')) {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const c of res.body) {
          chunks.push(c as Buffer);
          size += (c as Buffer).length;
          if (size >= MAX_BODY) break;
        }
        // Decoded as the crawler decodes (header, BOM, <meta>, GB18030 by default): a GBK homepage's links keep their paths.
        body = decodeBody(Buffer.concat(chunks).subarray(0, MAX_BODY), headers['content-type']?.[0]).text;
        res.body.destroy();
      } else await res.body.dump();
      return { url, finalUrl: current, status: res.statusCode, headers, redirects, verified: true, ...(body !== undefined ? { body } : {}) };
    }
  } catch (e) {
    if (e instanceof ProbeError) throw e;
    const f = classifyError(e, current);
    throw new ProbeError(f.code, f.message);
  } finally {
    void agent.close().catch(() => undefined);
  }
}
