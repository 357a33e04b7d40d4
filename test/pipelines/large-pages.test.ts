/**
 * A homepage far larger than any real one — 120,000 sibling paragraphs and 40,000 hidden links to
 * one spam domain, 3.7 MB — scanned with every check by the CLI, in a child process with a
 * deadline. Grouping siblings and links by copying each group's array at every member made it
 * quadratic: the key-page snapshot alone took 55 s on 80,000 paragraphs and 216 s on 160,000.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

const ROOT = join(__dirname, '../..');

function homepage(): string {
  const paragraphs = Array.from({ length: 120_000 }, (_, i) => `<p>第${i}段。</p>`).join('');
  const hidden = Array.from({ length: 40_000 }, (_, i) => `<a href="http://bet365-spam.example/p${i}.html">博彩${i}</a>`).join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>示范市人民政府</title></head><body><div class="main">${paragraphs}</div><div style="display:none">${hidden}</div></body></html>`;
}

function runScan(cwd: string, url: string, timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', join(ROOT, 'test/helpers/ts-register.js'), join(ROOT, 'pipelines/cli.ts'), 'scan', url, '--format', 'json'], {
      cwd, env: { ...process.env, XUNJIAN_BROWSER: 'none' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('a homepage of 120,000 paragraphs and 40,000 hidden links', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    const body = Buffer.from(homepage());
    server = createServer((req, res) => {
      if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length }).end(body);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('is scanned with every check in time linear in its size, its hidden links found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-large-page-'));
    writeFileSync(join(dir, 'xunjian.config.json'), JSON.stringify({ store: 'x.db', crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false, retries: 0, allowPrivateNetworks: true, maxPages: 1 } }));
    const r = await runScan(dir, `${origin}/`, 100_000);
    expect([r.signal, r.stderr.includes('Error') ? r.stderr : '']).toEqual([null, '']);
    const out = JSON.parse(r.stdout) as { summary: { pages: number; status: string }; findings: { rule: string; url: string }[] };
    expect(out.summary.pages).toBe(1);
    expect(out.findings.filter((f) => f.rule === 'tamper.hidden-link').length).toBeGreaterThan(0);
  }, 130_000);
});
