import { gzipSync, deflateRawSync, brotliCompressSync } from 'node:zlib';
import { Agent, errors } from 'undici';
import { classifyError, createAgent, fetchOnce, FetchError, DEFAULT_LIMITS, type FetchLimits } from '../../../pipelines/sources/fetch';
import { startLoopback, type Loopback } from '../../helpers/loopback';

const limits: FetchLimits = { ...DEFAULT_LIMITS, totalTimeoutMs: 1500, bodyTimeoutMs: 1000, headersTimeoutMs: 1000, maxBodyBytes: 1024 * 1024, maxDecodedBytes: 4 * 1024 * 1024 };
const agent = createAgent({ connectionsPerOrigin: 4, limits });
let srv: Loopback;

beforeAll(async () => {
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MiB of zeros, ~64 KiB on the wire
  srv = await startLoopback((req, res) => {
    switch (req.url) {
      case '/ok':
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        res.end(gzipSync(Buffer.from('<p>正常</p>')));
        return;
      case '/raw-deflate':
        res.writeHead(200, { 'content-encoding': 'deflate' });
        res.end(deflateRawSync(Buffer.from('raw')));
        return;
      case '/br':
        res.writeHead(200, { 'content-encoding': 'br' });
        res.end(brotliCompressSync(Buffer.from('brotli')));
        return;
      case '/bomb':
        res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
        res.end(bomb);
        return;
      case '/claims-1gb':
        res.writeHead(200, { 'content-length': String(1024 ** 3) });
        res.write('x'.repeat(1000)); // then stalls: we must not wait for the rest
        return;
      case '/stream-2mb': {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        let sent = 0;
        const pump = (): void => {
          while (sent < 2 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
        return;
      }
      case '/drip': {
        // A byte every 200 ms forever: no per-chunk timeout fires, only the total deadline.
        res.writeHead(200, { 'content-type': 'text/html' });
        const t = setInterval(() => res.write('.'), 200);
        res.on('close', () => clearInterval(t));
        return;
      }
      case '/reset':
        req.socket.destroy();
        return;
      case '/bad-gzip':
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.end('not gzip at all');
        return;
      default:
        res.writeHead(404);
        res.end();
    }
  });
});
afterAll(async () => {
  await agent.close();
  await srv.close();
});

async function code(path: string): Promise<string> {
  try {
    await fetchOnce(agent, { url: srv.origin + path, headers: {}, limits });
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(FetchError);
    return (e as FetchError).code;
  }
}

describe('fetchOnce', () => {
  // fetch.ts loads undici's agent and errors by their own modules (a faster start): they must be the
  // very objects the package exports, or request() elsewhere and instanceof would silently differ.
  it('uses the agent and errors undici exports', () => {
    expect(agent).toBeInstanceOf(Agent);
    expect(classifyError(new errors.HeadersTimeoutError(), 'https://a.gov.cn/').code).toBe('timeout');
    expect(classifyError(new errors.HTTPParserError('bad'), 'https://a.gov.cn/').code).toBe('bad-response');
  });
  it('decodes gzip, raw deflate and brotli', async () => {
    const r = await fetchOnce(agent, { url: `${srv.origin}/ok`, headers: {}, limits });
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe('<p>正常</p>');
    expect((await fetchOnce(agent, { url: `${srv.origin}/raw-deflate`, headers: {}, limits })).body.toString()).toBe('raw');
    expect((await fetchOnce(agent, { url: `${srv.origin}/br`, headers: {}, limits })).body.toString()).toBe('brotli');
  });
  it('stops a gzip bomb at the decompression cap', async () => {
    expect(await code('/bomb')).toBe('decompression-bomb');
  });
  it('refuses a declared 1 GB body without reading it', async () => {
    const t = Date.now();
    expect(await code('/claims-1gb')).toBe('too-large');
    expect(Date.now() - t).toBeLessThan(1000);
  });
  it('stops an undeclared body at the size cap', async () => {
    expect(await code('/stream-2mb')).toBe('too-large');
  });
  it('gives up on a body that never finishes at the total deadline, saying the site answered', async () => {
    const t = Date.now();
    expect(await code('/drip')).toBe('too-slow');
    expect(Date.now() - t).toBeLessThan(4000);
  });
  it('counts the deadline from the call: a request still waiting for a connection times out, and the connection serves the next one', async () => {
    const one = createAgent({ connectionsPerOrigin: 1, limits });
    try {
      const hung = fetchOnce(one, { url: `${srv.origin}/drip`, headers: {}, limits }).catch((e: FetchError) => e.code);
      const t = Date.now();
      const queued = await fetchOnce(one, { url: `${srv.origin}/ok`, headers: {}, limits: { ...limits, totalTimeoutMs: 300 } }).then(() => 'ok', (e: FetchError) => e.code);
      expect(queued).toBe('timeout');
      expect(Date.now() - t).toBeLessThan(1000);
      expect(await hung).toBe('too-slow');
      expect((await fetchOnce(one, { url: `${srv.origin}/ok`, headers: {}, limits })).body.toString()).toBe('<p>正常</p>');
    } finally {
      await one.close();
    }
  });
  it('reads a body only up to truncateAt, without error, and leaves it undecoded', async () => {
    const r = await fetchOnce(agent, { url: `${srv.origin}/stream-2mb`, headers: {}, limits, truncateAt: 100_000 });
    expect(r.status).toBe(200);
    expect(r.wireBytes).toBeGreaterThanOrEqual(100_000);
    expect(r.wireBytes).toBeLessThan(1024 * 1024);
    expect(r.body.length).toBe(r.wireBytes);
    const gz = await fetchOnce(agent, { url: `${srv.origin}/ok`, headers: {}, limits, truncateAt: 1_000 });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body[0]).toBe(0x1f);
  });
  it('names a reset connection and a corrupt encoding', async () => {
    expect(await code('/reset')).toBe('connection-reset');
    expect(await code('/bad-gzip')).toBe('bad-encoding');
  });
  it('returns 4xx responses rather than throwing', async () => {
    expect((await fetchOnce(agent, { url: `${srv.origin}/nope`, headers: {}, limits })).status).toBe(404);
  });
  it('names a refused connection', async () => {
    try {
      await fetchOnce(agent, { url: 'http://127.0.0.1:1/', headers: {}, limits });
      throw new Error('expected failure');
    } catch (e) {
      expect((e as FetchError).code).toBe('connection-refused');
    }
  });
});

/**
 * A raw HTTP/1.1 server that counts connections; `bodyAfterHead` makes it send a body after its
 * answer to HEAD too, a little late (as a misbehaving server does), so the stray bytes meet the
 * next request on that connection.
 */
async function rawServer(bodyAfterHead: boolean): Promise<{ origin: string; connections: () => number; close: () => Promise<void> }> {
  const { createServer } = await import('node:net');
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    let buffered = '';
    let answering = Promise.resolve();
    socket.on('error', () => undefined);
    socket.on('data', (d) => {
      buffered += d.toString('latin1');
      for (let end = buffered.indexOf('\r\n\r\n'); end >= 0; end = buffered.indexOf('\r\n\r\n')) {
        const [method, path] = buffered.slice(0, end).split(' ');
        buffered = buffered.slice(end + 4);
        const body = `answer to ${path}`;
        answering = answering.then(async () => {
          socket.write(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n`);
          if (method === 'HEAD' && !bodyAfterHead) return;
          await new Promise((r) => setTimeout(r, 20));
          socket.write(body);
        });
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as import('node:net').AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('fetchOnce and HEAD', () => {
  it('keeps the connection open after a HEAD (one connection for a run of link checks)', async () => {
    const server = await rawServer(false);
    const own = createAgent({ connectionsPerOrigin: 1, limits });
    try {
      for (let i = 0; i < 5; i++) expect((await fetchOnce(own, { url: `${server.origin}/f${i}.pdf`, method: 'HEAD', headers: {}, limits })).status).toBe(200);
      const res = await fetchOnce(own, { url: `${server.origin}/page`, headers: {}, limits });
      expect(res.body.toString()).toBe('answer to /page');
      expect(server.connections()).toBe(1);
    } finally {
      await own.close();
      await server.close();
    }
  });

  it('still answers each request rightly when a server sends a body after HEAD (the next request on that connection is made again)', async () => {
    const server = await rawServer(true);
    const own = createAgent({ connectionsPerOrigin: 1, limits });
    try {
      const answers: string[] = [];
      for (const [method, path] of [['HEAD', '/a'], ['GET', '/b'], ['GET', '/c'], ['HEAD', '/d'], ['GET', '/e'], ['HEAD', '/f'], ['GET', '/g']] as const) {
        const res = await fetchOnce(own, { url: `${server.origin}${path}`, method, headers: {}, limits });
        answers.push(`${method} ${path} ${res.status} ${res.body.toString()}`);
      }
      expect(answers).toEqual([
        'HEAD /a 200 ',
        'GET /b 200 answer to /b',
        'GET /c 200 answer to /c',
        'HEAD /d 200 ',
        'GET /e 200 answer to /e',
        'HEAD /f 200 ',
        'GET /g 200 answer to /g',
      ]);
    } finally {
      await own.close();
      await server.close();
    }
  });
});
