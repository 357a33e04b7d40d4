/**
 * `xunjian serve` as an office deploys it: bearer tokens (401 without, refused beyond loopback
 * without any, rotated by a real SIGHUP to the running process), access logs that carry the token's
 * id and never the token or the draft, limits (429 per token, 503 with Retry-After when the queue
 * is full), Prometheus metrics, and configured verdict rules.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { startServer } from '../../pipelines/serve/server';
import { parseConfig } from '../../pipelines/config';
import { CHECKS } from '../../checks/registry';
import { silentLogger } from '../../pipelines/log';

const A = 'token-a-0123456789abcdef01234567';
const B = 'token-b-fedcba9876543210fedcba98';
const root = join(__dirname, '..', '..');

function post(url: string, body: unknown, token?: string) {
  return request(`${url}/v1/check`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
}

describe('serve tokens, rotation and access logs, in a real process', () => {
  let child: ChildProcess;
  let url: string;
  let logs = '';
  const dir = mkdtempSync(join(tmpdir(), 'xj-serve-'));
  const config = (tokens: { id: string; token: string }[]) => writeFileSync(join(dir, 'xunjian.config.json'), JSON.stringify({ serve: { tokens, workers: 1 } }));
  beforeAll(async () => {
    config([{ id: 'cms-a', token: '${TOKEN_A}' }]);
    child = spawn(process.execPath, ['-r', join(root, 'test/helpers/ts-register.js'), join(root, 'pipelines/cli.ts'), 'serve', '--port', '0', '--host', '0.0.0.0'], {
      cwd: dir, env: { ...process.env, TOKEN_A: A, XUNJIAN_LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      child.stderr!.on('data', (d: Buffer) => {
        logs += d.toString();
        const m = /listening on http:\/\/[^:]+:(\d+)/.exec(logs);
        if (m) resolve(`http://127.0.0.1:${m[1]}`);
      });
      child.on('exit', (c) => reject(new Error(`serve exited ${c}: ${logs}`)));
    });
  }, 60_000);
  afterAll(() => {
    child.kill('SIGTERM');
  });

  it('answers 401 without a valid token and checks with one; /healthz stays open', async () => {
    expect((await post(url, { text: 'x' })).statusCode).toBe(401);
    expect((await post(url, { text: 'x' }, B)).statusCode).toBe(401);
    const ok = await post(url, { text: '联系人 13912345678' }, A);
    expect(ok.statusCode).toBe(200);
    expect(await ok.body.json()).toMatchObject({ verdict: 'review' });
    expect((await request(`${url}/healthz`)).statusCode).toBe(200);
    expect((await request(`${url}/metrics`)).statusCode).toBe(401);
  }, 60_000);

  it('rotates tokens on SIGHUP without a restart', async () => {
    config([{ id: 'cms-b', token: B }]);
    child.kill('SIGHUP');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await post(url, { text: 'x' }, A)).statusCode).toBe(401);
    expect((await post(url, { text: 'x' }, B)).statusCode).toBe(200);
    // A broken edit keeps the tokens in force.
    writeFileSync(join(dir, 'xunjian.config.json'), '{ "serve": { "tokens": [{ "id": "x", "token": "short" }] } }');
    child.kill('SIGHUP');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await post(url, { text: 'x' }, B)).statusCode).toBe(200);
  }, 60_000);

  it('logs every request with the token id, status, size and time, never the token or the draft', async () => {
    await post(url, { text: '身份证 110105199003071239 保密内容甲乙丙' }, B);
    await new Promise((r) => setTimeout(r, 300));
    const access = logs.split('\n').filter((l) => l.includes('"access"'));
    expect(access.length).toBeGreaterThan(3);
    expect(access.some((l) => /"client":"cms-b".*"status":200/.test(l) && /"bytes":\d+/.test(l) && /"ms":/.test(l))).toBe(true);
    expect(access.some((l) => /"client":"-".*"status":401/.test(l))).toBe(true);
    expect(logs).not.toContain(A);
    expect(logs).not.toContain(B);
    expect(logs).not.toContain('110105199003071239');
    expect(logs).not.toContain('保密内容甲乙丙');
    expect(logs).toMatch(/tokens and verdict rules reloaded/);
    expect(logs).toMatch(/config not reloaded/);
  });
});

describe('serve limits, metrics and verdict rules', () => {
  it('refuses to listen beyond loopback without a token', async () => {
    await expect(startServer({ config: parseConfig({}, '(test)', {}), log: silentLogger, checks: CHECKS, failOn: 'high', port: 0, host: '0.0.0.0', workers: 0 })).rejects.toThrow(/refusing to listen on 0\.0\.0\.0 without serve\.tokens/);
  });
  it('rejects tokens that are empty or short in the config, naming them', () => {
    expect(() => parseConfig({ serve: { tokens: [{ id: 'a', token: 'short' }, { id: 'b', token: '' }] } }, '(test)', {})).toThrow(/\/serve\/tokens\/0\/token: only 5 characters[\s\S]*\/serve\/tokens\/1\/token: empty/);
  });
  it('limits each token\'s rate (429), queues then answers 503 with Retry-After, and serves Prometheus metrics', async () => {
    const config = parseConfig({ serve: { tokens: [{ id: 'cms', token: A }], rateLimit: { max: 3, windowMs: 60_000 }, maxQueue: 0 } }, '(test)', {});
    const srv = await startServer({ config, log: silentLogger, checks: CHECKS, failOn: 'high', port: 0, host: '127.0.0.1', workers: 1 });
    try {
      const big = { text: '通知。'.repeat(40_000) };
      const burst = await Promise.all([1, 2, 3].map(() => post(srv.url, big, A)));
      const statuses = burst.map((r) => r.statusCode).sort();
      expect(statuses).toContain(200);
      expect(statuses).toContain(503);
      const busy = burst.find((r) => r.statusCode === 503)!;
      expect(busy.headers['retry-after']).toBe('1');
      for (const r of burst) await r.body.dump();
      const limited = await post(srv.url, { text: 'x' }, A);
      expect(limited.statusCode).toBe(429);
      expect(await limited.body.json()).toMatchObject({ error: expect.stringMatching(/more than 3 requests/) });
      const m = await request(`${srv.url}/metrics`, { headers: { authorization: `Bearer ${A}` } });
      const text = await m.body.text();
      expect(m.headers['content-type']).toMatch(/text\/plain/);
      expect(text).toMatch(/xunjian_serve_requests_total\{route="\/v1\/check",status="200",token="cms"\} \d+/);
      expect(text).toMatch(/xunjian_serve_verdicts_total\{verdict="publish"\} \d+/);
      expect(text).toMatch(/xunjian_serve_checks_in_flight \d+/);
    } finally {
      await srv.close();
    }
  }, 60_000);
  it('applies configured verdict rules', async () => {
    const config = parseConfig({ serve: { verdict: { block: [{ family: 'privacy' }], review: [] } } }, '(test)', {});
    const srv = await startServer({ config, log: silentLogger, checks: CHECKS, failOn: 'high', port: 0, host: '127.0.0.1', workers: 0 });
    try {
      const r = await post(srv.url, { text: '联系人 13912345678' });
      expect(await r.body.json()).toMatchObject({ verdict: 'block', because: ['privacy.mobile'] });
    } finally {
      await srv.close();
    }
  });
});
