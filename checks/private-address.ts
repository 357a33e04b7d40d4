/**
 * Addresses no public site lives at: loopback, private and link-local ranges, shared address space,
 * and host names that only a local network resolves. The crawler refuses them unless told (a
 * public page must not steer it into the office network); the counterfeit rules do not judge a
 * page served from one (a CMS preview, an intranet copy) as a public site.
 */
import { isIP } from 'node:net';

export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  const l = ip.toLowerCase();
  return l === '::1' || l === '::' || l.startsWith('fc') || l.startsWith('fd') || l.startsWith('fe80') || l.startsWith('::ffff:127.') || l.startsWith('::ffff:10.') || l.startsWith('::ffff:192.168.');
}

/** Single-label names (localhost, cms-preview) and the suffixes local networks use. */
const LOCAL_NAME = /^[^.]+$|\.(?:local|localhost|internal|intranet|lan|corp|home\.arpa)$/i;

/** A URL host (name or address, IPv6 in brackets) that is not a public site's. */
export function isPrivateHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return isIP(h) ? isPrivateAddress(h) : LOCAL_NAME.test(h.replace(/\.$/, ''));
}
