/**
 * TLS probing with Node's own OpenSSL: one handshake per protocol version (security level 0, so
 * that what the server *offers* is seen, not what we would accept), one per weak cipher family,
 * and the default handshake for the chain, verification and the hostname. SSLv2/SSLv3 cannot be
 * spoken by Node's OpenSSL 3 and are not probed. Every handshake has its own deadline.
 */
import { connect, checkServerIdentity, rootCertificates, type DetailedPeerCertificate, type TLSSocket, type ConnectionOptions } from 'node:tls';
import { isIP } from 'node:net';
import { certFacts, TLS_VERSIONS, type TlsFacts, type TlsVersion } from '../../checks/tls/facts';

export interface TlsProbeOptions {
  timeoutMs?: number;
  /** Extra trusted CA certificates (PEM), like testssl.sh --add-ca. */
  ca?: string[];
  /** SNI name and the name the certificate must match; defaults to the host. */
  servername?: string;
}

interface Handshake {
  socket?: TLSSocket;
  error?: string;
}

function handshake(host: string, port: number, opts: ConnectionOptions, timeoutMs: number): Promise<Handshake> {
  return new Promise((resolve) => {
    let done = false;
    const timer: { id?: NodeJS.Timeout } = {};
    const finish = (h: Handshake) => {
      if (done) return;
      done = true;
      clearTimeout(timer.id);
      resolve(h);
    };
    let socket: TLSSocket;
    try {
      socket = connect({ host, port, rejectUnauthorized: false, ...opts }, () => finish({ socket }));
    } catch (e) {
      // Our OpenSSL knows no suite of that family (EXPORT, RC4 are compiled out): nothing to offer.
      finish({ error: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
      return;
    }
    socket.on('error', (e: NodeJS.ErrnoException) => {
      socket.destroy();
      finish({ error: e.code ?? e.message });
    });
    timer.id = setTimeout(() => {
      socket.destroy();
      finish({ error: 'timeout' });
    }, timeoutMs);
  });
}

const WEAK = ['RC4', '3DES', 'DES', 'eNULL', 'EXPORT', 'aNULL', 'MD5'];
/** OpenSSL has no alias for CBC suites: the usual ones by name. */
const CBC = [
  'ECDHE-ECDSA-AES128-SHA', 'ECDHE-RSA-AES128-SHA', 'ECDHE-ECDSA-AES256-SHA', 'ECDHE-RSA-AES256-SHA', 'ECDHE-ECDSA-AES128-SHA256',
  'ECDHE-RSA-AES128-SHA256', 'ECDHE-ECDSA-AES256-SHA384', 'ECDHE-RSA-AES256-SHA384', 'DHE-RSA-AES128-SHA', 'DHE-RSA-AES256-SHA',
  'DHE-RSA-AES128-SHA256', 'DHE-RSA-AES256-SHA256', 'AES128-SHA', 'AES256-SHA', 'AES128-SHA256', 'AES256-SHA256', 'CAMELLIA128-SHA', 'CAMELLIA256-SHA',
].join(':');

/**
 * Failures that say nothing about what the server offers. A refusal is a TLS alert
 * (EPROTO, ERR_SSL_*); a reset or a silence may be a full accept queue, so it is retried.
 */
const NO_ANSWER = new Set(['timeout', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EAI_AGAIN', 'ENOTFOUND', 'EMFILE']);

function isUndecided(error: string): boolean {
  return NO_ANSWER.has(error);
}

export async function probeTls(host: string, port: number, o: TlsProbeOptions = {}): Promise<TlsFacts> {
  const timeoutMs = o.timeoutMs ?? 5000;
  const servername = o.servername ?? host;
  const sni = isIP(servername) ? {} : { servername };
  const ca = o.ca?.length ? { ca: [...rootCertificates, ...o.ca] } : {};
  const facts: TlsFacts = { host: servername, port, protocols: {}, weakCiphers: [], noForwardSecrecy: [], cbc: [], authorized: false, hostnameMatches: false, chain: [] };

  const main = await handshake(host, port, { ...sni, ...ca }, timeoutMs);
  if (main.socket) {
    const s = main.socket;
    facts.negotiated = { protocol: s.getProtocol() ?? 'unknown', cipher: s.getCipher().name };
    facts.authorized = s.authorized;
    if (s.authorizationError) facts.authorizationError = String(s.authorizationError);
    const peer = s.getPeerCertificate(true);
    const seen = new Set<string>();
    for (let c: DetailedPeerCertificate | undefined = peer; c && c.raw && !seen.has(c.fingerprint256); c = c.issuerCertificate) {
      seen.add(c.fingerprint256);
      facts.chain.push(certFacts(c.raw));
    }
    facts.hostnameMatches = peer.raw ? checkServerIdentity(servername, peer) === undefined : false;
    s.destroy();
  } else {
    facts.error = main.error;
  }

  // Versions and suite families are independent handshakes, run together. One that neither
  // completes nor is refused (a timeout, a refused connection, a reset before the server has
  // shown it speaks TLS) is not a verdict: it is retried alone, and if still undecided it is
  // named in `unjudged` instead of being read as "not offered".
  const speaksTls = !!main.socket;
  const probes: { what: string; opts: ConnectionOptions; accepted(s: TLSSocket): void; refused(): void }[] = [
    ...TLS_VERSIONS.map((v: TlsVersion) => ({
      what: v,
      opts: { minVersion: v, maxVersion: v, ciphers: 'ALL:@SECLEVEL=0' } as ConnectionOptions,
      accepted: () => void (facts.protocols[v] = true),
      refused: () => void (facts.protocols[v] = false),
    })),
    ...[...WEAK.map((f) => [f, `${f}:@SECLEVEL=0`, facts.weakCiphers] as const), ['kRSA', 'kRSA:@SECLEVEL=0', facts.noForwardSecrecy] as const, ['CBC', `${CBC}:@SECLEVEL=0`, facts.cbc] as const].map(
      ([what, ciphers, into]) => ({
        what: `${what} suites`,
        opts: { maxVersion: 'TLSv1.2', minVersion: 'TLSv1', ciphers } as ConnectionOptions,
        accepted: (sock: TLSSocket) => void into.push(sock.getCipher().name),
        refused: () => undefined,
      }),
    ),
  ];
  const attempt = async (p: (typeof probes)[number]): Promise<string | undefined> => {
    const h = await handshake(host, port, { ...sni, ...p.opts }, timeoutMs);
    if (h.socket) {
      p.accepted(h.socket);
      h.socket.destroy();
      return undefined;
    }
    if (isUndecided(h.error!)) return h.error;
    p.refused();
    return undefined;
  };
  const first = await Promise.all(probes.map(attempt));
  // Retries only against a server that does speak TLS (one that answers nothing is `error`),
  // one at a time, in up to three rounds within a budget: a server that takes one connection
  // at a time still has the first pass's abandoned connections queued, and a firewall that
  // drops some hellos must not cost a minute.
  let pending = first.flatMap((why, i) => (why === undefined ? [] : [{ probe: probes[i]!, why }]));
  const retryUntil = Date.now() + 6 * timeoutMs;
  for (let round = 0; speaksTls && round < 3 && pending.length && Date.now() < retryUntil; round++) {
    const still: typeof pending = [];
    for (const p of pending) {
      const why = Date.now() < retryUntil ? await attempt(p.probe) : p.why;
      if (why !== undefined) still.push({ probe: p.probe, why });
    }
    pending = still;
  }
  const unjudged = pending.map((p) => ({ what: p.probe.what, reason: p.why }));
  if (unjudged.length) facts.unjudged = unjudged;
  facts.weakCiphers = [...new Set(facts.weakCiphers)].sort();
  if (!main.socket && Object.values(facts.protocols).some(Boolean)) delete facts.error;
  return facts;
}
