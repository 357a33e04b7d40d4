/**
 * Serves the sample site on loopback only (the demo must need no network and expose nothing).
 * `{{origin}}` in a body becomes the server's own origin (sitemaps and robots need absolute URLs).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoSite, type DemoResponse } from './site';

export interface RunningSite {
  origin: string;
  server: Server;
  close(): Promise<void>;
}

export async function serveSite(routes: Map<string, DemoResponse> = demoSite(), port = 0): Promise<RunningSite> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const hit = routes.get(path) ?? routes.get(path.endsWith('/') ? path : `${path}/`);
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    if (!hit) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body><h1>404 页面不存在</h1></body></html>');
      return;
    }
    const body = hit.body.includes('{{origin}}') ? Buffer.from(hit.body.toString('utf8').replaceAll('{{origin}}', origin)) : hit.body;
    res.writeHead(hit.status, { ...hit.headers, 'content-length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${bound}`,
    server,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
