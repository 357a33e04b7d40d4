/**
 * A generated government site with known link faults, served on loopback by several hosts (each
 * its own address in 127.0.0.0/8, so any tool resolves them without a resolver of ours):
 *
 * - A, the site: columns and articles linking each other, pictures, attachments; missing attachments
 *   and pictures (404), removed articles (404), a CMS handler that shows 页面不存在 with 200 (soft 404),
 *   redirect chains that end on a page and chains that end on a 404.
 * - B, a partner: working pages, hard 404s, and removed pages served as its error page with 200
 *   (learnt from a probe: the title does not say so); files that refuse HEAD but answer GET.
 * - C, a news site that redirects every missing page to its homepage.
 * - A's own homepage under the name localhost (an outbound link that works, by a name that resolves).
 * - D, a lapsed domain now parked for sale; E, one that now serves a casino; F, a host that refuses
 *   connections; and a domain that no longer resolves (`.invalid`).
 *
 * `expected` is every broken or hijacked target, as the links are written on the pages.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LinkSite {
  origin: string;
  /** Target URL → what is wrong with it. */
  expected: Map<string, string>;
  /** Every URL the pages link, broken or not. */
  linked: Set<string>;
  requests(): number;
  /**
   * Requests in flight as the hosts saw them since the last call (arrival to the answer's last byte):
   * the time-weighted mean over the span from the first arrival to the last answer, and the peak.
   * A tool's concurrency option is what it asks for; this is what it did.
   */
  inFlight(): { mean: number; max: number };
  close(): Promise<void>;
}

export interface LinkSiteOptions {
  articles: number;
  /** Each answer waits this long, as a real CMS does. */
  delayMs: number;
}

const COLUMNS = 10;

function page(title: string, body: string, links: [string, string][]): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><div class="nav">${links
    .map(([href, text]) => `<a href="${href}">${text}</a>`)
    .join(' ')}</div><h1>${title}</h1><div class="content"><p>${body}</p></div></body></html>`;
}

async function listen(host: string, handler: (req: IncomingMessage, res: ServerResponse) => void, delayMs: number, count: (res: ServerResponse) => void): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    count(res);
    if (delayMs) setTimeout(() => handler(req, res), delayMs);
    else handler(req, res);
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((r) => server.listen(0, host, () => r()));
  return { server, origin: `http://${host}:${(server.address() as AddressInfo).port}` };
}

function send(res: ServerResponse, status: number, body = '', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

async function closedPort(host: string): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, host, () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export async function startLinkSite(o: LinkSiteOptions): Promise<LinkSite> {
  let requests = 0;
  const traffic = { now: 0, max: 0, busyMs: 0, first: Infinity, last: 0 };
  const count = (res: ServerResponse): void => {
    requests++;
    const arrived = performance.now();
    traffic.first = Math.min(traffic.first, arrived);
    traffic.max = Math.max(traffic.max, ++traffic.now);
    res.on('close', () => {
      traffic.now--;
      traffic.last = performance.now();
      traffic.busyMs += traffic.last - arrived;
    });
  };
  const servers: Server[] = [];
  const start = async (host: string, h: (path: string, req: IncomingMessage, res: ServerResponse) => void): Promise<string> => {
    const s = await listen(host, (req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path === '/robots.txt') return send(res, 200, 'User-agent: *\nAllow: /\n', { 'content-type': 'text/plain' });
      h(path, req, res);
    }, o.delayMs, count);
    servers.push(s.server);
    return s.origin;
  };

  // B: the partner. Removed pages are its error page with 200 and a neutral title.
  const partnerError = (path: string) => page('合作单位', `抱歉，您查找的内容 ${path} 已经移除或更换了地址。请返回首页浏览其他内容，或使用站内搜索查找。`, [['/', '返回首页']]);
  const B = await start('127.0.0.2', (path, req, res) => {
    if (path === '/' || path === '/partner.html') return send(res, 200, page('合作单位', '合作单位介绍与联系方式。本单位承担区域协作与交流工作。', []));
    let m = /^\/p\/(\d+)\.html$/.exec(path);
    if (m) return Number(m[1]) % 7 === 0 ? send(res, 200, partnerError(path)) : send(res, 200, page(`合作动态${m[1]}`, `第${m[1]}期合作动态：双方召开联席会议，研究部署年度重点协作事项，推进项目落地。`, []));
    m = /^\/f\/(\d+)\.pdf$/.exec(path);
    if (m) return req.method === 'HEAD' ? send(res, 405) : send(res, 200, '%PDF-1.4 partner file', { 'content-type': 'application/pdf' });
    if (path.startsWith('/gone/')) return send(res, 404, 'not found');
    send(res, 200, partnerError(path));
  });
  // C: every missing page goes to the homepage.
  const C = await start('127.0.0.3', (path, _req, res) => {
    if (path === '/') return send(res, 200, page('新闻网', '今日要闻。', []));
    const m = /^\/news\/(\d+)\.html$/.exec(path);
    if (m && Number(m[1]) % 11 !== 0) return send(res, 200, page(`新闻${m[1]}`, `新闻第${m[1]}篇：全市经济运行稳中向好。`, []));
    send(res, 302, '', { location: '/' });
  });
  const D = await start('127.0.0.4', (_p, _q, res) => send(res, 200, page('域名出售', '此域名正在出售，如有意购买请联系经纪人。This domain is for sale.', [])));
  const E = await start('127.0.0.5', (_p, _q, res) => send(res, 200, page('欢迎光临', '澳门新葡京 真人百家乐 在线赌场 六合彩开奖 注册送彩金', [])));
  const F = `http://127.0.0.6:${await closedPort('127.0.0.6')}`;
  const LAPSED = 'http://lapsed-partner.invalid/';

  const expected = new Map<string, string>();
  const linked = new Set<string>();
  let A = '';
  const art = (i: number) => `/col${i % COLUMNS}/art${i}.html`;
  const abs = (u: string) => (u.startsWith('http') ? u : `${A}${u}`);
  const link = (href: string, text: string, broken?: string): [string, string] => {
    linked.add(abs(href));
    if (broken) expected.set(abs(href), broken);
    return [href, text];
  };

  const nav = (): [string, string][] => [link('/', '首页'), ...Array.from({ length: COLUMNS }, (_, c) => link(`/col${c}/`, `栏目${c}`))];
  const homepage = (): string =>
    page('示范市人民政府', '示范市人民政府门户网站。', [
      ...nav(),
      link('/old-notice.html', '旧通知', 'http-404'),
      link(`${B}/partner.html`, '合作单位'),
      link(`${D}/`, '友情链接一', 'hijacked: parked'),
      link(`${E}/`, '友情链接二', 'hijacked: prohibited'),
      link(`${F}/`, '友情链接三', 'connection-refused'),
      link(LAPSED, '友情链接四', 'hijacked: unresolvable'),
      link(`${C}/`, '新闻网'),
      // A name, not an address, that resolves: the run's resolver works, so the lapsed domain is judged.
      link(`http://localhost:${new URL(A).port}/`, '无障碍版'),
    ]);
  const column = (c: number): string => {
    const items = [];
    for (let i = c; i < o.articles; i += COLUMNS) items.push(link(art(i), `文章${i}`));
    return page(`栏目${c}`, `栏目${c}的文章列表。`, [...nav(), ...items]);
  };
  const article = (i: number): string => {
    const links: [string, string][] = [...nav(), link(art((i + 1) % o.articles), '下一篇'), link(art((i + 7) % o.articles), '相关文章')];
    links.push(link(`/files/f${i}.pdf`, '附件'));
    links.push(link(`${B}/partner.html`, '合作单位'));
    links.push(link(`${B}/p/${i % 50}.html`, '合作动态', (i % 50) % 7 === 0 ? 'soft-404 (error page)' : undefined));
    links.push(link(`${B}/f/${i % 20}.pdf`, '合作单位文件'));
    links.push(link(`${C}/news/${i % 40}.html`, '相关新闻', (i % 40) % 11 === 0 ? 'soft-404 (redirected home)' : undefined));
    if (i % 25 === 0) links.push(link(`/files/missing${i}.pdf`, '已删除附件', 'http-404'));
    if (i % 40 === 0) links.push(link(`/col${i % COLUMNS}/removed${i}.html`, '已撤稿', 'http-404'));
    if (i % 50 === 0) links.push(link(`/info/deleted${i}.html`, '已下线信息', 'soft-404 (title)'));
    if (i % 30 === 0) links.push(link(`${B}/gone/${i}.html`, '合作单位旧文', 'http-404'));
    if (i % 20 === 0) links.push(link(`/r/${i}`, '转到文章'));
    if (i % 60 === 0) links.push(link(`/rb/${i}`, '转到已删除', 'http-404 after redirects'));
    const img = i % 35 === 0 ? link(`/img/missing${i}.png`, '', 'http-404') : link(`/img/${i % 30}.png`, '');
    const html = page(`文章${i}`, `示范市第${i}号通知：关于做好年度重点工作的安排，各单位认真落实。`, links);
    return html.replace('</h1>', `</h1><img src="${img[0]}" alt="配图">`);
  };

  A = await start('127.0.0.1', (path, req, res) => {
    if (path === '/' || path === '/index.html') return send(res, 200, homepage());
    let m = /^\/col(\d+)\/$/.exec(path);
    if (m && Number(m[1]) < COLUMNS) return send(res, 200, column(Number(m[1])));
    m = /^\/col(\d+)\/art(\d+)\.html$/.exec(path);
    if (m && Number(m[2]) < o.articles && Number(m[2]) % COLUMNS === Number(m[1])) return send(res, 200, article(Number(m[2])));
    if (/^\/files\/f\d+\.pdf$/.test(path)) return send(res, 200, '%PDF-1.4 attachment', { 'content-type': 'application/pdf' });
    if (/^\/img\/\d+\.png$/.test(path)) return send(res, 200, req.method === 'HEAD' ? '' : 'PNG', { 'content-type': 'image/png' });
    m = /^\/r\/(\d+)$/.exec(path);
    if (m) return send(res, 302, '', { location: `/r2/${m[1]}` });
    m = /^\/r2\/(\d+)$/.exec(path);
    if (m) return send(res, 301, '', { location: art(Number(m[1])) });
    m = /^\/rb\/(\d+)$/.exec(path);
    if (m) return send(res, 302, '', { location: `/rb2/${m[1]}` });
    m = /^\/rb2\/(\d+)$/.exec(path);
    if (m) return send(res, 302, '', { location: `/nowhere/${m[1]}` });
    // The CMS's information handler answers a removed item with its error page and 200.
    if (path.startsWith('/info/')) return send(res, 200, page('页面不存在', '您访问的页面不存在或已被删除。', [['/', '返回首页']]));
    send(res, 404, page('404', 'Not Found', []));
  });
  // The homepage and its links are known once A's address is.
  homepage();
  for (let c = 0; c < COLUMNS; c++) column(c);
  for (let i = 0; i < o.articles; i++) article(i);

  return {
    origin: A,
    expected,
    linked,
    requests: () => requests,
    inFlight: () => {
      const span = traffic.last - traffic.first;
      const seen = { mean: span > 0 ? traffic.busyMs / span : 0, max: traffic.max };
      Object.assign(traffic, { max: traffic.now, busyMs: 0, first: Infinity, last: 0 });
      return seen;
    },
    close: async () => {
      await Promise.all(servers.map((s) => new Promise<void>((r) => {
        s.close(() => r());
        s.closeAllConnections();
      })));
    },
  };
}
