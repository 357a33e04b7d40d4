/**
 * TLS facts as `xunjian probe` records them, and certificate facts read from DER with Node's
 * X509Certificate plus a minimal DER walk for the signature algorithm (which Node 20 does not
 * expose). SM2 keys and SM2-with-SM3 signatures (GB/T 32918, 国密) are named as such.
 */
import { X509Certificate } from 'node:crypto';
import type { Site, Skipped } from '../types';

export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
export const TLS_VERSIONS: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

export interface CertFacts {
  subject: string;
  issuer: string;
  san: string[];
  notBefore: string;
  notAfter: string;
  keyType: string;
  keyBits?: number;
  curve?: string;
  signatureOid: string;
  signature: string;
  selfSigned: boolean;
  sha256: string;
}

export interface TlsFacts {
  host: string;
  port: number;
  /** Why no handshake at all succeeded (connection refused, reset, timeout). */
  error?: string;
  protocols: Partial<Record<TlsVersion, boolean>>;
  negotiated?: { protocol: string; cipher: string };
  /** Cipher suites the server accepted from the weak families (RC4, 3DES, DES, NULL, EXPORT, anonymous, MD5). */
  weakCiphers: string[];
  /** Suites with static RSA key exchange (no forward secrecy) the server accepted. */
  noForwardSecrecy: string[];
  /** CBC-mode suites (no AEAD) the server accepted; Mozilla's intermediate profile 6.0 excludes them. */
  cbc: string[];
  /** Verified against the trust store (plus any configured extra CA). */
  authorized: boolean;
  authorizationError?: string;
  hostnameMatches: boolean;
  /** Leaf first. */
  chain: CertFacts[];
  /** Handshakes that got no answer (timeouts, refused connections), twice: those verdicts were not reached. */
  unjudged?: { what: string; reason: string }[];
}

const SIGNATURES: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassa-pss',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'ed25519',
  '1.2.156.10197.1.501': 'SM2-with-SM3',
};

function oid(bytes: Buffer): string {
  const parts = [Math.floor(bytes[0]! / 40), bytes[0]! % 40];
  let v = 0;
  for (let i = 1; i < bytes.length; i++) {
    v = v * 128 + (bytes[i]! & 0x7f);
    if (!(bytes[i]! & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** One DER TLV at `at`: [tag, content start, content end]. */
function tlv(der: Buffer, at: number): [number, number, number] {
  const tag = der[at]!;
  let len = der[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[start + i]!;
    start += n;
  }
  return [tag, start, start + len];
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm SEQUENCE { OID, ... }, signature } */
export function signatureOid(der: Buffer): string {
  const [, certStart] = tlv(der, 0);
  const [, , tbsEnd] = tlv(der, certStart);
  const [, algStart] = tlv(der, tbsEnd);
  const [tag, oidStart, oidEnd] = tlv(der, algStart);
  return tag === 0x06 ? oid(der.subarray(oidStart, oidEnd)) : 'unknown';
}

export function certFacts(der: Buffer): CertFacts {
  const x = new X509Certificate(der);
  const key = x.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const sigOid = signatureOid(der);
  let keyType = key.asymmetricKeyType ?? 'unknown';
  // OpenSSL reports an SM2 key as EC on the SM2 curve.
  if (details.namedCurve === 'SM2' || sigOid === '1.2.156.10197.1.501') keyType = 'sm2';
  return {
    subject: x.subject,
    issuer: x.issuer,
    san: (x.subjectAltName ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    notBefore: new Date(x.validFrom).toISOString(),
    notAfter: new Date(x.validTo).toISOString(),
    keyType,
    ...(details.modulusLength ? { keyBits: details.modulusLength } : {}),
    ...(details.namedCurve ? { curve: details.namedCurve } : {}),
    signatureOid: sigOid,
    signature: SIGNATURES[sigOid] ?? sigOid,
    selfSigned: x.subject === x.issuer && x.checkIssued(x),
    sha256: x.fingerprint256,
  };
}

/** The TLS facts a tls rule judges, or why there are none (not probed, no handshake). */
export function probedTls(site: Site): TlsFacts | Skipped {
  const t = site.transport?.tls;
  if (!t) return { skipped: 'the site was not probed over TLS' };
  if (t.error) return { skipped: `no TLS handshake: ${t.error}` };
  return t;
}
