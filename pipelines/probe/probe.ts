/**
 * `xunjian probe`: one look at a site's transport, everything the headers, tls and health checks
 * grade. The homepage over https and http (each hop kept), a CORS preflight, the TLS handshakes,
 * IPv6 (AAAA, the homepage over IPv6 and a sample of internal links), and one availability probe
 * with the 19号 15-second limit. Independent parts run in parallel under their own deadlines.
 */
import { lookup } from 'node:dns/promises';
import type { ProbeRecord, TransportFacts, Ipv6Facts } from '../../checks/types';
import type { HttpExchange, TransportCapture } from '../../checks/headers/capture';
import { exchange, ProbeError, type HttpProbeOptions } from './http';
import { probeTls, type TlsProbeOptions } from './tls';

/** 国办秘函〔2019〕19号: a visit fails when the site has not opened within 15 seconds. */
export const AVAILABILITY_TIMEOUT_MS = 15_000;
const CORS_ORIGIN = 'https://xunjian-cors-probe.invalid';

export interface SiteProbeOptions {
  userAgent: string;
  timeoutMs?: number;
  tls?: TlsProbeOptions;
  /** AAAA lookup; injectable so tests need no DNS. */
  lookup6?: (host: string) => Promise<string[]>;
  /** Fixed IPv4 addresses for the host (tests). */
  addresses?: string[];
  /** Ports when the site does not use 80/443 (tests, 非标准端口). */
  httpPort?: number;
  httpsPort?: number;
  ipv6Links?: number;
  clock: { now(): Date };
}

async function defaultLookup6(host: string): Promise<string[]> {
  try {
    return (await lookup(host, { all: true, family: 6 })).map((a) => a.address);
  } catch {
    return [];
  }
}

function outcomeOf(e: unknown): string {
  const code = e instanceof ProbeError ? e.code : 'network';
  if (code === 'dns') return 'dns';
  if (code === 'timeout' || code === 'connect-timeout') return 'timeout';
  if (code === 'connection-reset') return 'reset';
  if (code === 'tls') return 'tls';
  return 'connect';
}

export function recordFor(ex: HttpExchange | undefined, error: unknown, at: string, ms: number): ProbeRecord {
  if (!ex) return { at, ok: false, outcome: outcomeOf(error), ms };
  const s = ex.status;
  const outcome = s >= 500 ? 'http-5xx' : [403, 406, 429].includes(s) ? 'blocked' : s >= 400 ? 'http-4xx' : 'ok';
  return { at, ok: outcome === 'ok', outcome, status: s, ms };
}

function withPort(u: URL, port: number | undefined): string {
  const x = new URL(u.href);
  if (port) x.port = String(port);
  return x.href;
}

function internalLinks(ex: HttpExchange | undefined, n: number): string[] {
  if (!ex?.body) return [];
  const base = new URL(ex.finalUrl);
  const out = new Set<string>();
  for (const m of ex.body.matchAll(/<a\b[^>]*href\s*=\s*["']([^"'#]+)["']/gi)) {
    try {
      const u = new URL(m[1]!, base);
      if (u.host === base.host && u.href !== base.href) out.add(u.href);
    } catch {
      // not a URL
    }
    if (out.size >= n) break;
  }
  return [...out];
}

export async function probeSite(homepage: string, o: SiteProbeOptions): Promise<{ transport: TransportFacts; record: ProbeRecord }> {
  const home = new URL(homepage);
  const host = home.hostname;
  const timeoutMs = o.timeoutMs ?? AVAILABILITY_TIMEOUT_MS;
  const base: HttpProbeOptions = { userAgent: o.userAgent, timeoutMs, ...(o.addresses ? { addresses: o.addresses } : {}) };
  const httpsUrl = withPort(Object.assign(new URL(home.href), { protocol: 'https:' }), o.httpsPort);
  const httpUrl = withPort(Object.assign(new URL(home.href), { protocol: 'http:' }), o.httpPort);
  const capture: TransportCapture = { capturedAt: o.clock.now().toISOString(), host };
  const started = Date.now();
  const settle = <T>(p: Promise<T>) => p.then((v) => ({ v }), (e: unknown) => ({ e }));

  const [https, http, cors, tls, v6] = await Promise.all([
    settle(exchange(httpsUrl, base)),
    settle(exchange(httpUrl, base)),
    settle(exchange(httpsUrl, { ...base, method: 'OPTIONS', headers: { origin: CORS_ORIGIN, 'access-control-request-method': 'GET' } })),
    probeTls(o.addresses?.[0] ?? host, Number(new URL(httpsUrl).port || 443), { timeoutMs: Math.min(timeoutMs, 5000), servername: host, ...o.tls }),
    (o.lookup6 ?? defaultLookup6)(host),
  ]);
  const elapsed = Date.now() - started;
  if ('v' in https) capture.https = https.v;
  else capture.httpsError = (https.e as Error).message;
  if ('v' in http) capture.http = http.v;
  else capture.httpError = (http.e as Error).message;
  if ('v' in cors && cors.v.status < 500) capture.cors = { status: cors.v.status, headers: cors.v.headers };
  const verified = tls.authorized && tls.hostnameMatches;
  if (capture.https) capture.https.verified = verified;
  if (capture.http && capture.http.finalUrl.startsWith('https:')) capture.http.verified = new URL(capture.http.finalUrl).hostname === host ? verified : true;
  capture.auto = capture.https?.status !== undefined && capture.https.status < 400 ? capture.https : (capture.http ?? capture.https);

  // The availability probe is what a visitor typing the configured address gets.
  const visitor = home.protocol === 'https:' ? https : http;
  const record = recordFor('v' in visitor ? visitor.v : undefined, 'e' in visitor ? visitor.e : undefined, capture.capturedAt, elapsed);

  const ipv6: Ipv6Facts = { addresses: v6, links: [] };
  if (v6.length) {
    const v6opts: HttpProbeOptions = { ...base, addresses: v6 };
    const url = home.protocol === 'https:' ? httpsUrl : httpUrl;
    try {
      const r = await exchange(url, v6opts);
      ipv6.status = r.status;
      const links = internalLinks(r, o.ipv6Links ?? 5);
      ipv6.links = await Promise.all(
        links.map((l) => exchange(l, v6opts).then((x) => ({ url: l, status: x.status }), (e: unknown) => ({ url: l, error: (e as Error).message }))),
      );
    } catch (e) {
      ipv6.error = e instanceof ProbeError ? e.code : (e as Error).message;
    }
  }
  return { transport: { capture, tls, ipv6 }, record };
}
