/**
 * Which hosts may carry a government identity: under gov.cn, the CONAC-only `.政务`/`.公益`
 * suffixes (registrable only through CONAC, reference counterfeit-tamper.md §1), and the hosts
 * the config lists for its sites (their urls, crawl hosts and `mirrors`: official .org.cn or
 * legacy hosts an office still runs).
 */
import { domainToASCII } from 'node:url';
import { getDomain } from 'tldts';
import type { Inventory, InventorySite, Page, Skipped } from '../types';
import { isPrivateHost } from '../private-address';

const GOV_SUFFIX = /(?:^|\.)(?:gov\.cn|xn--zfr164b|xn--55qw42g)$/i;

/** A page links the same few hosts again and again; IDNA conversion is dear enough to remember. */
const ASCII_HOSTS = new Map<string, string>();

export function asciiHost(host: string): string {
  let a = ASCII_HOSTS.get(host);
  if (a === undefined) {
    a = (domainToASCII(host.toLowerCase().replace(/\.$/, '')) || host.toLowerCase()).replace(/:\d+$/, '');
    if (ASCII_HOSTS.size >= 10_000) ASCII_HOSTS.clear();
    ASCII_HOSTS.set(host, a);
  }
  return a;
}

export function isGovSuffix(host: string): boolean {
  return GOV_SUFFIX.test(asciiHost(host));
}

/** The registrable domain, private suffixes included (`beijing.gov.cn.com` → `gov.cn.com`). */
export function registrable(host: string): string {
  const h = asciiHost(host);
  return getDomain(h, { allowPrivateDomains: true }) ?? h;
}

/** The configured site this host belongs to (exactly, or as a subdomain of one of its hosts). */
export function ownerOf(host: string, inventory: Inventory | undefined): InventorySite | undefined {
  const h = asciiHost(host);
  return inventory?.sites.find((s) => s.hosts.some((x) => h === x || h.endsWith(`.${x}`)));
}

/** A host that may legitimately carry a government identity. */
export function isOfficialHost(host: string, inventory: Inventory | undefined): boolean {
  return isGovSuffix(host) || ownerOf(host, inventory) !== undefined || (inventory?.officialHosts ?? []).some((x) => asciiHost(host) === x || asciiHost(host).endsWith(`.${x}`));
}

export function hostOf(url: string): string | undefined {
  try {
    return asciiHost(new URL(url).hostname);
  } catch {
    return undefined;
  }
}

/**
 * The host an HTML page was served from, or why a counterfeit rule cannot judge it: a file, an
 * export record or a draft has no web address (their `file:` and `export:` URLs have an empty
 * host), and a CMS preview or intranet copy is not a public site.
 */
export function servedHost(page: Page): string | Skipped {
  if (page.contentType !== 'html') return { skipped: 'not html' };
  const url = page.finalUrl || page.url;
  const host = /^https?:/i.test(url) ? hostOf(url) : undefined;
  if (!host) return { skipped: 'the page has no web address (check it with --url)' };
  if (isPrivateHost(host)) return { skipped: 'served from a private address (a preview or intranet host): no public site to judge' };
  return host;
}
