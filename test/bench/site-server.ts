/**
 * A generated government-like site for benchmarks, run in its own process so that serving does
 * not share the event loop (or the RSS) of the crawler being measured.
 * Usage: node site-server.js <pages>; prints the origin on stdout.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const pages = Number(process.argv[2] ?? 5000);
const filler = '<p>为深入贯彻落实党中央、国务院决策部署，进一步提升政务公开工作质量，现就有关事项通知如下。</p>'.repeat(20);

function body(i: number): string {
  const links: string[] = [];
  // Each page links to its neighbours and a spread of others: a connected site, about 20 links a page.
  for (let k = 1; k <= 20; k++) links.push(`<li><a href="/art/${(i * 7 + k * 131) % pages}.html">文章 ${k}</a></li>`);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>第${i}篇_示范市人民政府</title><meta name="PubDate" content="2026-11-01 09:00"></head><body><div class="nav"><a href="/">首页</a></div><h1>第${i}篇</h1>${filler}<ul>${links.join('')}</ul></body></html>`;
}

const server = createServer((req, res) => {
  const m = /^\/art\/(\d+)\.html$/.exec(req.url ?? '');
  if (req.url === '/' || (m && Number(m[1]) < pages)) {
    const text = body(m ? Number(m[1]) : 0);
    // The LinkChecker header lets linkchecker exceed its default 10 requests/s per host, so both
    // crawlers run with politeness off on this site.
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(text), linkchecker: 'bench' });
    res.end(text);
    return;
  }
  res.writeHead(404, { 'content-length': '0' });
  res.end();
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
