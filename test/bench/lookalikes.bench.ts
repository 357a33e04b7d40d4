/**
 * `xunjian lookalikes` end to end (the built CLI): 1,000 generated candidates of a department
 * host resolved against a loopback DNS server, one in ten answering with a loopback web server
 * that serves a copy of the site; goal under 60 s. Beside it, the same sweep with every name
 * unregistered (the cost of resolution alone).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lookalikeCandidates } from '../../checks/counterfeit/candidates';
import { startDns } from '../helpers/dns-server';
import { emit } from './emit';

const HOST = 'slj.baoding.gov.cn';
const CLI = join(__dirname, '..', '..', 'pipelines', 'cli.js');

async function main(): Promise<void> {
  const candidates = lookalikeCandidates(HOST, 1000, '保定市水利局');
  const web = createServer((_q, s) => s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><meta name="SiteIDCode" content="1306000001"><title>通知_保定市水利局</title></head><body><div>网站标识码：1306000001</div></body></html>'));
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', () => r()));
  const port = (web.address() as AddressInfo).port;
  const table: Record<string, string> = {};
  candidates.forEach((c, i) => {
    if (i % 10 === 0) table[c.domain] = '127.0.0.1';
  });
  const registered = await startDns(table);
  const empty = await startDns({});
  const dir = mkdtempSync(join(tmpdir(), 'xj-bench-lookalikes-'));
  writeFileSync(join(dir, 'xunjian.config.json'), JSON.stringify({ store: 'x.db', sites: [{ id: 'slj', name: '保定市水利局', urls: [`https://${HOST}/`], siteCode: '1306000001' }], counterfeit: { maxCandidates: 1000 } }));
  // Async: the DNS and web servers live in this process and must keep answering while the CLI runs.
  const run = async (dnsPort: number) => {
    const t = process.hrtime.bigint();
    const child = spawn(process.execPath, [CLI, 'lookalikes', 'slj', '--resolver', `127.0.0.1:${dnsPort}`, '--port', String(port), '--format', 'json'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    await new Promise((r) => child.on('exit', r));
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    const out = JSON.parse(stdout) as { lookalikes: { verdict: string }[] };
    return { seconds, total: out.lookalikes.length, counterfeit: out.lookalikes.filter((l) => l.verdict === 'counterfeit').length };
  };
  try {
    const base = await run(empty.port);
    const full = await run(registered.port);
    emit({ bench: 'lookalikes-1000', metric: 'seconds', value: Number(full.seconds.toFixed(1)), unit: 's', vs: `all unregistered ${base.seconds.toFixed(1)} s; goal 60 s`, ratio: Number((full.seconds / 60).toFixed(2)) });
    emit({ bench: 'lookalikes-1000', metric: 'counterfeits_found', value: full.counterfeit, unit: 'domains', vs: `${Object.keys(table).length} planted of ${full.total} candidates`, ratio: Number((full.counterfeit / Object.keys(table).length).toFixed(2)) });
    if (full.total < 1000) throw new Error(`only ${full.total} candidates`);
  } finally {
    await registered.close();
    await empty.close();
    web.close();
  }
}
main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 1;
});
