import { request } from 'undici';
import { startServer } from '../../pipelines/serve/server';
import { parseConfig } from '../../pipelines/config';
import { CHECKS } from '../../checks/registry';
import { silentLogger } from '../../pipelines/log';

describe('xunjian serve', () => {
  let srv: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    srv = await startServer({ config: parseConfig({}, '(test)', {}), log: silentLogger, checks: CHECKS, failOn: 'high', port: 0, host: '127.0.0.1' });
  });
  afterAll(() => srv.close());

  const post = async (body: string, query = '') => {
    const r = await request(`${srv.url}/v1/check${query}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    return { status: r.statusCode, json: (await r.body.json()) as Record<string, unknown> };
  };

  it('blocks a draft with a leaked ID number, masked in the answer, with the rule\'s fix hint', async () => {
    const r = await post(JSON.stringify({ html: '<p>身份证 110105199003071239</p>', url: 'https://a.gov.cn/draft.html' }));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ verdict: 'block', blocked: true, because: ['privacy.id-card'] });
    expect((r.json['hints'] as Record<string, string>)['privacy.id-card']).toMatch(/./);
    expect(JSON.stringify(r.json)).not.toContain('110105199003071239');
  });
  it('sends a citizen\'s mobile number to review, lets a clean draft through, and honours failOn', async () => {
    expect((await post(JSON.stringify({ text: '联系人手机 13912345678。' }))).json).toMatchObject({ verdict: 'review', blocked: false, because: ['privacy.mobile'] });
    expect((await post(JSON.stringify({ text: '示范市召开会议。' }))).json).toMatchObject({ verdict: 'publish', blocked: false });
    expect((await post(JSON.stringify({ text: '联系人手机 13912345678。' }), '?failOn=medium')).json).toMatchObject({ verdict: 'block', blocked: true });
  });
  // The check threads read the server's word tables in shared memory: a slip only they reveal.
  it('finds a slip only the word frequencies reveal, on its check threads', async () => {
    const r = await post(JSON.stringify({ text: '要依法严历打击违法犯罪行为。' }));
    const findings = r.json['findings'] as { rule: string; suggestion?: string }[];
    expect(findings.find((f) => f.rule === 'wording.typo')?.suggestion).toBe('严厉');
  });
  it('answers an invalid draft with 400 naming the record and field', async () => {
    const r = await post(JSON.stringify({ articles: [{ id: 'a', text: 'ok' }, { id: 'b' }] }));
    expect(r.status).toBe(400);
    expect(r.json['error']).toMatch(/record 2 field \/html/);
    expect(r.json['errors']).toEqual([expect.objectContaining({ record: 2, field: '/html' })]);
  });
  it('answers 400 to bad JSON and bad parameters, 404/405 elsewhere, 200 on /healthz', async () => {
    expect((await post('{"html": ')).status).toBe(400);
    expect((await post('{}', '?failOn=severe')).status).toBe(400);
    expect((await post('{}', '?site=nope')).status).toBe(400);
    expect((await request(`${srv.url}/v1/check`)).statusCode).toBe(405);
    expect((await request(`${srv.url}/nope`)).statusCode).toBe(404);
    const h = await request(`${srv.url}/healthz`);
    expect(h.statusCode).toBe(200);
    expect(await h.body.json()).toMatchObject({ status: 'ok' });
  });
  it('refuses a body over 10 MB with 413', async () => {
    const r = await post(JSON.stringify({ text: 'x'.repeat(11 * 1024 * 1024) }));
    expect(r.status).toBe(413);
  });
});

describe('xunjian serve and slow clients', () => {
  it('drops a request whose body drips in slower than the request timeout, and still answers others', async () => {
    const { connect } = await import('node:net');
    const srv = await startServer({ config: parseConfig({}, '(test)', {}), log: silentLogger, checks: CHECKS, failOn: 'high', port: 0, host: '127.0.0.1', headersTimeoutMs: 500, requestTimeoutMs: 800 });
    try {
      const { port } = new URL(srv.url);
      const sock = connect(Number(port), '127.0.0.1');
      sock.on('error', () => undefined); // the server hanging up mid-drip is the point
      const started = Date.now();
      sock.write('POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"text":"');
      const drip = setInterval(() => sock.writable && sock.write('a'), 100);
      const closedAfter = await new Promise<number>((r) => sock.on('close', () => r(Date.now() - started)));
      clearInterval(drip);
      // Closed by the 0.8 s deadline (checked every 0.5 s), not held for the client's whole drip.
      expect(closedAfter).toBeLessThan(5000);
      const ok = await request(`${srv.url}/healthz`);
      expect(ok.statusCode).toBe(200);
      await ok.body.dump();
    } finally {
      await srv.close();
    }
  });
});
