/**
 * Lists the common CMS templates leave for a script to finish, on loopback sites:
 * - 大汉 (Hanweb) jpage: homepage and columns list their articles only as datastore records for a
 *   script to render. The crawl must reach the articles through them, and the homepage is dated by
 *   them — not "首页信息均未标注发布时间" (a critical 首页不更新) for a site updated three days ago.
 * - TRS WCM: a column's later pages (index_1.html …) exist only as numbers `createPageHTML` writes;
 *   the crawl must reach the older articles listed there.
 */
import { startLoopback } from '../helpers/loopback';
import { scanSite } from '../helpers/scan-site';
import { collect, crawlConfig } from '../helpers/crawl-config';
import { testStore } from '../helpers/test-store';
import { CrawlSource } from '../../pipelines/sources/crawl';
import { silentLogger } from '../../pipelines/log';

const ARTICLES = [
  ['/art/2026/11/28/art_123_456789.html', '示范市召开政府常务会议', '2026-11-28'],
  ['/art/2026/11/25/art_123_456788.html', '市领导调研重点项目建设', '2026-11-25'],
  ['/art/2026/11/20/art_124_456700.html', '关于开展冬季安全生产检查的通知', '2026-11-20'],
] as const;

function jpage(unit: string, items: readonly (readonly [string, string, string])[]): string {
  return `<div id="${unit}"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=1&columnid=123&unitid=${unit}&permissiontype=0"></a>]]></nextgroup>
<recordset>${items.map(([href, title, day]) => `
<record><![CDATA[
<li><a href="${href}" target="_blank" title="${title}">${title}</a><span class="date">${day}</span></li>
]]></record>`).join('')}
</recordset></datastore></script><script src="/module/jslib/jquery/jpage/jquery.page.min.js"></script>
<script>$(document).ready(function(){ $('#${unit}').jpage({ dataStore: dataStore, perPage: 15, totalRecord: ${items.length} }); });</script></div>`;
}

const shell = (title: string, body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/col/col123/index.html">政务动态</a><a href="/col/col124/index.html">通知公告</a></div>${body}
<div class="footer">主办：示范市人民政府办公室 网站标识码：4501000001 桂ICP备05001234号-1</div></body></html>`;

describe('a portal whose lists are datastores', () => {
  it('is crawled to its articles and its homepage is dated', async () => {
    const srv = await startLoopback((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      const url = req.url ?? '/';
      if (url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
      if (url.endsWith('.js')) return res.writeHead(200, { 'content-type': 'application/javascript' }).end('/* jpage */');
      if (url === '/') return res.end(shell('示范市人民政府', `<h3>政务动态</h3>${jpage('4567890', ARTICLES.slice(0, 2))}<h3>通知公告</h3>${jpage('4567891', ARTICLES.slice(2))}`));
      if (url === '/col/col123/index.html') return res.end(shell('政务动态_示范市人民政府', jpage('4567892', ARTICLES.slice(0, 2))));
      if (url === '/col/col124/index.html') return res.end(shell('通知公告_示范市人民政府', jpage('4567893', ARTICLES.slice(2))));
      const a = ARTICLES.find(([href]) => href === url);
      if (a) return res.end(shell(`${a[1]}_示范市人民政府`, `<h1>${a[1]}</h1><div class="info">发布时间：${a[2]} 10:00</div><p>${a[1]}。各单位要认真贯彻落实。</p>`));
      res.writeHead(404).end('not here');
    });
    try {
      const r = await scanSite(srv.origin, ['health', 'links'], { now: '2026-12-01T02:00:00Z' });
      expect(r.summary.status).toBe('complete');
      const crawled = new Set(r.pages.map((p) => new URL(p.url).pathname));
      for (const [href] of ARTICLES) expect(crawled.has(href)).toBe(true);
      expect(r.findings.filter((f) => f.rule === 'health.homepage-stale' || f.rule === 'health.stale-columns' || f.rule === 'links.broken')).toEqual([]);
    } finally {
      await srv.close();
    }
  }, 60_000);
});

describe('a column whose page numbers a script writes', () => {
  it('is crawled through its later pages to its older articles', async () => {
    const PAGES = 3;
    const article = (p: number, k: number) => `/zwgk/tzgg/${p}${k}.html`;
    const srv = await startLoopback((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      const url = req.url ?? '/';
      if (url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
      if (url === '/') return res.end(shell('示范市人民政府', '<a href="/zwgk/tzgg/index.html">通知公告</a>'));
      const m = /^\/zwgk\/tzgg\/index(?:_(\d+))?\.html$/.exec(url);
      if (m) {
        const p = Number(m[1] ?? 0);
        if (p >= PAGES) return res.writeHead(404).end();
        const items = [0, 1].map((k) => `<li><a href="${article(p, k)}">通知${p}${k}</a><span>2026-11-${20 - p * 2 - k}</span></li>`).join('');
        return res.end(shell('通知公告_示范市人民政府', `<ul>${items}</ul><div class="page"><script>var countPage = ${PAGES};var currentPage = ${p};createPageHTML(countPage, currentPage, "index", "html");</script></div>`));
      }
      if (/^\/zwgk\/tzgg\/\d\d\.html$/.test(url)) return res.end(shell('通知_示范市人民政府', '<h1>通知</h1><p>发布时间：2026-11-10 各单位要认真贯彻落实。</p>'));
      res.writeHead(404).end('not here');
    });
    try {
      const r = await scanSite(srv.origin, ['links'], { now: '2026-12-01T02:00:00Z' });
      expect(r.summary.status).toBe('complete');
      const crawled = new Set(r.pages.map((p) => new URL(p.url).pathname));
      for (let p = 0; p < PAGES; p++) for (const k of [0, 1]) expect(crawled.has(article(p, k))).toBe(true);
      // No page number past the last (index_3.html) was made up.
      expect(r.findings.filter((f) => f.rule === 'links.broken' && f.url.includes('/zwgk/'))).toEqual([]);
    } finally {
      await srv.close();
    }
  }, 60_000);
});

describe('a jpage column longer than the records its page carries', () => {
  const TOTAL = 40;
  const PER_PAGE = 5;
  const IN_PAGE = 15;
  const art = (n: number) => `/art/2026/10/${(n % 28) + 1}/art_200_${1000 + n}.html`;
  const record = (n: number) => `<record><![CDATA[<li><a href="${art(n)}" title="通知${n}">通知${n}</a><span>2026-10-${String((n % 28) + 1).padStart(2, '0')}</span></li>]]></record>`;
  const column = (proxy: string, shipped = IN_PAGE, unit = '7000200') => `<div id="${unit}"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="${proxy}?page=1&appid=1&webid=1&path=/&columnid=200&unitid=${unit}&permissiontype=0"></a>]]></nextgroup>
<recordset>${Array.from({ length: shipped }, (_, i) => record(i + 1)).join('')}</recordset></datastore></script>
<script>$(document).ready(function(){ $('#${unit}').jpage({ dataStore: dataStore, perPage: ${PER_PAGE}, totalRecord: ${TOTAL}, proxyUrl: '${proxy}' }); });</script></div>`;

  async function site(proxyAnswers: boolean) {
    const asked: string[] = [];
    const srv = await startLoopback((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      const u = new URL(req.url ?? '/', 'http://x');
      if (u.pathname === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
      // The homepage's teaser of the same column: one page shown, not paged from here.
      if (u.pathname === '/') return res.end(shell('示范市人民政府', `<a href="/col/col200/index.html">通知公告</a>${column('/module/web/jpage/dataproxy.jsp', PER_PAGE, '7000100')}`));
      if (u.pathname === '/col/col200/index.html') return res.end(shell('通知公告_示范市人民政府', column('/module/web/jpage/dataproxy.jsp')));
      if (u.pathname === '/module/web/jpage/dataproxy.jsp') {
        asked.push(`${u.searchParams.get('startrecord')}-${u.searchParams.get('endrecord')}/${u.searchParams.get('perpage')}:${u.searchParams.get('columnid')}`);
        if (!proxyAnswers) return res.writeHead(404).end('not here');
        const from = Number(u.searchParams.get('startrecord'));
        const to = Number(u.searchParams.get('endrecord'));
        const recs = Array.from({ length: to - from + 1 }, (_, i) => record(from + i)).join('');
        return res.writeHead(200, { 'content-type': 'text/xml;charset=UTF-8' }).end(`<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>${TOTAL}</totalrecord><recordset>${recs}</recordset></datastore>`);
      }
      if (/^\/art\//.test(u.pathname)) return res.end(shell('通知_示范市人民政府', '<h1>通知</h1><p>发布时间：2026-10-10 各单位要认真贯彻落实。</p>'));
      res.writeHead(404).end('not here');
    });
    return { srv, asked };
  }

  it('is crawled through the proxy in the page\u2019s groups to its oldest records, and the batches are no pages', async () => {
    const { srv, asked } = await site(true);
    try {
      const r = await scanSite(srv.origin, ['links'], { now: '2026-12-01T02:00:00Z' });
      expect(r.summary.status).toBe('complete');
      expect(asked.sort()).toEqual(['16-30/5:200', '31-40/5:200']);
      const crawled = new Set(r.pages.map((p) => new URL(p.url).pathname));
      for (let n = 1; n <= TOTAL; n++) expect(crawled.has(art(n))).toBe(true);
      expect(r.pages.some((p) => p.url.includes('dataproxy'))).toBe(false);
      expect(r.findings.filter((f) => f.rule === 'links.broken' && !/col12[34]/.test(f.url))).toEqual([]);
    } finally {
      await srv.close();
    }
  }, 60_000);

  it('files no broken link for a missing proxy in a crawl resumed after a kill either (the resumed frontier knows batches only by address)', async () => {
    const { srv } = await site(false);
    try {
      const store = testStore();
      const cfg = crawlConfig(`${srv.origin}/`, { concurrency: 1, sitemaps: false, checkResources: false });
      const stop = new AbortController();
      for await (const it of new CrawlSource(cfg, { store, log: silentLogger, signal: stop.signal }).items()) {
        if (it.kind !== 'page') continue;
        it.ack?.();
        // The column page queues the proxy batches; stop before they are asked for.
        if (it.page.url.endsWith('/col/col200/index.html')) stop.abort();
      }
      const resumed = await collect(new CrawlSource(cfg, { store, log: silentLogger }));
      const batches = resumed.filter((i) => i.kind === 'skipped' && i.url.includes('dataproxy'));
      expect(batches.length).toBeGreaterThan(0);
      expect(batches.every((i) => i.kind === 'skipped' && /list records not read/.test(i.reason))).toBe(true);
      expect(resumed.filter((i) => i.kind === 'error' && i.error.input.includes('dataproxy'))).toEqual([]);
    } finally {
      await srv.close();
    }
  }, 60_000);

  it('files no broken link when the proxy is not there: the address was ours, not the page\u2019s', async () => {
    const { srv } = await site(false);
    try {
      const r = await scanSite(srv.origin, ['links'], { now: '2026-12-01T02:00:00Z' });
      // The shell's own menu links to two columns this site lacks; nothing else may be broken.
      expect(r.findings.filter((f) => f.rule === 'links.broken').map((f) => new URL(f.url).pathname).sort()).toEqual(['/col/col123/index.html', '/col/col124/index.html']);
      const crawled = new Set(r.pages.map((p) => new URL(p.url).pathname));
      for (let n = 1; n <= IN_PAGE; n++) expect(crawled.has(art(n))).toBe(true);
    } finally {
      await srv.close();
    }
  }, 60_000);
});
