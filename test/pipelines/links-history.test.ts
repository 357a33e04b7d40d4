/**
 * Link results are kept per run: a page that answered 503 once and then worked was a busy host
 * (info, then nothing), one that answers 503 run after run is a broken link; a 404 is reported at
 * once. Fragment links land on an element of their page or are reported; a GBK site's search link
 * is asked for in GBK and found working.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { runCli } from '../helpers/cli';
import { Store } from '../../pipelines/store/store';
import { htmlPage, startLoopback, type Loopback } from '../helpers/loopback';

interface F {
  rule: string;
  url: string;
  severity: string;
  title: string;
}

describe('link results across runs', () => {
  let srv: Loopback;
  let run = 0;
  const work = mkdtempSync(join(tmpdir(), 'xj-links-'));

  beforeAll(async () => {
    srv = await startLoopback((q, s) => {
      const url = q.url ?? '/';
      const path = url.split('?')[0]!;
      const page = (status: number, html: string, type = 'text/html; charset=utf-8') => {
        s.writeHead(status, { 'content-type': type });
        s.end(html);
      };
      if (path === '/robots.txt') return page(200, '', 'text/plain');
      if (path === '/') {
        return page(200, htmlPage('首页', '示范市人民政府', ['/a.html#sec1', '/a.html#nosuch', '/a.html#built', '#here', '#absent', '/busy', '/flaky', '/gone', '/gbk.html']).replace('<h1>', '<h1 id="here">'));
      }
      if (path === '/a.html') return page(200, htmlPage('政策', '正文').replace('<p>', '<p id="sec1">') + '<script>tabs.add("built")</script>');
      if (path === '/busy') return page(503, 'busy');
      if (path === '/flaky') return page(run === 1 ? 503 : 200, htmlPage('办事', '指南'));
      if (path === '/gbk.html') {
        return page(200, iconv.encode('<html><head><meta charset="gbk"><title>检索</title></head><body><a href="/search.jsp?kw=政府">站内检索</a></body></html>', 'gbk') as unknown as string, 'text/html; charset=gbk');
      }
      // The CMS's search decodes its query as GBK, as the page that links it does.
      if (path === '/search.jsp') return page(url.endsWith('kw=%D5%FE%B8%AE') ? 200 : 400, htmlPage('检索结果', '共 3 条'));
      page(404, 'not found');
    });
    writeFileSync(join(work, 'xunjian.config.json'), JSON.stringify({ crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false, retries: 0, maxBackoffMs: 50 } }));
  });
  afterAll(() => srv.close());

  const scan = async (): Promise<F[]> => {
    run++;
    const r = await runCli(['scan', `${srv.origin}/`, '--format', 'json'], work);
    const out = JSON.parse(r.stdout);
    expect(out.summary.status).toBe('complete');
    return (out.findings as F[]).filter((f) => f.rule === 'links.broken');
  };
  const at = (fs: F[], path: string) => fs.find((f) => f.url === `${srv.origin}${path}`);

  it('reports a busy host as info once, as broken when it fails again, and forgets one that recovered', async () => {
    const first = await scan();
    expect(at(first, '/gone')).toMatchObject({ severity: 'medium' });
    expect(at(first, '/busy')).toMatchObject({ severity: 'info' });
    expect(at(first, '/busy')!.title).toContain('首次失败');
    expect(at(first, '/flaky')).toMatchObject({ severity: 'info' });

    const second = await scan();
    expect(at(second, '/busy')).toMatchObject({ severity: 'medium' });
    expect(at(second, '/busy')!.title).toContain('连续 2 次检测失败');
    expect(at(second, '/flaky')).toBeUndefined();
    expect(at(second, '/gone')!.title).toContain('连续 2 次检测失败');
  }, 60_000);

  it('reports fragment links to names their page lacks, and only those', async () => {
    const fs = await scan();
    expect(at(fs, '/a.html#nosuch')).toMatchObject({ severity: 'low' });
    expect(at(fs, '/#absent')).toMatchObject({ severity: 'low' });
    for (const ok of ['/a.html#sec1', '/a.html#built', '/#here']) expect(at(fs, ok)).toBeUndefined();
  }, 60_000);

  it('keeps only the latest run\'s failures in the store', async () => {
    const store = Store.open(join(work, '.xunjian', 'xunjian.db'));
    try {
      const runs = store.db.prepare('SELECT DISTINCT run_id FROM link_failures').all() as { run_id: number }[];
      expect(runs).toHaveLength(1);
      expect((store.db.prepare('SELECT COUNT(*) AS n FROM link_runs').get() as { n: number }).n).toBe(1);
    } finally {
      store.close();
    }
  });

  it('asks for a GBK page\'s search link in GBK, so it works', async () => {
    const fs = await scan();
    expect(fs.filter((f) => f.url.includes('search.jsp'))).toEqual([]);
    expect(srv.hits.get('/search.jsp')).toBeGreaterThan(0);
  }, 60_000);
});
