/**
 * TLS verdicts the probe could not reach are named, not read as "not offered": a server that
 * serves one connection at a time is judged fully by retrying alone what timed out, and a probe
 * that reached no TLS verdict is a partial run with the reason in `errors`.
 */
import { createServer as createNet, type Socket } from 'node:net';
import { TLSSocket, createSecureContext } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { probeTls } from '../../pipelines/probe/tls';
import { runPipeline } from '../../pipelines/run';
import { ItemsSource } from '../../pipelines/jobs';
import { selectChecks } from '../../checks/registry';
import { silentLogger } from '../../pipelines/log';
import { makePki } from '../helpers/tls-servers';
import { httpsCapture, tlsFacts } from '../helpers/transport';

/** A TLS server that takes the next connection only 250 ms after the last one closed. */
async function oneAtATime(key: string, cert: string): Promise<{ port: number; close(): Promise<void>; served(): number; accepted(): number }> {
  const context = createSecureContext({ key, cert, minVersion: 'TLSv1.2' });
  const queue: Socket[] = [];
  let busy = false;
  let served = 0;
  let accepted = 0;
  const next = (): void => {
    const raw = queue.shift();
    if (!raw) {
      busy = false;
      return;
    }
    busy = true;
    served++;
    const tls = new TLSSocket(raw, { isServer: true, secureContext: context });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      tls.destroy();
      setTimeout(next, 250);
    };
    tls.on('error', finish);
    tls.on('close', finish);
    raw.resume();
  };
  const server = createNet({ pauseOnConnect: true }, (raw) => {
    accepted++;
    raw.on('error', () => undefined);
    queue.push(raw);
    if (!busy) next();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as AddressInfo).port,
    served: () => served,
    accepted: () => accepted,
    close: () => new Promise((r) => { for (const s of queue) s.destroy(); server.close(() => r()); }),
  };
}

describe('probeTls', () => {
  const pki = makePki();
  const leaf = pki.leaf('localhost');

  it('judges every version and suite of a server that serves one connection at a time', async () => {
    const srv = await oneAtATime(leaf.key, leaf.chain);
    try {
      const t = await probeTls('127.0.0.1', srv.port, { timeoutMs: 1000, servername: 'localhost', ca: [pki.caPem] });
      expect(t.error).toBeUndefined();
      expect(t.unjudged).toBeUndefined();
      expect(t.protocols).toEqual({ TLSv1: false, 'TLSv1.1': false, 'TLSv1.2': true, 'TLSv1.3': true });
      expect(t.authorized).toBe(true);
    } finally {
      await srv.close();
    }
  }, 60_000);

  it('names what it could not judge when a server stops answering', async () => {
    // Accepts TCP and never says a word: every handshake times out.
    const held: Socket[] = [];
    const silent = createNet((c) => {
      held.push(c);
      c.on('error', () => undefined);
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as AddressInfo).port;
    const started = Date.now();
    const t = await probeTls('127.0.0.1', port, { timeoutMs: 300 });
    expect(t.error).toBe('timeout');
    expect(t.protocols).toEqual({});
    // No retries against a server never seen speaking TLS: one deadline, not one per handshake.
    expect(Date.now() - started).toBeLessThan(5000);
    for (const c of held) c.destroy();
    await new Promise<void>((r) => silent.close(() => r()));
  });
});

describe('a probe run with TLS verdicts not reached', () => {
  const run = (tls: ReturnType<typeof tlsFacts>) =>
    runPipeline(new ItemsSource('probe https://www.example.gov.cn/', async () => []), {
      command: 'probe',
      site: { id: 'site', name: '示例', urls: ['https://www.example.gov.cn/'] } as never,
      checks: selectChecks(['tls']),
      clock: { now: () => new Date('2026-12-01T00:00:00Z') },
      log: silentLogger,
      transport: { capture: httpsCapture({}), tls, ipv6: { addresses: [], links: [] } },
    });

  it('is partial and lists each handshake that got no answer', async () => {
    const r = await run(tlsFacts({ protocols: { 'TLSv1.2': true, 'TLSv1.3': true }, unjudged: [{ what: 'TLSv1', reason: 'timeout' }, { what: 'RC4 suites', reason: 'ECONNRESET' }] }));
    expect(r.summary.status).toBe('partial');
    expect(r.errors.map((e) => [e.code, e.field])).toEqual([['tls-not-judged', 'TLSv1'], ['tls-not-judged', 'RC4 suites']]);
  });

  it('is partial when no handshake succeeded at all', async () => {
    const r = await run(tlsFacts({ error: 'ECONNREFUSED' }));
    expect(r.summary.status).toBe('partial');
    expect(r.errors).toEqual([expect.objectContaining({ code: 'tls-not-judged', message: expect.stringContaining('ECONNREFUSED') })]);
  });

  it('is complete when every verdict was reached', async () => {
    const r = await run(tlsFacts({}));
    expect(r.summary.status).toBe('complete');
    expect(r.errors).toEqual([]);
  });
});
