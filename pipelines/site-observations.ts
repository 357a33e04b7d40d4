/**
 * What a script reads about a site from `sites[]` (CONTRACT): the header grade, TLS, HTTPS, IPv6
 * and availability as observed, whether or not any of them raised a finding. Derived from a
 * probe's capture; a scan carries the site's latest stored probe, named by its time.
 */
import type { ProbeRecord, SiteIdentity, TransportFacts } from '../checks/types';
import { header } from '../checks/headers/capture';
import { observatoryGrade } from '../checks/headers/observatory';
import { TLS_VERSIONS } from '../checks/tls/facts';

export interface SiteObservations {
  /** When the transport was captured. */
  observedAt?: string;
  headers?: { grade: string; score: number; algorithm: string };
  tls?: {
    protocols: string[];
    cipher: string | null;
    certificate: { subject: string; issuer: string; notAfter: string; selfSigned: boolean; hostnameMatch: boolean; chainComplete: boolean } | null;
    error?: string;
  };
  https?: { redirectsToHttps: boolean; hsts: string | null };
  ipv6?: { aaaa: boolean; reachable: boolean };
  availability?: { probes: number; failures: number; ratio: number };
}

export interface SiteSummary extends SiteObservations {
  id: string;
  url: string;
  name: string;
}

export function transportObservations(t: TransportFacts): SiteObservations {
  const out: SiteObservations = { observedAt: t.capture.capturedAt };
  const g = observatoryGrade(t.capture);
  if (g) out.headers = { grade: g.grade, score: g.score, algorithm: `observatory-v${g.algorithmVersion}` };
  if (t.tls) {
    const leaf = t.tls.chain[0];
    out.tls = {
      protocols: TLS_VERSIONS.filter((v) => t.tls!.protocols[v] === true),
      cipher: t.tls.negotiated?.cipher ?? null,
      certificate: leaf
        ? {
          subject: leaf.subject,
          issuer: leaf.issuer,
          notAfter: leaf.notAfter,
          selfSigned: leaf.selfSigned,
          hostnameMatch: t.tls.hostnameMatches,
          // A chain the server sent whole verifies, or fails for a reason other than a missing issuer.
          chainComplete: t.tls.authorized || !/UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/.test(t.tls.authorizationError ?? ''),
        }
        : null,
      ...(t.tls.error ? { error: t.tls.error } : {}),
    };
  }
  const c = t.capture;
  if (c.http || c.https) {
    const hsts = c.https ? header(c.https.headers, 'strict-transport-security')[0] : undefined;
    out.https = { redirectsToHttps: c.http?.finalUrl.startsWith('https:') ?? false, hsts: hsts ?? null };
  }
  if (t.ipv6) out.ipv6 = { aaaa: t.ipv6.addresses.length > 0, reachable: t.ipv6.status !== undefined && t.ipv6.status < 500 && !t.ipv6.error };
  return out;
}

/** Probes of the window: failures are what the 19号 line counts (a bot block is not an outage). */
export function availabilityOf(probes: readonly ProbeRecord[]): SiteObservations['availability'] {
  if (!probes.length) return undefined;
  const failures = probes.filter((p) => !p.ok && p.outcome !== 'blocked').length;
  return { probes: probes.length, failures, ratio: Math.round((failures / probes.length) * 10_000) / 10_000 };
}

export function siteSummary(site: SiteIdentity, observed: SiteObservations | undefined): SiteSummary {
  return { id: site.id, url: site.urls[0] ?? '', name: site.name, ...observed };
}

/** A probe's observations, with the availability of the stored window. */
export function probeObservations(t: TransportFacts, probes: readonly ProbeRecord[]): SiteObservations {
  const availability = availabilityOf(probes);
  return { ...transportObservations(t), ...(availability ? { availability } : {}) };
}
