/**
 * Government new-media accounts as runs: one account, one feed, one run under the account's own
 * site id (`account-<id>`), so its findings, issues and history never mix with the owner site's
 * crawl. The owner site's identity (name, 网站标识码) comes along for the wording and identity rules.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { Check } from '../checks/types';
import type { AccountConfig, Config } from './config';
import { crawlConfigFor, resolveSite, runAndFile, siteFromConfig, UsageError, type JobContext } from './jobs';
import type { RunResult } from './run';
import { accountSiteId } from './account-site';
import { FeedSource, type FeedAccount } from './sources/feed/source';
import { ruleSignature } from '../checks/registry';
import { sniffFeed, type FeedFormat } from './sources/feed/parse';
import { readMenuExport, type MenuEntry } from './sources/feed/menu';
import { dirname, resolve } from 'node:path';

export const DEFAULT_STALE_DAYS = 14;

/** A URL that names a feed (an RSSHub route, `/feed`, `.xml`, `feed.json`), for `ingest` without `--type`. */
export function looksLikeFeed(input: string): boolean {
  if (/^https?:\/\//i.test(input)) {
    if (/\.git\/?$/i.test(input)) return false;
    const u = new URL(input);
    return /rsshub/i.test(u.hostname) || /\.(?:xml|rss|atom)$|\/(?:feed|rss|atom)(?:\/|\.json)?$|feed\.json$/i.test(u.pathname);
  }
  // A pipe or FIFO is read once: its start, read here, would be lost to the export reader.
  if (!statSync(input, { throwIfNoEntry: false })?.isFile()) return false;
  const fd = openSync(input, 'r');
  try {
    const head = Buffer.alloc(2048);
    const n = readSync(fd, head, 0, head.length, 0);
    return sniffFeed(head.subarray(0, n).toString('utf8')) !== undefined;
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

function accountOf(config: Config, id: string | undefined, input: string | undefined): AccountConfig {
  const conf = id ? config.accounts.find((a) => a.id === id) : config.accounts.find((a) => a.feed === input);
  if (conf) return conf;
  if (!input) throw new UsageError(id ? `no account "${id}" in accounts[] of the configuration, and no feed named` : 'ingest --type feed needs a feed URL or file, or --account ID of a configured account');
  // An account met on the command line: named after its feed, judged with the default threshold.
  const derived = id ?? input.replace(/^https?:\/\//i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return { id: derived, platform: 'other', name: derived, feed: input, staleDays: DEFAULT_STALE_DAYS, fetchArticles: false };
}

/** The configured menu, or the platform's export of it; an unreadable export is a usage error naming the file. */
function menuOf(config: Config, a: AccountConfig): MenuEntry[] | undefined {
  if (a.menu) return a.menu;
  if (!a.menuFile) return undefined;
  const base = config.file.startsWith('(') ? process.cwd() : dirname(config.file);
  try {
    return readMenuExport(resolve(base, a.menuFile));
  } catch (e) {
    throw new UsageError(`accounts ${a.id}: ${(e as Error).message}`);
  }
}

export interface FeedOptions {
  account?: string;
  format?: FeedFormat;
}

export async function ingestFeed(ctx: JobContext, input: string | undefined, checks: readonly Check[], o: FeedOptions = {}): Promise<RunResult> {
  const a = accountOf(ctx.config, o.account, input);
  const owner = a.site ? ctx.config.sites.find((s) => s.id === a.site) : undefined;
  const site = { ...(owner ? siteFromConfig(owner) : resolveSite(ctx.config, undefined).site), id: accountSiteId(a.id), name: a.name, urls: [] };
  const crawl = crawlConfigFor(ctx.config, site, owner);
  const account: FeedAccount = { id: a.id, platform: a.platform, name: a.name, staleDays: a.staleDays };
  const format = o.format ?? a.format;
  const menu = menuOf(ctx.config, a);
  const source = new FeedSource({
    input: input ?? a.feed, siteId: site.id, account, clock: ctx.clock, log: ctx.log, store: ctx.store, ...(ctx.agent ? { agent: ctx.agent } : {}),
    limits: crawl.limits, userAgent: crawl.userAgent, productToken: crawl.productToken, fetchArticles: a.fetchArticles, maxAttachmentBytes: crawl.maxAttachmentBytes, ocrImages: crawl.ocrImages === true,
    retries: crawl.retries, maxBackoffMs: crawl.politeness.maxBackoffMs, minIntervalMs: crawl.politeness.minIntervalMs, rules: ruleSignature(checks), ...(menu ? { menu } : {}), ...(format ? { format } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  return runAndFile(ctx, source, { command: 'ingest', site, checks, ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}) });
}
