/** Captures for transport-check tests: an https homepage reached from http, with given headers. */
import type { HttpExchange, TransportCapture } from '../../checks/headers/capture';
import type { TlsFacts } from '../../checks/tls/facts';
import type { Site, TransportFacts } from '../../checks/types';
import { testSite } from './context';

export function httpsCapture(headers: Record<string, string>, o: { http?: 'redirect' | 'plain' | 'off-host'; https?: boolean } = {}): TransportCapture {
  const h = Object.fromEntries(Object.entries({ 'content-type': 'text/html', ...headers }).map(([k, v]) => [k, [v]]));
  const https: HttpExchange = { url: 'https://www.example.gov.cn/', finalUrl: 'https://www.example.gov.cn/', status: 200, headers: h, verified: true, redirects: [{ url: 'https://www.example.gov.cn/', status: 200 }], body: '<html></html>' };
  const plain: HttpExchange = { ...https, url: 'http://www.example.gov.cn/', finalUrl: 'http://www.example.gov.cn/', redirects: [{ url: 'http://www.example.gov.cn/', status: 200 }] };
  const http: HttpExchange =
    o.http === 'plain' ? plain
    : o.http === 'off-host' ? { ...https, url: 'http://www.example.gov.cn/', redirects: [{ url: 'http://www.example.gov.cn/', status: 302 }, { url: 'https://sso.example.com/', status: 302 }, { url: 'https://www.example.gov.cn/', status: 200 }] }
    : { ...https, url: 'http://www.example.gov.cn/', redirects: [{ url: 'http://www.example.gov.cn/', status: 301 }, { url: 'https://www.example.gov.cn/', status: 200 }] };
  if (o.https === false) return { capturedAt: 't', host: 'www.example.gov.cn', auto: plain, http: plain, httpsError: 'connection refused' };
  return { capturedAt: 't', host: 'www.example.gov.cn', auto: https, https, http };
}

export function tlsFacts(over: Partial<TlsFacts> = {}): TlsFacts {
  return {
    host: 'www.example.gov.cn', port: 443, protocols: { TLSv1: false, 'TLSv1.1': false, 'TLSv1.2': true, 'TLSv1.3': true }, weakCiphers: [], noForwardSecrecy: [], cbc: [],
    authorized: true, hostnameMatches: true,
    chain: [{ subject: 'CN=www.example.gov.cn', issuer: 'CN=CA', san: ['DNS:www.example.gov.cn'], notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2027-06-01T00:00:00.000Z', keyType: 'rsa', keyBits: 2048, signatureOid: '1.2.840.113549.1.1.11', signature: 'sha256WithRSAEncryption', selfSigned: false, sha256: 'AA' }],
    ...over,
  };
}

export function transportSite(t: Partial<TransportFacts> & { capture?: TransportCapture }, over: Partial<Site> = {}): Site {
  return testSite({ transport: { capture: t.capture ?? httpsCapture({}), ...t }, ...over });
}
