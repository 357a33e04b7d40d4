/**
 * robots.txt per origin, with RFC 9309's status semantics (robots-parser does no fetching):
 * 2xx obey; 4xx "unavailable" -> everything allowed; 5xx or network failure "unreachable" ->
 * everything disallowed, so a site in trouble is not crawled harder.
 * Rules are matched with our product token, never the full User-Agent string, which
 * robots-parser would silently treat as `*`.
 */
import robotsParser from 'robots-parser';
import { TextDecoder } from 'node:util';

export type RobotsState = 'rules' | 'unavailable' | 'unreachable' | 'ignored';

export interface RobotsDecision {
  allowed: boolean;
  /** Why: `robots.txt line 7`, `robots.txt unreachable (HTTP 503)`. */
  reason: string;
}

type Robot = ReturnType<typeof robotsParser>;

export interface RobotsFile {
  origin: string;
  state: RobotsState;
  status?: number;
  detail?: string;
  robot?: Robot;
}

export function parseRobots(origin: string, status: number | undefined, body: Buffer | undefined, error?: string): RobotsFile {
  if (status === undefined) return { origin, state: 'unreachable', detail: error ?? 'no response' };
  if (status >= 200 && status < 300) {
    // Decode as UTF-8 with replacement: GBK comments occur and must not break the rules.
    const text = new TextDecoder('utf-8').decode(body ?? Buffer.alloc(0)).slice(0, 512 * 1024);
    return { origin, state: 'rules', status, robot: robotsParser(`${origin}/robots.txt`, text) };
  }
  if (status >= 400 && status < 500) return { origin, state: 'unavailable', status };
  return { origin, state: 'unreachable', status, detail: `HTTP ${status}` };
}

export function decide(file: RobotsFile, url: string, productToken: string): RobotsDecision {
  switch (file.state) {
    case 'ignored':
      return { allowed: true, reason: 'robots.txt ignored by configuration' };
    case 'unavailable':
      return { allowed: true, reason: `robots.txt unavailable (HTTP ${file.status}): all allowed` };
    case 'unreachable':
      return { allowed: false, reason: `robots.txt unreachable (${file.detail}): all disallowed per RFC 9309` };
    case 'rules': {
      const allowed = file.robot!.isAllowed(url, productToken);
      if (allowed === undefined) {
        // Another origin's URL: a bug in the caller, never a silent allow.
        throw new Error(`robots rules of ${file.origin} asked about ${url}`);
      }
      if (allowed) return { allowed, reason: 'allowed by robots.txt' };
      const line = file.robot!.getMatchingLineNumber(url, productToken);
      return { allowed, reason: `disallowed by robots.txt line ${line}` };
    }
  }
}

export function crawlDelayMs(file: RobotsFile, productToken: string): number | undefined {
  const d = file.robot?.getCrawlDelay(productToken);
  return d === undefined || !Number.isFinite(d) ? undefined : d * 1000;
}

export function sitemapsOf(file: RobotsFile): string[] {
  return file.robot?.getSitemaps() ?? [];
}
