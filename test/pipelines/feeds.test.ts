/**
 * Government accounts end to end: feeds served on loopback as RSSHub and platforms serve them, read by
 * `xunjian ingest`, with what goes wrong with feeds in practice — a wrong encoding declaration, a
 * server that asks to wait (429), one that hangs, a 100 MB feed, a post dated in the future.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { runCli } from '../helpers/cli';
import { buildXlsx } from '../../pipelines/demo/office';
import { readFileSync } from 'node:fs';
import { closeOcr } from '../../pipelines/sources/extract/ocr';
import { startLoopback, type Loopback } from '../helpers/loopback';

// Fixed once: a feed's dates do not move between two reads of it.
const NOW = Date.now();
const day = (d: number) => new Date(NOW - d * 86_400_000).toUTCString();
const item = (guid: string, title: string, body: string, date?: string) =>
  `<item><title>${title}</title><link>https://mp.weixin.qq.com/s/${guid}</link><guid>${guid}</guid>${date ? `<pubDate>${date}</pubDate>` : ''}<description><![CDATA[${body}]]></description></item>`;
const rss = (items: string, encoding = 'UTF-8') => `<?xml version="1.0" encoding="${encoding}"?><rss version="2.0"><channel><title>示范市发布</title>${items}</channel></rss>`;

interface Out {
  summary: { status: string; pages: number; byRule: Record<string, number> };
  findings: { rule: string; severity: string; title: string; url: string }[];
  errors: { input: string; record?: number; code: string; message: string }[];
}

describe('government accounts through their feeds', () => {
  let srv: Loopback;
  let busyHits = 0;
  const times: [string, number][] = [];
  const work = mkdtempSync(join(tmpdir(), 'xj-feeds-'));

  beforeAll(async () => {
    srv = await startLoopback((q, s) => {
      const path = (q.url ?? '/').split('?')[0]!;
      times.push([path, Date.now()]);
      const xml = (body: string | Buffer, type = 'application/rss+xml; charset=utf-8') => {
        s.writeHead(200, { 'content-type': type });
        s.end(body);
      };
      if (path === '/wechat/fresh') {
        return xml(rss(item('f1', '关于做好冬季供暖工作的通知', '<p>请各单位认真落实。</p>', day(2)) + item('f2', '救助名单公示', '<p>申请人身份证号码：110105199003071239</p>', day(3)) + item('f3', '活动预告', '<p>届时欢迎参加。</p>', new Date(NOW + 40 * 86_400_000).toUTCString())));
      }
      if (path === '/wechat/files') {
        const post = item('a1', '低保名单公示', `<p>详见附件：<a href="${srv.origin}/files/list.xlsx">名单.xlsx</a></p>`, day(1));
        return xml(rss(post));
      }
      if (path === '/files/list.xlsx') {
        s.writeHead(200, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
        return s.end(buildXlsx([{ name: '名单', rows: [['姓名', '身份证号码'], ['张三', '110105199003071239']] }]));
      }
      if (path === '/wechat/summary') {
        return xml(rss(`<item><title>救助公示</title><link>${srv.origin}/article/1</link><guid>s1</guid><pubDate>${day(1)}</pubDate><description>点击阅读全文</description></item>`));
      }
      if (path === '/article/1') return xml('<html><head><title>救助公示</title></head><body><p>申请人身份证号码：110105199003071239</p></body></html>', 'text/html; charset=utf-8');
      if (path === '/wechat/scan') return xml(rss(item('o1', '低保公示', `<p>名单如下：</p><img src="${srv.origin}/img/gongshi.png">`, day(1))));
      if (path === '/img/gongshi.png') {
        s.writeHead(200, { 'content-type': 'image/png' });
        return s.end(readFileSync(join(__dirname, '..', 'fixtures', 'ocr', 'gongshi-scan.png')));
      }
      if (path === '/menu/ok') return xml('<html><head><title>办事大厅</title></head><body>在线办事</body></html>', 'text/html; charset=utf-8');
      if (path === '/menu/soft') return xml('<html><head><title>页面不存在</title></head><body>您访问的页面不存在</body></html>', 'text/html; charset=utf-8');
      if (path === '/weibo/quiet') return xml(rss(item('q1', '旧闻', '<p>去年的消息。</p>', day(30))));
      // GBK bytes under a GBK declaration, with no charset in the header: read by the declaration.
      if (path === '/gbk') return xml(iconv.encode(rss(item('g1', '供暖通知', '<p>做好供暖工作。</p>', day(1)), 'GBK'), 'gbk'), 'application/rss+xml');
      // UTF-8 bytes under a wrong GBK declaration: the bytes are valid UTF-8, and read as such.
      if (path === '/liar') return xml(rss(item('l1', '防汛通知', '<p>做好防汛工作。</p>', day(1)), 'GBK'), 'application/rss+xml');
      if (path === '/busy') {
        if (++busyHits === 1) {
          s.writeHead(429, { 'retry-after': '1' });
          return s.end();
        }
        return xml(rss(item('b1', '通知', '<p>内容。</p>', day(1))));
      }
      if (path === '/hang') return; // never answers
      if (path === '/huge') {
        s.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(100 * 1024 * 1024) });
        return s.write(rss('').slice(0, 100));
      }
      s.writeHead(404);
      s.end();
    });
    // WeChat's get_current_selfmenu_info, as the platform exports it: views with urls, a keyword button, a sub-menu.
    writeFileSync(join(work, 'menu.json'), JSON.stringify({ is_menu_open: 1, selfmenu_info: { button: [
      { type: 'view', name: '办事大厅', url: `${srv.origin}/menu/ok` },
      { type: 'click', name: '联系我们', key: 'CONTACT' },
      { name: '服务', sub_button: { list: [{ type: 'view', name: '社保查询', url: `${srv.origin}/menu/gone` }, { type: 'view', name: '公积金', url: `${srv.origin}/menu/soft` }] } },
    ] } }));
    writeFileSync(join(work, 'xunjian.config.json'), JSON.stringify({
      crawl: { retries: 1, maxBackoffMs: 2000, minIntervalMs: 300, totalTimeoutMs: 2000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000 },
      accounts: [
        { id: 'fresh', platform: 'wechat', name: '示范市发布', feed: `${srv.origin}/wechat/fresh` },
        { id: 'quiet', platform: 'weibo', name: '示范市应急', feed: `${srv.origin}/weibo/quiet` },
        { id: 'quiet-long', platform: 'weibo', name: '示范市档案', feed: `${srv.origin}/weibo/quiet`, staleDays: 60 },
        { id: 'summary', platform: 'wechat', name: '示范市民政', feed: `${srv.origin}/wechat/summary`, fetchArticles: true },
        { id: 'menu', platform: 'wechat', name: '示范市政务服务', feed: `${srv.origin}/wechat/fresh`, menuFile: 'menu.json' },
        { id: 'narrow', platform: 'wechat', name: '示范市发布（测试）', feed: `${srv.origin}/wechat/fresh` },
      ],
    }));
  });
  afterAll(async () => {
    await closeOcr();
    await srv.close();
  });

  const ingest = async (...args: string[]): Promise<{ code: number; out: Out }> => {
    const r = await runCli(['ingest', ...args, '--format', 'json'], work);
    return { code: r.code, out: JSON.parse(r.stdout) as Out };
  };

  it('runs every content check on posts, and passes an account that posts', async () => {
    const { out } = await ingest('--account', 'fresh');
    expect(out.summary).toMatchObject({ status: 'complete', pages: 3 });
    expect(out.findings.map((f) => f.rule).sort()).toEqual(['dates.future', 'privacy.id-card']);
    expect(JSON.stringify(out)).not.toContain('110105199003071239');
  }, 30_000);

  it('reads the files a post links, as a crawl reads attachments', async () => {
    const { out } = await ingest(`${srv.origin}/wechat/files`, '--type', 'feed');
    expect(out.summary).toMatchObject({ status: 'complete', pages: 1 });
    // Found in the file, filed against the post that publishes it (as a crawl files an attachment's finding).
    const f = out.findings.find((x) => x.rule === 'privacy.id-card');
    expect(f).toMatchObject({ url: 'https://mp.weixin.qq.com/s/a1' });
    expect(JSON.stringify(f)).toContain('list.xlsx');
  }, 30_000);

  it('fetches the article of a post whose item carries only a summary, when configured', async () => {
    const { out } = await ingest('--account', 'summary');
    expect(out.findings.find((f) => f.rule === 'privacy.id-card')).toMatchObject({ url: `${srv.origin}/article/1` });
    // The feed, robots.txt and the article: one origin, asked with the crawl's gap between requests.
    const at = (p: string) => times.filter(([x]) => x === p).at(-1)![1];
    expect(at('/robots.txt') - at('/wechat/summary')).toBeGreaterThanOrEqual(280);
    expect(at('/article/1') - at('/robots.txt')).toBeGreaterThanOrEqual(280);
  }, 30_000);

  it('reads a post\'s pictures by OCR when the crawl does (crawl.ocrImages)', async () => {
    const ocr = mkdtempSync(join(tmpdir(), 'xj-feeds-ocr-'));
    writeFileSync(join(ocr, 'xunjian.config.json'), JSON.stringify({ crawl: { ocrImages: true, minIntervalMs: 0 } }));
    const r = await runCli(['ingest', `${srv.origin}/wechat/scan`, '--type', 'feed', '--format', 'json'], ocr);
    const out = JSON.parse(r.stdout) as Out;
    expect(out.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['privacy.id-card']));
    expect(r.stdout).not.toContain('110105199003071239');
  }, 60_000);

  it('checks only new or changed posts the next time', async () => {
    const { out } = await ingest('--account', 'fresh');
    expect(out.summary.pages).toBe(0);
    expect(out.findings.filter((f) => f.rule === 'newmedia.stale')).toEqual([]);
  }, 30_000);

  it('passes over a post only when the same rules checked it: a wording-only run leaves the posts to the next full run', async () => {
    expect((await ingest('--account', 'narrow', '--checks', 'wording')).out.summary.pages).toBe(3);
    const full = await ingest('--account', 'narrow');
    expect(full.out.summary.pages).toBe(3);
    expect(full.out.findings.map((f) => f.rule)).toContain('privacy.id-card');
    expect((await ingest('--account', 'narrow')).out.summary.pages).toBe(0);
  }, 30_000);

  it('fails an account silent for longer than its threshold (单项否决), by the jurisdiction\'s threshold', async () => {
    const { out } = await ingest('--account', 'quiet');
    expect(out.findings.find((f) => f.rule === 'newmedia.stale')).toMatchObject({ severity: 'critical', title: expect.stringContaining('已 30 天未更新（阈值 14 天）') });
    const long = await ingest('--account', 'quiet-long');
    expect(long.out.findings.filter((f) => f.rule === 'newmedia.stale')).toEqual([]);
  }, 30_000);

  it('checks the account\'s menu from the platform\'s export: a 404 and a missing page are dead, a working one is not', async () => {
    const { out } = await ingest('--account', 'menu');
    const dead = out.findings.filter((f) => f.rule === 'newmedia.dead-menu');
    expect(dead.map((f) => f.url).sort()).toEqual([`${srv.origin}/menu/gone`, `${srv.origin}/menu/soft`]);
    expect(dead.find((f) => f.url.endsWith('/gone'))!.title).toContain('菜单“服务 › 社保查询”打不开');
  }, 30_000);

  it('gives an account the 政务新媒体 items of the 19号 scorecard, under its configured name', async () => {
    const r = await runCli(['report', '--scorecard', '--site', 'account-quiet', '--format', 'json'], work);
    const card = JSON.parse(r.stdout) as { sites: { name: string; scorecard: { item: string; verdict: string }[] }[] };
    expect(card.sites[0]!.name).toBe('示范市应急（weibo）');
    const items = new Map(card.sites[0]!.scorecard.map((i) => [i.item, i.verdict]));
    expect(items.get('账号长期不更新（监测2周）')).toBe('fail');
    expect(items.get('刊登商业广告、买卖粉丝')).toBe('pass');
    expect(items.has('首页不更新')).toBe(false);
  }, 30_000);

  it('reads a GBK feed, and a UTF-8 feed that declares GBK, as their bytes are', async () => {
    for (const path of ['/gbk', '/liar']) {
      const { out } = await ingest(`${srv.origin}${path}`, '--type', 'feed');
      expect(out.summary).toMatchObject({ status: 'complete', pages: 1 });
      expect(out.errors).toEqual([]);
    }
  }, 30_000);

  it('waits when a feed server answers 429, then reads it', async () => {
    const { out } = await ingest(`${srv.origin}/busy`, '--type', 'feed');
    expect(busyHits).toBe(2);
    expect(out.summary).toMatchObject({ status: 'complete', pages: 1 });
  }, 30_000);

  it('names a feed that hangs or is too large, fails the run, and never calls the account quiet', async () => {
    for (const [path, code] of [['/hang', /timeout/], ['/huge', /too-large/]] as const) {
      const { code: exit, out } = await ingest(`${srv.origin}${path}`, '--type', 'feed', '--account', `x${path.slice(1)}`);
      expect(exit).toBe(2);
      expect(out.summary.status).toBe('failed');
      expect(out.errors[0]).toMatchObject({ input: `${srv.origin}${path}`, code: expect.stringMatching(code) });
      expect(out.findings.filter((f) => f.rule === 'newmedia.stale')).toEqual([]);
    }
  }, 30_000);
});
