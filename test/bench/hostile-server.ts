/**
 * A hostile site for the robustness benchmark, in its own process: every way a server or a page
 * can hurt a crawler, next to ordinary pages that must still be checked.
 * Usage: node hostile-server.js [benign]; prints the origin on stdout. `benign` serves only the
 * ordinary pages (the baseline run).
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { xlsxBomb } from '../helpers/bombs';

const benign = process.argv[2] === 'benign';
const ORDINARY = 20;
// Constructed, checksum-valid test number (not a person's): proves the ordinary pages were checked.
const TEST_ID = '11010519491231002X';

const TRAPS: Record<string, string> = {
  '/drip.html': 'slow drip: one byte a second',
  '/loop-a.html': 'redirect loop',
  '/huge.html': '1 GB body',
  '/endless.html': 'endless chunked body',
  '/gzip-bomb.html': 'gzip bomb (1 GiB inflated)',
  '/reset.html': 'connection reset',
  '/deep.html': '100,000 nested elements',
  '/links.html': '100,000 links',
  '/long-line.html': 'one 20 MB line',
  '/bomb.xlsx': 'zip bomb attachment (1 MB → 1 GiB)',
};

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}_示范市人民政府</title><meta name="PubDate" content="2026-11-20 09:00"></head><body><h1>${title}</h1>${body}</body></html>`;
}

function home(): string {
  const links = Array.from({ length: ORDINARY }, (_, i) => `<li><a href="/art/${i}.html">文章${i}</a></li>`);
  if (!benign) for (const [href, what] of Object.entries(TRAPS)) links.push(`<li><a href="${href}">${what}</a></li>`);
  return page('首页', `<ul>${links.join('')}</ul>`);
}

async function main(): Promise<void> {
  const gzipBomb = gzipSync(Buffer.alloc(2 ** 30), { level: 9 });
  const zipBomb = await xlsxBomb(2 ** 30);
  const deep = page('深层嵌套', '<div>'.repeat(100_000) + `<p>联系人身份证号：${TEST_ID}</p>` + '</div>'.repeat(100_000));
  const manyLinks = page('链接', Array.from({ length: 100_000 }, (_, i) => `<a href="https://example.invalid/${i}">${i}</a>`).join(' '));
  const longLine = page('长行', `<p>${'政务公开'.repeat(5 * 2 ** 20 / 4)}</p>`);
  const html = (res: ServerResponse, body: string | Buffer, extra: Record<string, string> = {}) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body), ...extra });
    res.end(body);
  };
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    res.on('error', () => undefined);
    if (url === '/') return html(res, home());
    const art = /^\/art\/(\d+)\.html$/.exec(url);
    if (art && Number(art[1]) < ORDINARY) return html(res, page(`文章${art[1]}`, `<p>示范市召开会议。${art[1] === '3' ? `申请人身份证号 ${TEST_ID}。` : ''}</p>`));
    if (benign) return void res.writeHead(404).end();
    switch (url) {
      case '/drip.html': {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        const t = setInterval(() => res.write('<'), 1000);
        res.on('close', () => clearInterval(t));
        return;
      }
      case '/loop-a.html':
        return void res.writeHead(302, { location: '/loop-b.html' }).end();
      case '/loop-b.html':
        return void res.writeHead(302, { location: '/loop-a.html' }).end();
      case '/huge.html': {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(2 ** 30) });
        const chunk = Buffer.alloc(2 ** 16, 'a');
        let sent = 0;
        const pump = () => {
          while (sent < 2 ** 30) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        return pump();
      }
      case '/endless.html': {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        const chunk = Buffer.from('<p>无尽</p>'.repeat(1000));
        let open = true;
        res.on('close', () => (open = false));
        const pump = () => {
          while (open) if (!res.write(chunk)) return void res.once('drain', pump);
        };
        return pump();
      }
      case '/gzip-bomb.html':
        return html(res, gzipBomb, { 'content-encoding': 'gzip' });
      case '/reset.html':
        return void req.socket.destroy();
      case '/deep.html':
        return html(res, deep);
      case '/links.html':
        return html(res, manyLinks);
      case '/long-line.html':
        return html(res, longLine);
      case '/bomb.xlsx':
        res.writeHead(200, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-length': zipBomb.length });
        return void res.end(zipBomb);
      default:
        res.writeHead(404).end();
    }
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));
}
void main();
