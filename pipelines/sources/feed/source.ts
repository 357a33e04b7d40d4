/**
 * A government account's posts, read through its feed (RSSHub for WeChat, Weibo, Douyin and
 * Bilibili; a platform's JSON export; any RSS, Atom or JSON Feed), from a URL or a file. Each post
 * becomes a page with the time it claims; a post that carries only a summary has its article fetched
 * (when configured, with robots.txt honoured). Posts seen before with the same content are not
 * checked again. The account's facts (its last post, how many) go to the account rules.
 *
 * A feed that cannot be read makes the run failed, never clean: newmedia.stale is then not judged.
 */
import { createHash } from 'node:crypto';
import { escapeUTF8 } from 'entities';
import { readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Agent } from 'undici';
import type { AccountFacts, Clock, Logger, MenuCheck } from '../../../checks/types';
import { createPage } from '../../../checks/page';
import { decodeBody } from '../charset';
import { createAgent, fetchOnce, FetchError, type FetchLimits, type HttpResponse } from '../fetch';
import { parseRetryAfter } from '../politeness';
import { decide, RobotsFiles, type RobotsFile } from '../robots';
import { sizeText } from '../size-text';
import type { Source, SourceItem } from '../source';
import type { Store } from '../../store/store';
import { parseFeed, type FeedFormat, type FeedItem } from './parse';
import type { MenuEntry } from './menu';
import { looksLikeErrorPage, titleOf } from '../../links/soft-404';
import { attachmentKind, extractLinks, isImageUrl } from '../links';
import { documentItems } from '../extract';
import { sha256Hex } from '../../../checks/page';
import { feedItemsSeen, recordFeedItem } from '../../store/feeds';

export interface FeedAccount {
  id: string;
  platform: string;
  name: string;
  staleDays: number;
}

export interface FeedSourceOptions {
  /** A feed URL or a file. */
  input: string;
  siteId: string;
  account: FeedAccount;
  clock: Clock;
  log: Logger;
  store?: Store;
  agent?: Agent;
  limits: FetchLimits;
  userAgent: string;
  productToken: string;
  format?: FeedFormat;
  /** Fetch the article of a post that carries only a summary. */
  fetchArticles: boolean;
  /** The account's menu links, checked each run (newmedia.dead-menu). */
  menu?: MenuEntry[];
  /** Read a post's pictures by OCR, as a crawl with `ocrImages` reads a page's (scanned 公示 lists). */
  ocrImages: boolean;
  /** Attachments of a post (enclosures, links to files) are read up to this size, as a crawl reads them. */
  maxAttachmentBytes: number;
  /** 429 and 503 answers are retried this many times, after Retry-After (capped at maxBackoffMs). */
  retries: number;
  maxBackoffMs: number;
  /** The crawl's gap between two requests to one origin (articles, menu links and files of one platform). */
  minIntervalMs: number;
  /** The run's rules (ruleSignature): a post is passed over only when a run with the same rules checked it as it is now. */
  rules: string;
  signal?: AbortSignal;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** Same post, same content (the title, the date and the body as the feed gives them), checked by the same rules. */
function checkedHash(it: FeedItem, rules: string): string {
  return createHash('sha256').update(`${it.title}\u0000${it.rawDate ?? ''}\u0000${it.html}\u0000${rules}`).digest('hex').slice(0, 32);
}

export class FeedSource implements Source {
  readonly description: string;
  private read = false;
  private failed = false;
  /** robots.txt by origin, for this read's agent. */
  private robots?: RobotsFiles;
  /** When the next request to each origin may start. */
  private readonly nextAt = new Map<string, number>();

  constructor(private readonly o: FeedSourceOptions) {
    this.description = `feed ${o.input} (account ${o.account.id})`;
  }

  complete(): boolean {
    return this.read;
  }

  unread(): boolean {
    return this.failed;
  }

  async *items(): AsyncIterable<SourceItem> {
    const { o } = this;
    const agent = o.agent ?? createAgent({ connectionsPerOrigin: 2, limits: o.limits });
    this.robots = undefined;
    try {
      let body: { bytes: Buffer; contentType?: string; fetchedAt: string };
      try {
        body = await this.readInput(agent);
      } catch (e) {
        const fe = e as { code?: string; message: string; status?: number };
        this.failed = true;
        yield { kind: 'error', error: { input: o.input, code: fe.code ?? 'feed-unreadable', message: `feed not read: ${fe.message}`, ...(fe.status ? { status: fe.status } : {}) } };
        return;
      }
      const decoded = decodeBody(body.bytes, body.contentType, 'utf-8');
      const feed = parseFeed(o.input, decoded.text, o.format);
      for (const error of feed.errors) yield { kind: 'error', error };
      if (feed.items.length === 0 && feed.errors.some((e) => e.record === undefined)) {
        this.failed = true;
        return;
      }

      if (feed.items.length === 0 && !feed.errors.length) {
        yield { kind: 'error', error: { input: o.input, code: 'feed-empty', message: 'the feed has no items: the account has never posted, or the feed service could not read it; 更新 not judged' } };
      }
      const now = o.clock.now().getTime();
      const seen = o.store ? feedItemsSeen(o.store, o.account.id) : new Map<string, string>();
      let last: string | undefined;
      let undated = 0;
      let fresh = 0;
      for (const it of feed.items) {
        if (o.signal?.aborted) return;
        if (!it.publishedAt) {
          undated++;
          yield { kind: 'error', error: { input: o.input, record: it.index, field: 'pubDate', code: 'feed-no-date', message: `item ${it.index} (${it.title.slice(0, 40) || it.guid.slice(0, 40)}) has ${it.rawDate ? `a date that cannot be read: "${it.rawDate.slice(0, 40)}"` : 'no publication date'}; checked, but not counted as a post for 更新 (freshness)` } };
        } else if (Date.parse(it.publishedAt) <= now + 86_400_000 && (!last || it.publishedAt > last)) {
          // A post dated in the future is dates.future's; it does not make the account look updated.
          last = it.publishedAt;
        }
        const hash = checkedHash(it, o.rules);
        if (seen.get(it.guid) === hash) continue;
        fresh++;
        const page = await this.pageOf(agent, it, body.fetchedAt);
        // Enclosures, and files the post links (a 通知 with its 附件).
        const linked = extractLinks(it.html, it.link && isUrl(it.link) ? it.link : page.url);
        const files = new Set([
          ...it.attachments,
          ...linked.filter((l) => l.kind === 'attachment' || (o.ocrImages && l.kind === 'resource' && isImageUrl(l.url))).map((l) => l.url),
        ]);
        for (const url of files) yield* this.attachment(agent, url, page.url);
        const store = o.store;
        yield { kind: 'page', page, ack: () => store && recordFeedItem(store, o.account.id, it.guid, hash, o.clock.now().toISOString()) };
      }
      const menu = o.menu ? await this.checkMenu(agent, o.menu) : undefined;
      const facts: AccountFacts = {
        id: o.account.id, platform: o.account.platform, name: o.account.name, staleDays: o.account.staleDays,
        posts: feed.items.length, undated, checked: fresh, ...(last ? { lastPostAt: last } : {}), feed: o.input, ...(menu ? { menu } : {}),
      };
      yield { kind: 'account', account: facts };
      this.read = true;
    } finally {
      if (!o.agent) await agent.close();
    }
  }

  private async readInput(agent: Agent): Promise<{ bytes: Buffer; contentType?: string; fetchedAt: string }> {
    const { o } = this;
    if (!isUrl(o.input)) {
      const size = statSync(o.input).size;
      if (size > o.limits.maxBodyBytes) throw new FetchError('too-large', `${sizeText(size)} exceeds the ${sizeText(o.limits.maxBodyBytes)} cap (crawl.maxBodyBytes)`, o.input);
      return { bytes: readFileSync(o.input), fetchedAt: o.clock.now().toISOString() };
    }
    const res = await this.get(agent, o.input, o.limits.maxBodyBytes);
    if (res.status >= 400) throw { code: `http-${res.status}`, message: `HTTP ${res.status}`, status: res.status };
    return { bytes: res.body, contentType: res.headers['content-type'], fetchedAt: res.fetchedAt };
  }

  /** GET with the crawler's limits; a 429 or 503 waits as the server asks (capped) and tries again. */
  private async get(agent: Agent, url: string, maxBodyBytes?: number): Promise<HttpResponse> {
    const { o } = this;
    for (let attempt = 0; ; attempt++) {
      const origin = new URL(url).origin;
      const at = Math.max(Date.now(), this.nextAt.get(origin) ?? 0);
      this.nextAt.set(origin, at + o.minIntervalMs);
      if (at > Date.now()) await new Promise((r) => setTimeout(r, at - Date.now()));
      const res = await fetchOnce(agent, { url, headers: { 'user-agent': o.userAgent, accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml, text/xml, */*;q=0.5' }, limits: o.limits, ...(maxBodyBytes ? { maxBodyBytes } : {}) });
      // The gap also runs from the answer's end: a slow first connection would otherwise bring the
      // next request to the server sooner than the gap (the server sees arrivals, not our clock).
      this.nextAt.set(origin, Math.max(this.nextAt.get(origin) ?? 0, Date.now() + o.minIntervalMs));
      if ((res.status !== 429 && res.status !== 503) || attempt >= o.retries) return res;
      const wait = Math.min(parseRetryAfter(res.headers['retry-after']) ?? 1000 * 2 ** attempt, o.maxBackoffMs);
      o.log.info({ url, status: res.status, waitMs: wait }, 'feed server asks to wait');
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  private async pageOf(agent: Agent, it: FeedItem, fetchedAt: string) {
    const { o } = this;
    const url = it.link && isUrl(it.link) ? it.link : `${isUrl(o.input) ? o.input : pathToFileURL(o.input).href}#${encodeURIComponent(it.guid)}`;
    let source = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeUTF8(it.title)}</title></head><body><h1>${escapeUTF8(it.title)}</h1>${it.html}${it.attachments.map((a) => `<p><a href="${escapeUTF8(a)}">附件</a></p>`).join('')}</body></html>`;
    let status = 200;
    if (o.fetchArticles && it.summaryOnly && it.link && isUrl(it.link)) {
      const article = await this.article(agent, it.link);
      if (article) ({ source, status } = article);
    }
    return createPage({
      siteId: o.siteId, url, fetchedAt, status, contentType: 'html', source, origin: 'feed',
      claims: { id: it.guid, title: it.title, ...(it.author ? { author: it.author } : {}), ...(it.publishedAt ? { publishedAt: it.publishedAt } : {}) },
    });
  }

  /** Each menu link once: does it open, and is what opens a page that says it is missing? */
  private async checkMenu(agent: Agent, menu: readonly MenuEntry[]): Promise<MenuCheck[]> {
    const out: MenuCheck[] = [];
    for (const m of menu) {
      if (this.o.signal?.aborted) break;
      const origin = new URL(m.url).origin;
      if (!decide(await this.robotsOf(agent, origin), m.url, this.o.productToken).allowed) {
        out.push({ ...m, error: 'robots' });
        continue;
      }
      try {
        const res = await this.get(agent, m.url, 512 * 1024);
        const html = /html/i.test(res.headers['content-type'] ?? '') ? decodeBody(res.body, res.headers['content-type']).text : '';
        const text = () => createPage({ siteId: 'menu', url: m.url, fetchedAt: res.fetchedAt, contentType: 'html', source: html, origin: 'feed' }).text.text;
        const soft404 = res.status < 300 && html !== '' && looksLikeErrorPage({ url: m.url, finalUrl: m.url, redirected: false, title: titleOf(html), text }, undefined);
        out.push({ ...m, status: res.status, ...(soft404 ? { soft404 } : {}) });
      } catch (e) {
        out.push({ ...m, error: (e as { code?: string }).code ?? 'network' });
      }
    }
    return out;
  }

  private robotsOf(agent: Agent, origin: string): Promise<RobotsFile> {
    this.robots ??= new RobotsFiles((url) => this.get(agent, url, 256 * 1024));
    return this.robots.of(origin);
  }

  /** A file a post carries (a 通知's .docx, a 名单's .xlsx), read as the crawler reads attachments. */
  private async *attachment(agent: Agent, url: string, post: string): AsyncIterable<SourceItem> {
    const kind = attachmentKind(url) ?? (isImageUrl(url) ? 'image' : undefined);
    if (!isUrl(url) || !kind) return;
    try {
      const res = await this.get(agent, url, this.o.maxAttachmentBytes);
      if (res.status >= 400) {
        yield { kind: 'error', error: { input: url, code: `http-${res.status}`, message: `attachment of ${post} not read: HTTP ${res.status}`, status: res.status } };
        return;
      }
      yield* await documentItems({ siteId: this.o.siteId, url, linkedFrom: post, kind, fetchedAt: res.fetchedAt, status: res.status, headers: res.headers, bytes: res.body, sha256: sha256Hex(res.body), parts: [] });
    } catch (e) {
      const fe = e as { code?: string; message: string };
      yield { kind: 'error', error: { input: url, code: fe.code ?? 'network', message: `attachment of ${post} not read: ${fe.message}` } };
    }
  }

  /** The post's own page, when robots.txt allows; the summary stands in when it cannot be had. */
  private async article(agent: Agent, url: string): Promise<{ source: string; status: number } | undefined> {
    if (!decide(await this.robotsOf(agent, new URL(url).origin), url, this.o.productToken).allowed) return undefined;
    try {
      const res = await this.get(agent, url);
      if (res.status >= 400 || !/html/i.test(res.headers['content-type'] ?? 'text/html')) return undefined;
      return { source: decodeBody(res.body, res.headers['content-type']).text, status: res.status };
    } catch (e) {
      this.o.log.warn({ url, err: (e as Error).message }, 'article of a feed item not fetched; its summary is checked');
      return undefined;
    }
  }
}
