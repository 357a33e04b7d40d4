/**
 * TLS verdicts beside testssl.sh (Debian `testssl.sh`) on the same loopback servers: good,
 * missing intermediate, expired, self-signed, wrong host, TLS 1.0 enabled, weak cipher. For each
 * covered verdict we print whether both tools agree, and the time ratio. Without testssl in PATH
 * only our side is timed. Also: `probe` of one loopback site end to end (the < 3 s goal).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeTls } from '../../pipelines/probe/tls';
import type { TlsFacts } from '../../checks/tls/facts';
import { makePki, startTls } from '../helpers/tls-servers';
import { parseConfig } from '../../pipelines/config';
import { probe, PROBE_CHECKS } from '../../pipelines/jobs';
import { selectChecks } from '../../checks/registry';
import { silentLogger } from '../../pipelines/log';
import { Store } from '../../pipelines/store/store';
import { emit } from './emit';

type Verdict = 'expired' | 'self-signed' | 'hostname' | 'incomplete-chain' | 'tls1.0' | 'weak-cipher';
const VERDICTS: Verdict[] = ['expired', 'self-signed', 'hostname', 'incomplete-chain', 'tls1.0', 'weak-cipher'];

function ours(f: TlsFacts): Set<Verdict> {
  const v = new Set<Verdict>();
  const leaf = f.chain[0];
  if (leaf && leaf.notAfter < new Date().toISOString()) v.add('expired');
  if (leaf?.selfSigned) v.add('self-signed');
  if (!f.hostnameMatches) v.add('hostname');
  if (f.authorizationError === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' && f.chain.length === 1) v.add('incomplete-chain');
  if (f.protocols.TLSv1) v.add('tls1.0');
  if (f.weakCiphers.length || f.noForwardSecrecy.length || f.cbc.length) v.add('weak-cipher');
  return v;
}

function theirs(json: { id: string; severity: string; finding: string }[]): Set<Verdict> {
  const v = new Set<Verdict>();
  const get = (id: string) => json.find((x) => x.id === id);
  if (/expired/i.test(get('cert_expirationStatus')?.finding ?? '')) v.add('expired');
  const chain = get('cert_chain_of_trust')?.finding ?? '';
  if (/self signed/i.test(chain)) v.add('self-signed');
  if (/incomplete/i.test(chain)) v.add('incomplete-chain');
  const trust = get('cert_trust');
  if (trust && trust.severity !== 'OK' && trust.severity !== 'INFO') v.add('hostname');
  if (/^offered/i.test(get('TLS1')?.finding ?? '')) v.add('tls1.0');
  for (const id of ['cipherlist_NULL', 'cipherlist_aNULL', 'cipherlist_EXPORT', 'cipherlist_LOW', 'cipherlist_3DES_IDEA', 'cipherlist_AVERAGE']) {
    if (/^offered/i.test(get(id)?.finding ?? '')) v.add('weak-cipher');
  }
  return v;
}

async function main(): Promise<void> {
  const pki = makePki();
  const good = pki.leaf('good', { viaIntermediate: true });
  const expired = pki.leaf('expired', { start: '20200101000000Z', end: '20200201000000Z' });
  const wrong = pki.leaf('wrong', { host: 'www.example.org' });
  const self = pki.selfSigned('self');
  const GOOD = 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305';
  const scenarios: [string, Parameters<typeof startTls>[0]][] = [
    ['good', { key: good.key, cert: good.chain, ciphers: GOOD }],
    ['incomplete-chain', { key: good.key, cert: good.cert, ciphers: GOOD }],
    ['expired', { key: expired.key, cert: expired.cert, ciphers: GOOD }],
    ['self-signed', { key: self.key, cert: self.cert, ciphers: GOOD }],
    ['wrong-host', { key: wrong.key, cert: wrong.cert, ciphers: GOOD }],
    ['tls1.0', { key: good.key, cert: good.chain, minVersion: 'TLSv1', ciphers: `${GOOD}:ECDHE-RSA-AES128-SHA:@SECLEVEL=0` }],
    ['weak-cipher', { key: good.key, cert: good.chain, maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA:@SECLEVEL=0' }],
  ];
  const hasTestssl = spawnSync('testssl', ['--version'], { encoding: 'utf8' }).status === 0;
  const caFile = join(pki.dir, 'ca.crt');
  let agree = 0;
  let compared = 0;
  let oursMs = 0;
  let theirsMs = 0;
  const disagreements: string[] = [];
  for (const [name, opts] of scenarios) {
    const server = await startTls(opts);
    let t = Date.now();
    const f = await probeTls('127.0.0.1', server.port, { ca: [pki.caPem], servername: 'localhost' });
    oursMs += Date.now() - t;
    const a = ours(f);
    if (hasTestssl) {
      const out = join(mkdtempSync(join(tmpdir(), 'xj-testssl-')), 'r.json');
      t = Date.now();
      // Asynchronously: the servers under test live in this process and must keep answering.
      const run = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
        const child = spawn('testssl', ['--quiet', '--color', '0', '--warnings', 'off', '--add-ca', caFile, '-p', '-S', '-s', '--jsonfile', out, `localhost:${server.port}`], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', () => resolve({ stdout, stderr }));
      });
      theirsMs += Date.now() - t;
      let json: { id: string; severity: string; finding: string }[];
      try {
        json = JSON.parse(readFileSync(out, 'utf8')) as typeof json;
      } catch {
        disagreements.push(`${name}: testssl gave no result (${(run.stdout + run.stderr).trim().split('\n').slice(-2).join(' ')})`);
        await server.close();
        continue;
      }
      const b = theirs(json);
      for (const v of VERDICTS) {
        compared++;
        if (a.has(v) === b.has(v)) agree++;
        else disagreements.push(`${name}: ${v} ours=${a.has(v)} testssl=${b.has(v)}`);
      }
    }
    await server.close();
  }
  if (hasTestssl) {
    emit({ bench: 'tls-verdicts-vs-testssl', metric: 'same_verdicts', value: agree, unit: `of ${compared} (${scenarios.length} servers × ${VERDICTS.length} verdicts)`, vs: `testssl.sh -p -S -s; ${disagreements.join('; ') || 'no disagreement'}`, ratio: Number((agree / compared).toFixed(3)) });
    emit({ bench: 'tls-probe-time', metric: 'ms_per_server', value: Math.round(oursMs / scenarios.length), unit: 'ms', vs: `testssl.sh ${Math.round(theirsMs / scenarios.length)} ms per server`, ratio: Number((theirsMs / oursMs).toFixed(1)) });
  } else {
    process.stderr.write('tls comparison: testssl not installed (apt-get install testssl.sh); timing ours only\n');
    emit({ bench: 'tls-probe-time', metric: 'ms_per_server', value: Math.round(oursMs / scenarios.length), unit: 'ms', vs: 'testssl.sh not installed', ratio: null });
  }

  // xunjian probe of one loopback site, end to end (http + https + CORS + TLS + IPv6 + checks + store).
  const cert = pki.leaf('site', { viaIntermediate: true });
  const https = createHttps({ key: cert.key, cert: cert.chain, ciphers: GOOD }, (_q, s) => s.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><a href="/a">a</a></body></html>'));
  await new Promise<void>((r) => https.listen(0, '::', () => r()));
  const httpsPort = (https.address() as AddressInfo).port;
  const http: Server = createHttp((_q, s) => s.writeHead(301, { location: `https://localhost:${httpsPort}/` }).end());
  await new Promise<void>((r) => http.listen(0, '::', () => r()));
  const httpPort = (http.address() as AddressInfo).port;
  const store = Store.open(':memory:');
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = Date.now();
    await probe({ config: parseConfig({}, '(bench)'), clock: { now: () => new Date() }, log: silentLogger, store }, `https://localhost:${httpsPort}/`, selectChecks(PROBE_CHECKS), {
      ca: [pki.caPem], addresses: ['127.0.0.1'], lookup6: async () => ['::1'], httpPort, httpsPort,
    });
    times.push(Date.now() - t);
  }
  store.close();
  https.close();
  http.close();
  times.sort((x, y) => x - y);
  emit({ bench: 'probe-one-loopback-site', metric: 'ms', value: times[2]!, unit: 'ms (median of 5)', vs: 'goal: under 3,000 ms', ratio: null });
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e) + '\n');
  process.exit(1);
});
