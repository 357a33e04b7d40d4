/**
 * tls.cipher — weak cipher suites (RC4, 3DES, DES, NULL, EXPORT, anonymous, MD5) and suites
 * without forward secrecy (static RSA key exchange) accepted by the server.
 */
import type { SiteCheck, Skipped, Span } from '../types';
import { probedTls } from './facts';

export const cipher: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'tls.cipher',
    family: 'tls',
    title: '弱密码套件 (weak cipher suites offered)',
    severity: 'high',
    duty: 'security',
    basis: 'GB/T 31506-2022 政务网站系统安全指南 (通信网络安全); Mozilla Server Side TLS 6.0 intermediate',
    description: 'RC4, 3DES, DES, NULL, EXPORT, anonymous or MD5 suites accepted (high); static-RSA suites without forward secrecy accepted (medium); CBC-mode suites accepted (low, outside Mozilla intermediate 6.0).',
    fix: '仅保留 ECDHE/DHE 前向保密的 AEAD 套件。 Offer only forward-secret AEAD suites.',
    version: 1,
    sensitive: false,
  },
  run(site): Span[] | Skipped {
    const t = probedTls(site);
    if ('skipped' in t) return t;
    const target = `${t.host}:${t.port}`;
    const out: Span[] = [];
    if (t.weakCiphers.length) out.push({ target, message: `接受弱密码套件：${t.weakCiphers.join(', ')}`, discriminator: 'weak' });
    if (t.noForwardSecrecy.length) out.push({ target, severity: 'medium', message: `接受无前向保密的套件：${t.noForwardSecrecy.join(', ')}`, discriminator: 'no-fs' });
    if (t.cbc.length) out.push({ target, severity: 'low', message: `接受 CBC 模式套件（Mozilla intermediate 6.0 已不含）：${t.cbc.join(', ')}`, discriminator: 'cbc' });
    return out;
  },
};
