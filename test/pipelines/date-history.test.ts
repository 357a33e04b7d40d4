import { testStore } from '../helpers/test-store';
/**
 * Date forgery over a site's history: a loopback site is crawled once a week for several
 * simulated weeks (the clock is injected, the store keeps the history). A normal site raises no
 * dates or freshness finding; a site that backdates, re-posts and bulk-types dates is caught in
 * the crawl after it does so.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectChecks } from '../../checks/registry';
import { parseConfig } from '../../pipelines/config';
import { scan, type JobContext } from '../../pipelines/jobs';
import { silentLogger } from '../../pipelines/log';
import { startLoopback, type Loopback } from '../helpers/loopback';
import { KEPT_RUNS } from '../../pipelines/store/retention';
import type { Store } from '../../pipelines/store/store';

interface Article {
  id: number;
  day: string;
  time: string;
  body: string;
}

const DAY = 86_400_000;
const START = Date.parse('2026-03-02T02:00:00Z');
const dayOf = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 10);

function body(n: number): string {
  return `第${n}号稿件。示范市召开专题会议，研究部署第${n}项重点工作，要求各部门压实责任、细化措施、加强协调，确保各项任务按期完成。`.repeat(4);
}

class Site {
  articles: Article[] = [];
  nextId = 5000;
  server!: Loopback;
  add(day: string, text = body(this.nextId), time = `${String(9 + (this.nextId % 8)).padStart(2, '0')}:${String(this.nextId % 60).padStart(2, '0')}:${String((this.nextId * 7) % 60).padStart(2, '0')}`): Article {
    const a = { id: this.nextId++, day, time, body: text };
    this.articles.push(a);
    return a;
  }
  path(a: Article): string {
    return `/zwgk/gzdt/${a.day.slice(0, 7).replace('-', '')}/t${a.day.replace(/-/g, '')}_${a.id}.html`;
  }
  async start(): Promise<void> {
    this.server = await startLoopback((req, res) => {
      const sorted = [...this.articles].sort((x, y) => (y.day + y.time).localeCompare(x.day + x.time));
      const item = (a: Article) => `<li><a href="${this.path(a)}">第${a.id}号稿件</a><span>${a.day}</span></li>`;
      // A well-kept site: the 网页标签 of each page kind and the identity marks in its footer.
      const host = req.headers.host ?? '127.0.0.1';
      const siteTags = `<meta name="SiteName" content="示范市人民政府"><meta name="SiteDomain" content="${host}"><meta name="SiteIDCode" content="4501000001">`;
      const columnTags = '<meta name="ColumnName" content="工作动态"><meta name="ColumnDescription" content="本市工作动态"><meta name="ColumnKeywords" content="工作动态"><meta name="ColumnType" content="动态">';
      const footer = `<div class="foot">主办：示范市人民政府办公室 网站标识码：4501000001 桂ICP备05001234号 桂公网安备45010002000001号
<script>document.write(unescape("%3Cscript src='http://dcs.conac.cn/js/45/000/0000/40001234/CA450000000400012340001.js'%3E%3C/script%3E"));</script>
<script id="_jiucuo_" sitecode='4501000001' src='https://zfwzgl.www.gov.cn/exposure/jiucuo.js'></script></div>`;
      const page = (title: string, inner: string, meta = '') =>
        `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title>${siteTags}${meta}</head><body>${inner}${footer}</body></html>`;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url === '/') return res.end(page('示范市人民政府', `<a href="/zwgk/gzdt/index.html">工作动态</a><ul>${sorted.slice(0, 6).map(item).join('')}</ul>`));
      if (req.url === '/zwgk/gzdt/index.html') return res.end(page('工作动态', `<ul>${sorted.map(item).join('')}</ul>`, columnTags));
      const a = this.articles.find((x) => this.path(x) === req.url);
      if (!a) return res.writeHead(404).end();
      res.end(page(`第${a.id}号稿件`, `<h1>第${a.id}号稿件</h1><div>发布时间：${a.day} ${a.time.slice(0, 5)} 来源：办公室</div><p>${a.body}</p>`, `${columnTags}<meta name="ArticleTitle" content="第${a.id}号稿件"><meta name="PubDate" content="${a.day} ${a.time}"><meta name="ContentSource" content="办公室">`));
    });
  }
}

async function crawlWeekly(site: Site, weeks: number, publish: (week: number, now: number, store: Store) => void, before?: (store: Store) => void): Promise<Map<number, string[]>> {
  const dir = mkdtempSync(join(tmpdir(), 'xj-history-'));
  const store = testStore(join(dir, 'x.db'));
  const config = parseConfig({ crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false, retries: 0 } }, '(test)');
  const findings = new Map<number, string[]>();
  try {
    for (let w = 0; w < weeks; w++) {
      const now = START + w * 7 * DAY;
      publish(w, now, store);
      const ctx: JobContext = { config, clock: { now: () => new Date(now) }, log: silentLogger, store };
      const r = await scan(ctx, `${site.server.origin}/`, selectChecks(['dates', 'health']));
      expect(r.summary.status).toBe('complete');
      findings.set(w, r.findings.map((f) => `${f.rule} ${f.match}`));
    }
    before?.(store);
  } finally {
    store.close();
    await site.server.close();
  }
  return findings;
}

describe('dates over a site history', () => {
  it('raise nothing on a site that publishes normally every week', async () => {
    const site = new Site();
    await site.start();
    const found = await crawlWeekly(site, 5, (_w, now) => {
      site.add(dayOf(now - 2 * DAY));
      site.add(dayOf(now - DAY));
    });
    for (const [week, list] of found) expect({ week, list }).toEqual({ week, list: [] });
  });

  it('catch backdating, id inversion, re-posting and bulk-typed times in the crawl after they happen', async () => {
    const site = new Site();
    await site.start();
    let backdated: Article | undefined;
    let repost: Article | undefined;
    const found = await crawlWeekly(site, 5, (w, now) => {
      site.add(dayOf(now - 2 * DAY));
      site.add(dayOf(now - DAY));
      if (w === 4) {
        // 假整改 before an inspection: an article dated three weeks back, an old one re-posted as new,
        // and a batch of dates typed in at one go.
        backdated = site.add(dayOf(now - 20 * DAY));
        repost = site.add(dayOf(now - DAY), site.articles[0]!.body);
        for (let i = 0; i < 5; i++) site.add(dayOf(now - (3 + i) * DAY), body(9000 + i), '16:42:09');
      }
    });
    for (let w = 0; w < 4; w++) expect({ week: w, list: found.get(w) }).toEqual({ week: w, list: [] });
    const last = found.get(4)!;
    const origin = site.server.origin;
    expect(last).toContain(`dates.backdated ${origin}${site.path(backdated!)}`);
    expect(last).toContain(`dates.id-order ${origin}${site.path(backdated!)}`);
    expect(last).toContain(`dates.reposted ${origin}${site.path(repost!)}`);
    expect(last.some((f) => f.startsWith('dates.identical-times'))).toBe(true);
  });

  it('catch an old article taken down and re-posted as new, against what an earlier crawl saw', async () => {
    const site = new Site();
    await site.start();
    let repost: Article | undefined;
    const found = await crawlWeekly(site, 4, (w, now) => {
      site.add(dayOf(now - DAY));
      if (w === 3) {
        const original = site.articles.shift()!; // gone from the site before the re-post
        repost = site.add(dayOf(now - DAY), original.body);
      }
    });
    expect(found.get(2)).toEqual([]);
    expect(found.get(3)).toContain(`dates.reposted ${site.server.origin}${site.path(repost!)}`);
  });

  it('catch a re-post of an article taken down more runs ago than the store keeps page lists for', async () => {
    const site = new Site();
    await site.start();
    let repost: Article | undefined;
    let taken: Article | undefined;
    const scans = KEPT_RUNS + 3;
    let older: string[] = [];
    const found = await crawlWeekly(site, scans, (w, now) => {
      site.add(dayOf(now - DAY));
      if (w === 1) taken = site.articles.shift();
      if (w === scans - 1) repost = site.add(dayOf(now - DAY), body(5000));
    }, (store) => {
      older = (store.db.prepare('SELECT url FROM page_versions WHERE run_id <= (SELECT MAX(id) FROM runs) - ?').all(KEPT_RUNS) as { url: string }[]).map((r) => r.url);
    });
    expect(found.get(scans - 1)).toContain(`dates.reposted ${site.server.origin}${site.path(repost!)}`);
    // Each scan wrote a row a page: of the scans before the last KEPT_RUNS, only the taken-down article's last row is left.
    expect(older).toEqual([`${site.server.origin}${site.path(taken!)}`]);
  });

  // A trigger stands in for the full disk: SQLite's own syntax, so not on the PostgreSQL pass.
  (process.env['XUNJIAN_TEST_STORE'] ? it.skip : it)('keep a run whose pruning fails, as stored and complete', async () => {
    const site = new Site();
    await site.start();
    let older = 0;
    const found = await crawlWeekly(site, KEPT_RUNS + 1, (w, now, store) => {
      site.add(dayOf(now - DAY));
      if (w === KEPT_RUNS) store.db.exec("CREATE TEMP TRIGGER full_disk BEFORE DELETE ON page_versions BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END");
    }, (store) => {
      older = Number((store.db.prepare('SELECT COUNT(*) AS n FROM page_versions WHERE run_id = 1').get() as { n: number }).n);
    });
    expect(found.get(KEPT_RUNS)).toEqual([]);
    expect(older).toBeGreaterThan(0);
  });

  it('fail a homepage and a column left alone for a month', async () => {
    const site = new Site();
    await site.start();
    const found = await crawlWeekly(site, 5, (w, now) => {
      if (w === 0) site.add(dayOf(now - DAY));
    });
    expect(found.get(1)).toEqual([]);
    expect(found.get(4)!.some((f) => f.startsWith('health.homepage-stale'))).toBe(true);
    expect(found.get(4)!.some((f) => f.startsWith('health.stale-columns'))).toBe(true);
  });
});
