/**
 * The official identities the counterfeit rules compare pages against: every configured site with
 * all the hosts it may use, plus the run's own site (an ad-hoc `scan URL` is its own owner).
 */
import type { Inventory, InventorySite, SiteIdentity } from '../checks/types';
import { asciiHost } from '../checks/counterfeit/hosts';
import type { Config, SiteConfig } from './config';
import type { Store } from './store/store';
import { latestIdentity } from './store/identity';

function hostsOf(urls: readonly string[]): string[] {
  return urls.flatMap((u) => {
    try {
      return [asciiHost(new URL(u).hostname)];
    } catch {
      return [];
    }
  });
}

function entry(s: SiteConfig | SiteIdentity, extraHosts: readonly string[] = []): InventorySite {
  const conf = s as SiteConfig;
  const hosts = [...hostsOf(s.urls), ...(conf.crawl?.hosts ?? []), ...(conf.mirrors ?? []), ...extraHosts].map(asciiHost);
  return { ...s, hosts: [...new Set(hosts)] };
}

const cache = new WeakMap<Config, Inventory>();

export function inventoryOf(config: Config, runSite?: SiteIdentity): Inventory {
  let base = cache.get(config);
  if (!base) {
    base = { sites: config.sites.map((s) => entry(s)), officialHosts: config.counterfeit.officialHosts.map(asciiHost) };
    cache.set(config, base);
  }
  if (!runSite || base.sites.some((s) => s.id === runSite.id)) return base;
  return { ...base, sites: [...base.sites, entry(runSite)] };
}

/**
 * The inventory with the marks the store saw on each site's own pages: a counterfeit that copies
 * a 网站标识码 or CONAC id is caught even where the config names none.
 */
export function withObserved(inventory: Inventory, store: Store | undefined): Inventory {
  if (!store) return inventory;
  return {
    ...inventory,
    sites: inventory.sites.map((s) => {
      const seen = latestIdentity(store, s.id);
      return seen ? { ...s, observed: seen.record } : s;
    }),
  };
}
