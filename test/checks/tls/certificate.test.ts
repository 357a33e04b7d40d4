import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { certificate } from '../../../checks/tls/certificate';
import { certFacts } from '../../../checks/tls/facts';
import { testContext } from '../../helpers/context';
import { tlsFacts, transportSite } from '../../helpers/transport';

const leaf = tlsFacts().chain[0]!;
const run = (t: Parameters<typeof tlsFacts>[0]) => {
  const r = certificate.run(transportSite({ tls: tlsFacts(t) }), testContext());
  return Array.isArray(r) ? r.map((s) => `${s.severity} ${s.discriminator}`) : r;
};

describe('tls.certificate', () => {
  it('passes a valid certificate', () => expect(run({})).toEqual([]));
  it('reports expiry, near expiry, self-signed, wrong host, missing intermediate, short keys and SHA-1', () => {
    expect(run({ authorized: false, authorizationError: 'CERT_HAS_EXPIRED', chain: [{ ...leaf, notAfter: '2026-01-01T00:00:00.000Z' }] })).toEqual(['critical expired']);
    expect(run({ chain: [{ ...leaf, notAfter: '2026-12-10T00:00:00.000Z' }] })).toEqual(['medium expiring']);
    expect(run({ authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT', chain: [{ ...leaf, selfSigned: true }] })).toEqual(['high self-signed']);
    expect(run({ authorized: false, authorizationError: 'ERR_TLS_CERT_ALTNAME_INVALID', hostnameMatches: false })).toEqual(['high hostname']);
    expect(run({ authorized: false, authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' })).toEqual(['high incomplete-chain']);
    expect(run({ chain: [{ ...leaf, keyBits: 1024 }] })).toEqual(['high key-size']);
    expect(run({ chain: [{ ...leaf, signature: 'sha1WithRSAEncryption' }] })).toEqual(['medium weak-signature']);
  });
  it('recognises an SM2 certificate and does not call its 国密 chain untrusted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-sm2-'));
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', 'k.pem'], { cwd: dir, stdio: 'pipe' });
    execFileSync('openssl', ['req', '-new', '-x509', '-key', 'k.pem', '-sm3', '-sigopt', 'distid:1234567812345678', '-out', 'c.pem', '-subj', '/CN=www.example.gov.cn', '-days', '365'], { cwd: dir, stdio: 'pipe' });
    const facts = certFacts(new X509Certificate(readFileSync(join(dir, 'c.pem'))).raw);
    expect(facts).toMatchObject({ keyType: 'sm2', signature: 'SM2-with-SM3' });
    const sm2 = { ...facts, selfSigned: false, notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2027-06-01T00:00:00.000Z' };
    expect(run({ authorized: false, authorizationError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', chain: [sm2] })).toEqual(['info sm2']);
  });
});
