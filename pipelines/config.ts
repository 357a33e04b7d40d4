/**
 * Configuration: `.env` (dotenv) + `xunjian.config.json|yaml`, `${VAR}` references resolved from
 * the environment, validated by config.schema.json. Unknown keys and wrong types are errors that
 * name the file and the path: a misspelt key must never silently switch a safeguard off.
 */
import { accountSiteId } from './account-site';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { validate as compiledValidate } from './generated/config-validate';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Duty, SiteIdentity } from '../checks/types';
import type { FetchLimits } from './sources/fetch';
import { isTimeZone } from '../reports/local-time';
import { runawayPattern } from '../checks/text/runaway-pattern';
import { MIN_TOKEN_LENGTH, type TokenConfig } from './serve/tokens';
import type { VerdictRules } from './serve/verdict';

export interface SiteConfig extends SiteIdentity {
  crawl?: Partial<CrawlSettings>;
  /** Other hosts that legitimately serve this site. */
  mirrors?: string[];
}

export interface CrawlSettings extends FetchLimits {
  maxPages: number;
  maxDepth: number;
  concurrency: number;
  perOrigin: number;
  perIp: number;
  minIntervalMs: number;
  jitterMs: number;
  maxBackoffMs: number;
  respectRobots: boolean;
  sitemaps: boolean;
  retries: number;
  maxRedirects: number;
  maxAttachmentBytes: number;
  ocrImages: boolean;
  checkResources: boolean;
  allowPrivateNetworks: boolean;
  circuitBreaker: number;
  maxExternalHosts: number;
  include: string[];
  exclude: string[];
  hosts: string[];
}

export type ReportSinkType = 'stdout' | 'file';
export type IssueSinkType = 'gitlab' | 'gitea' | 'local' | 'wecom' | 'dingtalk' | 'feishu';

export interface SinkConfig {
  type: ReportSinkType | IssueSinkType;
  format: 'json' | 'md' | 'sarif' | 'text';
  path?: string;
  url?: string;
  project?: string;
  owner?: string;
  repo?: string;
  token?: string;
  webhook?: string;
  secret?: string;
  dir?: string;
  timeoutMs: number;
  minIntervalMs?: number;
}

/** What each sink type cannot work without. */
const SINK_NEEDS: Record<SinkConfig['type'], (keyof SinkConfig)[]> = {
  stdout: [],
  file: ['path'],
  gitlab: ['url', 'project', 'token'],
  gitea: ['url', 'owner', 'repo', 'token'],
  local: [],
  wecom: ['webhook'],
  dingtalk: ['webhook'],
  feishu: ['webhook'],
};

export function isIssueSink(s: SinkConfig): boolean {
  return s.type !== 'stdout' && s.type !== 'file';
}

export interface DutyRoute {
  sinks: string[];
  labels: string[];
  assignees: string[];
  dueWorkingDays?: number;
}

export interface IssueSettings {
  closeAfter: number;
  digestDays: number;
  maxRows: number;
  holidays: string[];
  workdays: string[];
  routing: Partial<Record<Duty, DutyRoute>>;
  /** Where drill issues go; the duty's own routing when absent. */
  drillRouting?: DutyRoute;
  /** Routing of one site's issues (a government account's, from accounts[].routing) before issues.routing. */
  siteRouting?: Record<string, Partial<Record<Duty, DutyRoute>>>;
}

/** The route of an issue: a drill's issue takes the drill routing when one is configured. */
export function routeOf(settings: Pick<IssueSettings, 'routing' | 'drillRouting' | 'siteRouting'>, issue: { duty: Duty; key: string }): DutyRoute | undefined {
  if (/\|drill:/.test(issue.key) && settings.drillRouting) return settings.drillRouting;
  const site = issue.key.slice(0, issue.key.indexOf('|'));
  return settings.siteRouting?.[site]?.[issue.duty] ?? settings.routing[issue.duty];
}

/** A government new-media account (政务新媒体), read through its feed. */
export interface AccountConfig {
  id: string;
  platform: string;
  name: string;
  /** The owner's site (sites[].id). */
  site?: string;
  feed: string;
  format?: 'rss' | 'atom' | 'json';
  staleDays: number;
  fetchArticles: boolean;
  menu?: { name: string; url: string }[];
  menuFile?: string;
  /** Where this account's issues go, per duty, instead of issues.routing (a 新媒体 team's own tracker). */
  routing?: Partial<Record<Duty, DutyRoute>>;
}

export interface SourceConfig {
  crawl?: boolean;
  account?: string;
  export?: string;
  dir?: string;
  git?: string;
  branch?: string;
  baseUrl?: string;
  command?: string;
  probe?: boolean;
  lookalikes?: boolean;
  candidates?: string;
  timeoutSec: number;
}

export interface ServeSettings {
  tokens: TokenConfig[];
  maxBodyBytes: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  workers?: number;
  maxQueue: number;
  rateLimit: { max: number; windowMs: number };
  verdict?: Partial<VerdictRules>;
}

const SOURCE_KINDS = ['crawl', 'export', 'dir', 'git', 'command', 'probe', 'lookalikes', 'account'] as const;

export interface PipelineConfig {
  id: string;
  site: string;
  source: SourceConfig;
  checks?: string[];
  sinks: string[];
  cron?: string;
}

export interface QueueSettings {
  redis: string;
  name: string;
  attempts: number;
  backoffMs: number;
  lockMs: number;
}

export interface Config {
  store: string;
  /** IANA zone of what people read and of cron schedules. */
  timezone: string;
  out: string;
  logLevel: string;
  userAgent: { productToken: string; contact: string };
  crawl: CrawlSettings;
  sites: SiteConfig[];
  accounts: AccountConfig[];
  sinks: Record<string, SinkConfig>;
  pipelines: PipelineConfig[];
  wording: { wordlists: string[]; allow: string[] };
  counterfeit: { officialHosts: string[]; resolver?: string; maxCandidates: number };
  tamper: { trustedHosts: string[]; keyPages: string[]; profiles: boolean; render: boolean };
  serve: ServeSettings;
  daemon: { statusPort?: number; statusHost: string; maxConcurrentRuns: number; stallMinutes: number };
  /** Set when runs go through BullMQ (`enqueue`, `worker`, the daemon's cron). */
  queue?: QueueSettings;
  probe: { caFiles: string[] };
  issues: IssueSettings;
  evidence: { dir?: string };
  /** Where it was read from, for error messages; `(defaults)` when no file. */
  file: string;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid configuration\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** config.schema.json compiled ahead of time (pipelines/generate-validators.ts). */
const validate = compiledValidate as ValidateFunction;

export const CONFIG_CANDIDATES = ['xunjian.config.json', 'xunjian.config.yaml', 'xunjian.config.yml'];

/** `${NAME}` -> process env; a missing variable is an error naming where it was used. */
export function resolveEnvRefs(value: unknown, env: NodeJS.ProcessEnv, path = '', problems: string[] = []): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const v = env[name];
      if (v === undefined) {
        problems.push(`${path || '/'}: environment variable ${name} is not set`);
        return '';
      }
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveEnvRefs(v, env, `${path}/${i}`, problems));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveEnvRefs(v, env, `${path}/${k}`, problems);
    return out;
  }
  return value;
}

function describe(e: ErrorObject): string {
  const at = e.instancePath || '/';
  if (e.keyword === 'additionalProperties') return `${at}: unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  if (e.keyword === 'enum') return `${at}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return `${at}: ${e.message ?? e.keyword}`;
}

export function parseConfig(raw: unknown, file: string, env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const resolved = resolveEnvRefs(raw ?? {}, env, '', problems);
  if (problems.length) throw new ConfigError(file, problems);
  if (!validate(resolved)) throw new ConfigError(file, (validate.errors ?? []).map(describe));
  const cfg = resolved as Omit<Config, 'file'>;
  const semantic: string[] = [];
  const siteIds = new Set<string>();
  cfg.sites.forEach((s, i) => {
    if (siteIds.has(s.id)) semantic.push(`/sites/${i}/id: duplicate site id "${s.id}"`);
    siteIds.add(s.id);
  });
  const accountIds = new Set<string>();
  cfg.accounts.forEach((a, i) => {
    if (accountIds.has(a.id)) semantic.push(`/accounts/${i}/id: duplicate account id "${a.id}"`);
    accountIds.add(a.id);
    if (a.site !== undefined && !siteIds.has(a.site)) semantic.push(`/accounts/${i}/site: no site with id "${a.site}"`);
  });
  cfg.pipelines.forEach((p, i) => {
    if (p.source.account !== undefined && !accountIds.has(p.source.account)) semantic.push(`/pipelines/${i}/source/account: no account with id "${p.source.account}"`);
    if (!siteIds.has(p.site)) semantic.push(`/pipelines/${i}/site: no site with id "${p.site}"`);
    p.sinks.forEach((s, j) => {
      if (!cfg.sinks[s]) semantic.push(`/pipelines/${i}/sinks/${j}: no sink named "${s}"`);
      else if (isIssueSink(cfg.sinks[s]!)) semantic.push(`/pipelines/${i}/sinks/${j}: "${s}" is an issue sink; issues reach it through /issues/routing by duty`);
    });
    const kinds = SOURCE_KINDS.filter((k) => (p.source as unknown as Record<string, unknown>)[k] !== undefined);
    if (kinds.length !== 1) semantic.push(`/pipelines/${i}/source: needs exactly one of ${SOURCE_KINDS.join(', ')} (has ${kinds.join(', ') || 'none'})`);
    if (p.source.candidates !== undefined && !p.source.lookalikes) semantic.push(`/pipelines/${i}/source/candidates: only a lookalikes source reads candidates`);
  });
  for (const [name, sink] of Object.entries(cfg.sinks)) {
    for (const need of SINK_NEEDS[sink.type]) if (sink[need] === undefined) semantic.push(`/sinks/${name}: type "${sink.type}" needs "${need}"`);
  }
  for (const [name, sink] of Object.entries(cfg.sinks)) {
    if (sink.type === 'local' && !cfg.evidence.dir) semantic.push(`/sinks/${name}: a local sink writes into the evidence ledger; set /evidence/dir`);
  }
  for (const [duty, route] of Object.entries(cfg.issues.routing)) {
    route.sinks.forEach((s, j) => {
      const sink = cfg.sinks[s];
      if (!sink) semantic.push(`/issues/routing/${duty}/sinks/${j}: no sink named "${s}"`);
      else if (!isIssueSink(sink)) semantic.push(`/issues/routing/${duty}/sinks/${j}: sink "${s}" is a report sink (${sink.type}); issues go to gitlab, gitea, local, wecom, dingtalk or feishu`);
    });
  }
  cfg.accounts.forEach((a, i) => {
    for (const [duty, route] of Object.entries(a.routing ?? {})) {
      route.sinks.forEach((s, j) => {
        const sink = cfg.sinks[s];
        if (!sink) semantic.push(`/accounts/${i}/routing/${duty}/sinks/${j}: no sink named "${s}"`);
        else if (!isIssueSink(sink)) semantic.push(`/accounts/${i}/routing/${duty}/sinks/${j}: sink "${s}" is a report sink (${sink.type})`);
      });
    }
    if (a.routing) (cfg.issues.siteRouting ??= {})[accountSiteId(a.id)] = a.routing;
  });
  cfg.issues.drillRouting?.sinks.forEach((s, j) => {
    const sink = cfg.sinks[s];
    if (!sink) semantic.push(`/issues/drillRouting/sinks/${j}: no sink named "${s}"`);
    else if (!isIssueSink(sink)) semantic.push(`/issues/drillRouting/sinks/${j}: sink "${s}" is a report sink (${sink.type})`);
  });
  const tokenIds = new Set<string>();
  cfg.serve.tokens.forEach((t, i) => {
    if (t.token.length < MIN_TOKEN_LENGTH) semantic.push(`/serve/tokens/${i}/token: ${t.token ? `only ${t.token.length} characters` : 'empty'}; a token needs at least ${MIN_TOKEN_LENGTH} (e.g. \`openssl rand -hex 24\`)`);
    if (tokenIds.has(t.id)) semantic.push(`/serve/tokens/${i}/id: duplicate token id "${t.id}"`);
    tokenIds.add(t.id);
  });
  // A crawl tests these against every address it meets: one whose backtracking has no bound stalls it.
  const vet = (patterns: readonly string[] | undefined, at: string): void =>
    patterns?.forEach((p, j) => {
      const runaway = runawayPattern(p, '', 'addresses');
      if (runaway) semantic.push(`${at}/${j}: ${runaway}`);
    });
  for (const key of ['include', 'exclude'] as const) {
    vet(cfg.crawl[key], `/crawl/${key}`);
    cfg.sites.forEach((s, i) => vet(s.crawl?.[key], `/sites/${i}/crawl/${key}`));
  }
  if (!isTimeZone(cfg.timezone)) semantic.push(`/timezone: unknown time zone "${cfg.timezone}" (an IANA name such as Asia/Shanghai)`);
  if (semantic.length) throw new ConfigError(file, semantic);
  return { ...cfg, file };
}

/** Read the config file (explicit path, or the first candidate in `cwd`), or defaults if none. */
export function loadConfig(path: string | undefined, cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): Config {
  const file = path ? resolve(cwd, path) : CONFIG_CANDIDATES.map((c) => resolve(cwd, c)).find((c) => existsSync(c));
  if (!file) return parseConfig({}, '(defaults)', env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, [`cannot read: ${(e as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new ConfigError(file, [`not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(e as Error).message}`]);
  }
  return parseConfig(raw, file, env);
}

/** The effective crawl settings for a site: global defaults, then the site's overrides. */
export function crawlSettingsFor(cfg: Config, site?: SiteConfig): CrawlSettings {
  return { ...cfg.crawl, ...(site?.crawl ?? {}) };
}
