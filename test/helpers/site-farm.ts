/**
 * Many small generated government sites on loopback, one HTTP server (own port) each, for the
 * queue and scale tests: a homepage, column pages and articles; some articles carry a citizen's
 * identity-card number and mobile number (privacy findings), some link a removed attachment (a
 * broken link), so every site has findings whose fingerprints can be compared between runs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FarmSite {
  id: string;
  origin: string;
}

export interface SiteFarm {
  sites: FarmSite[];
  /** Requests answered so far, all sites. */
  requests(): number;
  close(): Promise<void>;
}

/** A valid 18-digit identity-card number (GB 11643 check digit) from a 17-digit base. */
export function idCard(base17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...base17].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return base17 + '10X98765432'[sum % 11]!;
}

function page(title: string, body: string, links: string[]): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
<div class="nav">${links.map((l, i) => `<a href="${l}">栏目${i + 1}</a>`).join(' ')}</div>
<h1>${title}</h1><div class="info">发布时间：2026-03-${String((title.length % 27) + 1).padStart(2, '0')}</div>
<div class="content">${body}</div><div class="footer">主办单位：测试市人民政府办公室</div></body></html>`;
}

export async function startSiteFarm(count: number, articles = 12, delayMs = 0): Promise<SiteFarm> {
  let requests = 0;
  const servers: Server[] = [];
  const sites: FarmSite[] = [];
  for (let s = 0; s < count; s++) {
    const name = `第${s + 1}区`;
    const server = createServer((req, res) => {
      requests++;
      const path = (req.url ?? '/').split('?')[0]!;
      const send = (status: number, body: string, type = 'text/html; charset=utf-8') => {
        const go = () => {
          res.writeHead(status, { 'content-type': type });
          res.end(body);
        };
        if (delayMs) setTimeout(go, delayMs);
        else go();
      };
      if (path === '/robots.txt') return send(200, 'User-agent: *\nAllow: /\n', 'text/plain');
      if (path === '/' || path === '/index.html') {
        return send(200, page(`${name}人民政府门户网站`, '<p>欢迎访问。</p>', Array.from({ length: articles }, (_, i) => `/art/${i}.html`)));
      }
      const m = /^\/art\/(\d+)\.html$/.exec(path);
      if (m && Number(m[1]) < articles) {
        const i = Number(m[1]);
        let body = `<p>${name}关于做好第${i + 1}批民生实事项目的通知。各有关单位要认真组织实施，确保按期完成。</p>`;
        if (i % 4 === 1) body += `<p>拟补助人员公示：王某某，身份证号码 ${idCard(`3201021980${String(1 + (s % 12)).padStart(2, '0')}${String(10 + (i % 18)).padStart(2, '0')}${String(100 + s).slice(-3)}`)}，联系电话 139${String(10_000_000 + s * 97 + i).slice(-8)}。</p>`;
        if (i % 3 === 2) body += `<p>附件：<a href="/files/removed-${i}.pdf">申报表.pdf</a></p>`;
        return send(200, page(`${name}通知（第${i + 1}号）`, body, ['/']));
      }
      send(404, '<html><head><title>404 Not Found</title></head><body>404 Not Found</body></html>');
    });
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    servers.push(server);
    sites.push({ id: `site${String(s + 1).padStart(3, '0')}`, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  }
  return {
    sites,
    requests: () => requests,
    close: async () => {
      await Promise.all(servers.map((sv) => new Promise<void>((r) => {
        sv.close(() => r());
        sv.closeAllConnections();
      })));
    },
  };
}

/** A config for the farm: one crawl pipeline per site, politeness lifted for loopback. */
export function farmConfig(farm: SiteFarm, store: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    store,
    crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false, retries: 0, allowPrivateNetworks: true, perOrigin: 4, concurrency: 8 },
    sites: farm.sites.map((s) => ({ id: s.id, name: `${s.id} 人民政府`, urls: [`${s.origin}/`] })),
    pipelines: farm.sites.map((s) => ({ id: `crawl-${s.id}`, site: s.id, source: { crawl: true }, checks: ['privacy', 'links'], sinks: [] })),
    ...extra,
  };
}
