/**
 * 政务新媒体 at a province's scale: 200 accounts × 50 posts (10,000 items) served as RSS by a
 * loopback feed server in its own process, read the way the daemon reads them (each account a
 * configured pipeline, `runConfiguredPipeline`, every check, the store, the issue lifecycle) four
 * at a time. Prints the wall time (goal under 60 s), items per second, and RSS after the first 50
 * accounts and after all 200 (flat memory: the second no more than 1.25× the first). A second pass
 * over the unchanged feeds shows what the incremental store saves.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../pipelines/config';
import { runConfiguredPipeline, openStore } from '../../pipelines/jobs';
import { silentLogger } from '../../pipelines/log';
import { emit } from './emit';

const ACCOUNTS = 200;
const POSTS = 50;
const AT_ONCE = 4;
/** Live memory, not garbage the collector has not got round to (npm run bench passes --expose-gc). */
const rssNow = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
};

const SERVER = `
const http = require('node:http');
const ACCOUNTS = ${ACCOUNTS}, POSTS = ${POSTS};
const now = Date.now();
const topics = ['冬季供暖保障', '安全生产检查', '营商环境优化', '乡村振兴', '医疗保障', '防汛抗旱', '义务教育', '就业创业', '养老服务', '生态环境保护'];
function post(a, i) {
  const t = topics[(a + i) % topics.length];
  const date = new Date(now - (i * 2 + (a % 7)) * 3600_000 * 5).toUTCString();
  const paras = Array.from({ length: 6 }, (_, k) => '<p>' + t + '工作第' + (k + 1) + '项：各单位要提高政治站位，压实主体责任，细化工作措施，确保' + t + '各项任务落到实处。' + (k === 3 && i % 25 === 0 ? '联系人手机13812345678。' : '') + '</p>').join('');
  return '<item><title>关于做好' + t + '工作的通知（' + a + '-' + i + '）</title><link>https://mp.weixin.qq.com/s/' + a + '_' + i + '</link><guid>' + a + '_' + i + '</guid><pubDate>' + date + '</pubDate><description><![CDATA[' + paras + ']]></description></item>';
}
const feeds = Array.from({ length: ACCOUNTS }, (_, a) => '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>账号' + a + '</title>' + Array.from({ length: POSTS }, (_, i) => post(a, i)).join('') + '</channel></rss>');
const server = http.createServer((req, res) => {
  const m = /^\\/feed\\/(\\d+)$/.exec(req.url);
  if (!m || !feeds[m[1]]) { res.writeHead(404); return res.end(); }
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
  res.end(feeds[m[1]]);
});
server.listen(0, '127.0.0.1', () => process.stdout.write('http://127.0.0.1:' + server.address().port + '\\n'));
`;

async function main(): Promise<void> {
  const proc = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const origin = await new Promise<string>((r) => proc.stdout!.once('data', (d) => r(String(d).trim())));
  const work = mkdtempSync(join(tmpdir(), 'xj-feeds-bench-'));
  try {
    writeFileSync(join(work, 'xunjian.config.json'), JSON.stringify({
      store: join(work, 'x.db'),
      sites: [{ id: 'gov', name: '示范市人民政府', urls: ['https://www.example.gov.cn/'] }],
      accounts: Array.from({ length: ACCOUNTS }, (_, a) => ({ id: `acc${a}`, platform: a % 2 ? 'weibo' : 'wechat', name: `示范市账号${a}`, site: 'gov', feed: `${origin}/feed/${a}` })),
      pipelines: Array.from({ length: ACCOUNTS }, (_, a) => ({ id: `feed-${a}`, site: 'gov', source: { account: `acc${a}` } })),
    }));
    const config = loadConfig(join(work, 'xunjian.config.json'));
    const store = openStore(config);
    const ctx = { config, clock: { now: () => new Date() }, log: silentLogger, store };
    const pass = async (onAccount: (done: number) => void): Promise<{ seconds: number; pages: number; failed: number }> => {
      let next = 0;
      let done = 0;
      let pages = 0;
      let failed = 0;
      const t = process.hrtime.bigint();
      await Promise.all(Array.from({ length: AT_ONCE }, async () => {
        while (next < config.pipelines.length) {
          const r = await runConfiguredPipeline(ctx, config.pipelines[next++]!);
          pages += r.summary.pages;
          if (r.summary.status !== 'complete') failed++;
          onAccount(++done);
        }
      }));
      return { seconds: Number(process.hrtime.bigint() - t) / 1e9, pages, failed };
    };
    let rssAt50 = 0;
    const first = await pass((done) => {
      if (done === 50) rssAt50 = rssNow();
    });
    const rssEnd = rssNow();
    const again = await pass(() => undefined);
    store.close();
    if (first.failed || first.pages !== ACCOUNTS * POSTS) throw new Error(`read ${first.pages} posts, ${first.failed} runs not complete`);
    const bench = `feeds-${ACCOUNTS}x${POSTS}`;
    emit({ bench, metric: 'seconds', value: Number(first.seconds.toFixed(1)), unit: 's', vs: 'goal 60 s', ratio: Number((first.seconds / 60).toFixed(2)) });
    emit({ bench, metric: 'items_per_s', value: Math.round(first.pages / first.seconds), unit: 'items/s', vs: 'every check, store and lifecycle', ratio: null });
    emit({ bench, metric: 'rss_after_all', value: Math.round(rssEnd / 1048576), unit: 'MB', vs: `after 50 accounts ${Math.round(rssAt50 / 1048576)} MB (flat ≤ 1.25×)`, ratio: Number((rssEnd / rssAt50).toFixed(2)) });
    emit({ bench, metric: 'seconds_unchanged', value: Number(again.seconds.toFixed(1)), unit: 's', vs: 'second pass, nothing new (incremental)', ratio: Number((first.seconds / again.seconds).toFixed(1)) });
  } finally {
    proc.kill();
  }
}

void main();
