/**
 * A run killed (SIGKILL, no chance to clean up) after it wrote evidence leaves a WARC file that
 * no manifest lists. `evidence verify` must name it; the next run must seal it into the chain;
 * and once sealed, bytes appended to it must break verification like any other evidence file.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { htmlPage } from '../helpers/loopback';
import { runCli } from '../helpers/cli';
import { parseManifest } from '../../pipelines/evidence/manifest';

const root = join(__dirname, '..', '..');
const PAGES = 80;
// Constructed, checksum-valid test numbers (not people's): every page has a finding to capture.
const IDS = ['11010519491231002X', '440305198104040039'];

let server: Server;
let origin: string;
let requests = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    setTimeout(() => {
      const m = /^\/p(\d+)\.html$/.exec(req.url ?? '');
      res.writeHead(req.url === '/' || m ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      if (req.url === '/') return void res.end(htmlPage('首页', '示范市人民政府', Array.from({ length: PAGES }, (_, i) => `/p${i + 1}.html`)));
      res.end(m ? htmlPage(`第${m[1]}页`, `公示：身份证号 ${IDS[Number(m[1]) % 2]}。`) : 'no');
    }, 30);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }));

function warcFiles(ledger: string): string[] {
  const base = join(ledger, 'warc');
  if (!existsSync(base)) return [];
  return readdirSync(base).flatMap((site) => readdirSync(join(base, site)).filter((f) => f.endsWith('.warc.gz')).map((f) => `warc/${site}/${f}`));
}

async function until(cond: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('evidence of a killed run', () => {
  it('is named by verify, sealed by the next run, and tamper-evident from then on', async () => {
    const work = mkdtempSync(join(tmpdir(), 'xj-killed-'));
    writeFileSync(join(work, 'xunjian.config.json'), JSON.stringify({ store: 'x.db', evidence: { dir: 'ledger' }, crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false, perOrigin: 2, concurrency: 2 } }));
    const ledger = join(work, 'ledger');
    const child = spawn(process.execPath, ['-r', join(root, 'test/helpers/ts-register.js'), join(root, 'pipelines/cli.ts'), 'scan', `${origin}/`, '--format', 'json'], { cwd: work, stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r));
    // Killed once a few pages' evidence is on disk, long before the crawl could finish.
    await until(() => warcFiles(ledger).some((w) => readFileSync(join(ledger, w)).length > 4000));
    child.kill('SIGKILL');
    await exited;
    expect(requests).toBeLessThan(PAGES);
    const [orphan] = warcFiles(ledger);

    const before = await runCli(['evidence', 'verify'], work);
    expect(before.code).not.toBe(0);
    expect(before.stdout + before.stderr).toContain(`${orphan}: in no manifest`);

    const next = await runCli(['scan', `${origin}/`, '--format', 'json'], work);
    const summary = JSON.parse(next.stdout).summary;
    expect(summary.status).toBe('complete');
    // The sealing manifest is chained right before the new run's own.
    const own = parseManifest(readFileSync(join(ledger, summary.evidence.manifest), 'utf8'), 'own');
    const sealedName = own.header.previous!.manifest;
    const sealed = parseManifest(readFileSync(join(ledger, sealedName), 'utf8'), 'sealed');
    expect(sealed.header.status).toBe('killed');
    expect(sealed.warcs).toEqual([expect.objectContaining({ file: orphan, orphan: true, records: expect.any(Number) })]);
    expect(sealed.warcs[0]!.records).toBeGreaterThan(1);

    const intact = await runCli(['evidence', 'verify'], work);
    expect({ code: intact.code, out: intact.stdout }).toEqual({ code: 0, out: expect.any(String) });

    appendFileSync(join(ledger, orphan!), 'garbage appended after the fact');
    const tampered = await runCli(['evidence', 'verify'], work);
    expect(tampered.code).not.toBe(0);
    expect(tampered.stdout + tampered.stderr).toContain(`${orphan}: SHA-256 differs from ${sealedName}`);
  }, 90_000);
});
