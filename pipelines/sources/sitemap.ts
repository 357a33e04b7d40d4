/**
 * Sitemaps as crawl *seeds* (never as an allow-list): indexes, gzip by magic bytes (not by
 * extension: servers mislabel .xml.gz both ways), text sitemaps, and the GBK declarations some
 * government CMSs emit.
 */
import { gunzipSync } from 'node:zlib';
import { LinearParser } from '../../checks/text/parse-html';
import type { Logger } from '../../checks/types';
import type { HttpResponse } from './fetch';
import { decodeBody } from './charset';

export interface SitemapUrl {
  loc: string;
  lastmod?: string;
}

/** Per the sitemaps protocol: 50 MB uncompressed per file. */
const MAX_UNCOMPRESSED = 50 * 1024 * 1024;
const MAX_FILES = 50;

export function parseSitemap(text: string): { urls: SitemapUrl[]; sitemaps: string[] } {
  const urls: SitemapUrl[] = [];
  const sitemaps: string[] = [];
  if (!/^\s*</.test(text)) {
    // Text sitemap: one URL a line.
    for (const line of text.split(/\r?\n/)) if (/^https?:\/\//i.test(line.trim())) urls.push({ loc: line.trim() });
    return { urls, sitemaps };
  }
  let container: 'url' | 'sitemap' | undefined;
  let field: 'loc' | 'lastmod' | undefined;
  let cur: SitemapUrl = { loc: '' };
  const parser = new LinearParser(
    {
      onopentag(name) {
        const n = name.replace(/^.*:/, '');
        if (n === 'url' || n === 'sitemap') {
          container = n;
          cur = { loc: '' };
        } else if (container && (n === 'loc' || n === 'lastmod')) field = n;
      },
      ontext(t) {
        if (field === 'loc') cur.loc += t;
        else if (field === 'lastmod') cur.lastmod = (cur.lastmod ?? '') + t;
      },
      onclosetag(name) {
        const n = name.replace(/^.*:/, '');
        if (n === 'loc' || n === 'lastmod') field = undefined;
        else if (n === container) {
          const loc = cur.loc.trim();
          if (loc) {
            if (container === 'url') urls.push({ loc, lastmod: cur.lastmod?.trim() });
            else sitemaps.push(loc);
          }
          container = undefined;
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  return { urls, sitemaps };
}

export async function readSitemaps(
  start: string[],
  budget: number,
  fetch: (url: string) => Promise<HttpResponse | undefined>,
  log: Logger,
): Promise<SitemapUrl[]> {
  const out: SitemapUrl[] = [];
  const todo = [...start];
  const seen = new Set<string>();
  while (todo.length && seen.size < MAX_FILES && out.length < budget) {
    const url = todo.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    let res: HttpResponse | undefined;
    try {
      res = await fetch(url);
    } catch (e) {
      log.info({ url, err: (e as Error).message }, 'sitemap not fetched');
      continue;
    }
    if (!res || res.status !== 200) continue;
    let body = res.body;
    try {
      if (body[0] === 0x1f && body[1] === 0x8b) body = gunzipSync(body, { maxOutputLength: MAX_UNCOMPRESSED });
    } catch (e) {
      log.warn({ url, err: (e as Error).message }, 'sitemap gzip unreadable');
      continue;
    }
    const { text } = decodeBody(body, res.headers['content-type']);
    const parsed = parseSitemap(text);
    for (const s of parsed.sitemaps) todo.push(s);
    for (const u of parsed.urls) {
      if (out.length >= budget) break;
      out.push(u);
    }
  }
  return out;
}
