/**
 * A check thread of a scan: builds its checks, wordlists and dictionary once, reads the store's
 * history through its own read-only connection, then checks the pages the run sends it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { selectChecks } from '../checks/registry';
import { createPage, type PageInit } from '../checks/page';
import type { Context, Inventory, KnownResources, PageCheck } from '../checks/types';
import type { Config } from './config';
import { silentLogger } from './log';
import { runPageChecks, type OwnPageFacts } from './page-checks';
import { Store } from './store/store';
import { originalsIndex } from './store/identity';
import { wordingOptions } from './user-wordlists';
import { adoptTypoTables, wordFrequencies, type SharedTypoTables } from './word-frequencies';
import { loadScriptSandbox } from '../checks/tamper/sandbox';
import { answerTasks } from './worker-pool';

export interface PageCheckSetup {
  config: Config;
  checkIds: string[];
  siteId: string;
  storePath?: string;
  inventory?: Inventory;
  trustedHosts?: readonly string[];
  known?: KnownResources;
  /** The run reads each page's dated facts (FactsWanted.dates). */
  pageDates: boolean;
  /** The run thread's word frequencies and candidate indexes, in shared memory. */
  typoTables?: SharedTypoTables;
}

export interface PageCheckTask {
  page: PageInit;
  /** The run's clock when the page was read: rules that compare with today see the same day. */
  now: string;
  /** For one of the site's own HTML pages, what to keep of it. */
  own?: OwnPageFacts;
}

const setup = workerData as PageCheckSetup;
// None selected is a run of site or link checks alone: the thread still reads each page's facts.
const checks = setup.checkIds.length ? selectChecks(setup.checkIds).filter((c): c is PageCheck => c.kind === 'page') : [];
if (setup.typoTables) adoptTypoTables(setup.typoTables);
else if (checks.some((c) => c.meta.id === 'wording.typo')) wordFrequencies();
const store = setup.storePath ? Store.openReadOnly(setup.storePath) : undefined;
let now = new Date();
const ctx: Context = {
  clock: { now: () => now },
  log: silentLogger,
  firstSeen: (url) => store?.firstSeen(setup.siteId, url),
  wordlists: wordingOptions(setup.config, silentLogger).wordlists,
  frequencies: wordFrequencies,
  ...(setup.inventory ? { inventory: setup.inventory } : {}),
  ...(store ? { originals: originalsIndex(store) } : {}),
  ...(setup.trustedHosts ? { trustedHosts: setup.trustedHosts } : {}),
  ...(setup.known ? { known: setup.known } : {}),
};

// The tamper rules run inline scripts no static reading follows in a sandbox, loaded once here.
const sandbox = checks.some((c) => c.meta.family === 'tamper') ? loadScriptSandbox() : Promise.resolve();

answerTasks(parentPort!, async (task: PageCheckTask) => {
  await sandbox;
  now = new Date(task.now);
  const page = createPage(task.page);
  return runPageChecks(checks, page, ctx, { dates: setup.pageDates, ...(task.own ? { own: task.own } : {}) });
});
