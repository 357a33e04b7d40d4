/**
 * What `xunjian probe` captured of a site's transport, as plain data: the checks grade it without
 * touching the network, so a capture can be re-graded (and fixture-tested) at any time. The shape
 * follows the Observatory's capture bundle (responses auto/http/https/cors, redirect chains).
 */

export interface RedirectStep {
  url: string;
  status: number;
}

export interface HttpExchange {
  /** The URL asked for. */
  url: string;
  /** Final URL after redirects. */
  finalUrl: string;
  status: number;
  /** Response header values by lower-case name, every occurrence kept (Set-Cookie, repeated HSTS). */
  headers: Record<string, string[]>;
  /** Every response of the chain, the first request included. */
  redirects: RedirectStep[];
  /** Whether every certificate on the way verified (always true for plain http). */
  verified: boolean;
  /** Body of the final response when it is HTML (first MiB). */
  body?: string;
}

export interface TransportCapture {
  capturedAt: string;
  host: string;
  /** The https response when it works, else the http one (what a visitor gets). */
  auto?: HttpExchange;
  http?: HttpExchange;
  https?: HttpExchange;
  /** Why the http or https fetch failed, when it did. */
  httpError?: string;
  httpsError?: string;
  /** The answer to a CORS preflight (OPTIONS with a foreign Origin). */
  cors?: { status: number; headers: Record<string, string[]> };
}

export function header(h: Record<string, string[]> | undefined, name: string): string[] {
  return h?.[name.toLowerCase()] ?? [];
}
