/**
 * Loopback TLS servers for transport tests and the testssl.sh comparison, with certificates made
 * by the openssl CLI at start: a test CA, an intermediate, and leaves that are good, expired,
 * self-signed, for the wrong host, without their intermediate, or signed with SHA-1.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server, type ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface TestPki {
  dir: string;
  caPem: string;
  leaf(name: string, o?: { host?: string; start?: string; end?: string; md?: string; viaIntermediate?: boolean; bits?: number }): { key: string; cert: string; chain: string };
  selfSigned(name: string): { key: string; cert: string };
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

export function makePki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'xj-pki-'));
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    `[ca]\ndefault_ca = test\n[test]\ndir = ${dir}\ndatabase = ${dir}/index.txt\nnew_certs_dir = ${dir}\nserial = ${dir}/serial\ndefault_md = sha256\npolicy = any\ncopy_extensions = copy\nunique_subject = no\n[any]\ncommonName = supplied\n[v3_ca]\nbasicConstraints = critical,CA:true\nkeyUsage = critical,keyCertSign,cRLSign\n`,
  );
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=Xunjian Test Root CA', '-days', '3650'], dir);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'int.key', '-out', 'int.csr', '-subj', '/CN=Xunjian Test Intermediate CA'], dir);
  openssl(['ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.crt', '-keyfile', 'ca.key', '-in', 'int.csr', '-out', 'int.crt', '-days', '3650', '-extensions', 'v3_ca', '-notext'], dir);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return {
    dir,
    caPem: read('ca.crt'),
    leaf(name, o = {}) {
      const host = o.host ?? 'localhost';
      openssl(['req', '-newkey', `rsa:${o.bits ?? 2048}`, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${host}`, '-addext', `subjectAltName=DNS:${host}${host === 'localhost' ? ',IP:127.0.0.1' : ''}`], dir);
      const [cert, key] = o.viaIntermediate ? ['int.crt', 'int.key'] : ['ca.crt', 'ca.key'];
      const validity = o.start && o.end ? ['-startdate', o.start, '-enddate', o.end] : ['-days', '365'];
      openssl(['ca', '-batch', '-config', 'ca.cnf', '-cert', cert, '-keyfile', key, '-in', `${name}.csr`, '-out', `${name}.crt`, '-md', o.md ?? 'sha256', '-notext', ...validity], dir);
      return { key: read(`${name}.key`), cert: read(`${name}.crt`), chain: read(`${name}.crt`) + (o.viaIntermediate ? read('int.crt') : '') };
    },
    selfSigned(name) {
      openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-days', '365'], dir);
      return { key: read(`${name}.key`), cert: read(`${name}.crt`) };
    },
  };
}

export interface TlsLoopback {
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * An HTTPS server on 127.0.0.1 with the given TLS options, answering every request with a small
 * page. A real HTTP server (not a bare TLS socket): handshake-only clients such as openssl
 * s_client, which testssl.sh drives, otherwise wait for a hang-up that never comes.
 */
export async function startTls(opts: ServerOptions, headers: Record<string, string> = { 'content-type': 'text/html' }): Promise<TlsLoopback> {
  const server = createServer({ handshakeTimeout: 3000, ...opts }, (_req, res) => res.writeHead(200, { ...headers, connection: 'close' }).end('<html></html>'));
  server.keepAliveTimeout = 500;
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as AddressInfo).port,
    server,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
