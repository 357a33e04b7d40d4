/**
 * robots.txt per origin, with RFC 9309's status semantics:
 * 2xx obey; 4xx "unavailable" -> everything allowed; 5xx or network failure "unreachable" ->
 * everything disallowed, so a site in trouble is not crawled harder.
 * Rules are matched with our product token, never the full User-Agent string.
 */
import { TextDecoder } from 'node:util';
import { REDIRECT_STATUSES } from './fetch';
import { RobotsTxt } from './robots-txt';

export type RobotsState = 'rules' | 'unavailable' | 'unreachable' | 'ignored';

export interface RobotsDecision {
  allowed: boolean;
  /** Why: `robots.txt line 7`, `robots.txt unreachable (HTTP 503)`. */
  reason: string;
}

export interface RobotsFile {
  origin: string;
  state: RobotsState;
  status?: number;
  detail?: string;
  robot?: RobotsTxt;
}

export function parseRobots(origin: string, status: number | undefined, body: Buffer | undefined, error?: string): RobotsFile {
  if (status === undefined) return { origin, state: 'unreachable', detail: error ?? 'no response' };
  if (status >= 200 && status < 300) {
    // Decode as UTF-8 with replacement: GBK comments occur and must not break the rules.
    const text = new TextDecoder('utf-8').decode(body ?? Buffer.alloc(0)).slice(0, 512 * 1024);
    return { origin, state: 'rules', status, robot: RobotsTxt.parse(origin, text) };
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
      const rule = file.robot!.ruleFor(url, productToken);
      if (rule === undefined) {
        // Another origin's URL: a bug in the caller, never a silent allow.
        throw new Error(`robots rules of ${file.origin} asked about ${url}`);
      }
      if (!rule || rule.allow) return { allowed: true, reason: 'allowed by robots.txt' };
      return { allowed: false, reason: `disallowed by robots.txt line ${rule.line}` };
    }
  }
}

export function crawlDelayMs(file: RobotsFile, productToken: string): number | undefined {
  const d = file.robot?.crawlDelay(productToken);
  return d === undefined || !Number.isFinite(d) ? undefined : d * 1000;
}

export function sitemapsOf(file: RobotsFile): string[] {
  return file.robot ? [...file.robot.sitemaps] : [];
}

/** One answer to a GET of a robots.txt address; redirects are not followed (RobotsFiles follows them). */
export type RobotsGet = (url: string) => Promise<{ status: number; headers: Record<string, string>; body?: Buffer }>;

/** RFC 9309 §2.3.1.2: follow at least five consecutive redirects. */
const MAX_ROBOTS_REDIRECTS = 5;

/**
 * Each origin's robots.txt, fetched once however many callers ask: with its redirects followed — an
 * http origin's robots.txt moved to https is the commonest answer, and read as a 3xx it would be
 * "unreachable" and disallow everything — and a fetch that fails read by `failed`.
 */
export class RobotsFiles {
  private readonly files = new Map<string, Promise<RobotsFile>>();

  constructor(
    private readonly get: RobotsGet,
    private readonly failed: (origin: string, error: unknown) => RobotsFile = (origin, e) => parseRobots(origin, undefined, undefined, (e as { code?: string }).code ?? (e as Error).message),
    /** Told once of each origin's file (the crawler sets its Crawl-delay and logs it). */
    private readonly loaded?: (file: RobotsFile) => void,
  ) {}

  of(origin: string): Promise<RobotsFile> {
    let file = this.files.get(origin);
    if (!file) {
      file = this.fetch(origin)
        .catch((e: unknown) => this.failed(origin, e))
        .then((f) => {
          this.loaded?.(f);
          return f;
        });
      this.files.set(origin, file);
    }
    return file;
  }

  private async fetch(origin: string): Promise<RobotsFile> {
    let url = `${origin}/robots.txt`;
    let res = await this.get(url);
    for (let i = 0; i < MAX_ROBOTS_REDIRECTS && REDIRECT_STATUSES.has(res.status) && res.headers['location']; i++) {
      url = new URL(res.headers['location'], url).href;
      res = await this.get(url);
    }
    return parseRobots(origin, res.status, res.body);
  }
}
