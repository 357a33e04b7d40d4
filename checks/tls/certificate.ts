/**
 * tls.certificate — the certificate a visitor is shown: expired or close to expiry, self-signed,
 * for another host, chain incomplete or untrusted, short RSA keys, SHA-1 or MD5 signatures. SM2
 * (国密) certificates are recognised: a chain to a 国密 root that the international trust store
 * does not hold is reported as info, not as "untrusted".
 */
import type { Severity, SiteCheck, Skipped, Span } from '../types';
import { daysBetween } from '../dates/parse';

const WARN_DAYS = 30;

export const certificate: SiteCheck = {
  kind: 'site',
  meta: {
    id: 'tls.certificate',
    family: 'tls',
    title: '证书问题 (certificate expired, untrusted or weak)',
    severity: 'high',
    duty: 'security',
    basis: 'GB/T 31506-2022 政务网站系统安全指南; GB/T 39786-2021 (商用密码应用); CA/Browser Forum Baseline Requirements',
    description:
      'Expired (critical) or expiring within 30 days (medium); self-signed, issued for another host, chain missing its ' +
      'intermediate or not trusted (high); RSA under 2048 bits (high); SHA-1 or MD5 signatures in the chain (medium). ' +
      'SM2 certificates are named as such and an SM2 chain the trust store cannot verify is info.',
    fix: '更换为受信任CA签发、与域名匹配、链完整的证书，并在到期前续期。 Serve a valid, complete chain and renew in time.',
    version: 1,
    sensitive: false,
  },
  run(site, ctx): Span[] | Skipped {
    const t = site.transport?.tls;
    if (!t) return { skipped: 'the site was not probed over TLS' };
    if (t.error || !t.chain.length) return { skipped: `no certificate: ${t.error ?? 'none sent'}` };
    const leaf = t.chain[0]!;
    const target = `${t.host}:${t.port}`;
    const out: Span[] = [];
    const add = (severity: Severity, message: string, discriminator: string) => out.push({ target, severity, message, discriminator });
    const now = ctx.clock.now().toISOString();
    const left = daysBetween(now, leaf.notAfter);
    if (leaf.notAfter < now) add('critical', `证书已于 ${leaf.notAfter.slice(0, 10)} 过期`, 'expired');
    else if (left <= WARN_DAYS) add('medium', `证书将于 ${leaf.notAfter.slice(0, 10)} 过期（剩余 ${left} 天）`, 'expiring');
    if (leaf.notBefore > now) add('high', `证书尚未生效（${leaf.notBefore.slice(0, 10)} 起）`, 'not-yet-valid');
    const sm2 = t.chain.some((c) => c.keyType === 'sm2');
    if (leaf.selfSigned) add('high', '自签名证书，访问者无法验证网站身份', 'self-signed');
    else if (!t.hostnameMatches) add('high', `证书与域名 ${t.host} 不匹配（${leaf.san.join(', ') || leaf.subject}）`, 'hostname');
    else if (!t.authorized && t.authorizationError !== 'CERT_HAS_EXPIRED') {
      const e = t.authorizationError ?? 'unknown';
      if (sm2) add('info', `国密 SM2 证书（${leaf.signature}），证书链未经国际信任库验证（${e}）`, 'sm2');
      else if (e === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' && t.chain.length === 1) add('high', '证书链不完整：服务器未发送中间证书', 'incomplete-chain');
      else if (e !== 'UNSPECIFIED' || !t.chain.some((c) => /sha1|md5/i.test(c.signature))) add('high', `证书链不受信任（${e}）`, 'untrusted');
    }
    if (leaf.keyType === 'rsa' && (leaf.keyBits ?? 0) < 2048) add('high', `RSA 密钥仅 ${leaf.keyBits} 位`, 'key-size');
    const weakSig = t.chain.filter((c) => !c.selfSigned && /sha1|md5/i.test(c.signature));
    if (weakSig.length) add('medium', `证书链使用弱签名算法：${[...new Set(weakSig.map((c) => c.signature))].join(', ')}`, 'weak-signature');
    if (sm2 && !out.some((s) => s.discriminator === 'sm2')) add('info', `国密 SM2 证书（${leaf.signature}）`, 'sm2');
    return out;
  },
};
