/**
 * Soft 404s: a missing page that answers 200. Each host's own error page is learnt by asking for
 * an address that cannot exist; a link whose page reads like it (the same lines, bar the address
 * and numbers it echoes), whose title says 页面不存在 / 404, or that was redirected where a missing
 * page is redirected (often the homepage) is as broken as a 404.
 */
import { randomBytes } from 'node:crypto';
import type { HttpResponse } from '../sources/fetch';
import { decodeBody } from '../sources/charset';
import { createPage } from '../../checks/page';
import { firstText } from '../../checks/text/tag-pattern';

export interface ErrorPage {
  /** Where a missing page ends up after redirects (the homepage, an error page). */
  finalUrl: string;
  redirected: boolean;
  /** Character trigrams of its visible text, addresses and numbers removed. */
  grams: Set<string>;
  /** Its lines of visible text, addresses and numbers removed. */
  lines: Set<string>;
}

export interface PageSeen {
  url: string;
  finalUrl: string;
  redirected: boolean;
  title: string;
  /** Its markup, when at hand: a page whose markup has no word of a gone notice has none in its text, which is then not parsed for one. */
  html?: string;
  /** Its visible text, asked for only when the title and redirects do not decide (it needs the page parsed). */
  text: () => string;
}

/**
 * Titles that say the page is missing. A bare 404 counts only standing alone (“404”, “404_某某市人民政府”,
 * “出错啦！404”): inside a name or a number it is one (第404篇, 国务院令第404号, G4045国道, 404路公交),
 * and an article so titled is no error page.
 */
const MISSING = /页面不存在|页面未找到|您(?:所)?访问的页面(?:不存在|已删除|找不到)|找不到(?:该|此|您要的)?页面|文件不存在|信息不存在|已被删除|(?<![\p{L}\p{N}])404(?![\p{L}\p{N}])|404\s*(?:not\s*found|错误|页面|error)|(?:错误|error)\s*[:：-]?\s*404(?!\p{N})|not\s*found|page\s+(?:not\s+found|does\s+not\s+exist)/iu;
/**
 * A line of a page that says what was asked for is gone: 该信息已撤稿, 文章不存在或已删除, 抱歉，您访问的信息已过期.
 * A CMS answers a withdrawn article's address so, under the site's own title and with 200, while an
 * address that never existed gets a true 404: the host's error page then teaches nothing.
 */
const GONE_LINE = /^(?:抱歉|对不起|sorry)?[，,！!。\s]*(?:该|此|本|您(?:所)?(?:要)?(?:访问|查看|浏览|查找)的)?(?:页面|信息|文章|内容|稿件|新闻|文件|记录|数据)(?:不存在|已(?:被)?(?:删除|撤稿|撤销|撤回|下线|过期|失效|移除))/iu;
/** The words every gone notice has: most pages' markup has none, and their text need not be read for one. */
const GONE_WORDS = /不存在|已(?:被)?(?:删除|撤稿|撤销|撤回|下线|过期|失效|移除)/;
/** The notice is a line of its own, not a sentence of an article about removed pages. */
const NOTICE_LINE = 40;
/** What may follow the notice on its line: nothing, punctuation, or more of it (或已删除, 3秒后返回首页). */
const NOTICE_TAIL = /^(?:$|[，,！!。.；;、\s]|或)/;

function isGoneNotice(line: string): boolean {
  const l = line.trim();
  if (l.length > NOTICE_LINE) return false;
  const m = GONE_LINE.exec(l);
  return !!m && NOTICE_TAIL.test(l.slice(m[0].length));
}
const SIMILAR = 0.85;
/** A link to the homepage that redirects to it (http → https, / → /index.html) is no missing page. */
const HOME_PATH = /^\/(?:index\.\w+|default\.\w+)?$/i;

export function probeUrl(origin: string): string {
  return `${origin}/xunjian-missing-${randomBytes(6).toString('hex')}.html`;
}

/** The page's title, when it has one of at most 300 characters. */
export function titleOf(html: string): string {
  const t = firstText(html, 'title');
  return t !== undefined && t.length <= 300 ? t.trim() : '';
}

/** A run of the characters addresses are written in, or of white space. */
const RUN = /[\w\-./%?=&:#~+]+|\s+/g;

/**
 * Addresses and numbers out: an error page echoes the address asked for, and may show the time. A
 * run with a dot or a slash is an address; a run without keeps all but its digits. (One pattern
 * for "a run with a dot or slash in it", tried from every character of a long run with neither,
 * was quadratic: 40,000 letters in a page's text, 1.3 s; the same strings come out of this.)
 */
function bare(text: string): string {
  return text.replace(RUN, (m) => (/[/.]/.test(m) || /^\s/.test(m) ? '' : m.replace(/\d+/g, '')));
}

function grams(text: string): Set<string> {
  const t = bare(text).slice(0, 3000);
  const out = new Set<string>();
  for (let i = 0; i + 3 <= t.length; i++) out.add(t.slice(i, i + 3));
  return out;
}

function linesOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const b = bare(line);
    if (b.length >= 2) out.add(b);
  }
  return out;
}

/** Whether every line of `a` is one of `b`'s. */
function within(a: Set<string>, b: Set<string>): boolean {
  for (const line of a) if (!b.has(line)) return false;
  return true;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let both = 0;
  for (const g of a) if (b.has(g)) both++;
  return both / (a.size + b.size - both);
}

/** Each host's error page, learnt once per origin through the caller's own fetching (its robots, limits, redirects). */
export class ErrorPages {
  private readonly byOrigin = new Map<string, Promise<ErrorPage | undefined>>();

  constructor(private readonly fetchFollowing: (url: string) => Promise<{ res: HttpResponse; finalUrl: string } | undefined>) {}

  of(origin: string): Promise<ErrorPage | undefined> {
    let p = this.byOrigin.get(origin);
    if (!p) {
      p = errorPageOf(probeUrl(origin), this.fetchFollowing).catch(() => undefined);
      this.byOrigin.set(origin, p);
    }
    return p;
  }
}

/** The host's answer to an address that cannot exist; undefined when it answers 404 as it should. */
async function errorPageOf(probe: string, fetchFollowing: (url: string) => Promise<{ res: HttpResponse; finalUrl: string } | undefined>): Promise<ErrorPage | undefined> {
  const got = await fetchFollowing(probe);
  if (!got || got.res.status >= 300) return undefined;
  const source = decodeBody(got.res.body, got.res.headers['content-type']).text;
  const text = createPage({ siteId: 'probe', url: got.finalUrl, fetchedAt: got.res.fetchedAt, contentType: 'html', source, origin: 'crawl' }).text.text;
  return errorPageFrom(text, got.finalUrl, got.finalUrl !== probe);
}

/** An error page as learnt from its visible text. */
export function errorPageFrom(text: string, finalUrl: string, redirected: boolean): ErrorPage {
  return { finalUrl, redirected, grams: grams(text), lines: linesOf(text) };
}

export function looksLikeErrorPage(page: PageSeen, errorPage: ErrorPage | undefined): boolean {
  // A title that says so, or a line of its own, on a page with little else to say.
  if (MISSING.test(page.title) && page.text().length < 2000) return true;
  if (page.html === undefined || GONE_WORDS.test(page.html)) {
    const said = page.text();
    if (said.length < 2000 && said.split('\n').some(isGoneNotice)) return true;
  }
  if (!errorPage) return false;
  // Redirected where a missing page is redirected, though the link asked for something else.
  if (errorPage.redirected && page.redirected && page.finalUrl === errorPage.finalUrl && page.url !== errorPage.finalUrl && !HOME_PATH.test(new URL(page.url).pathname)) return true;
  if (errorPage.redirected) return false;
  // Read like the error page, and say nothing it does not: on a site whose template (navigation,
  // footer) outweighs a short page, a one-line notice or an attachment-only page reads 85–90% like
  // the error page by trigrams alone — its own title and lines are what set it apart.
  const text = page.text();
  if (jaccard(grams(text), errorPage.grams) < SIMILAR) return false;
  const lines = linesOf(text);
  return within(lines, errorPage.lines) && within(errorPage.lines, lines);
}
