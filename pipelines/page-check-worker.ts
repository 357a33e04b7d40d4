/**
 * A check thread: builds its dictionary once, and each run's checks and wordlists at that run's
 * first page; reads the store's history through its own read-only connection; then checks the
 * pages the runs send it.
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

/** What a check thread is started with, whichever runs it then serves. */
export interface CheckThreadSetup {
  /** The run thread's word frequencies and candidate indexes, in shared memory. */
  typoTables?: SharedTypoTables;
}

/** A run's part, sent to each thread once (a pool context): one process's runs share the threads. */
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
}

export interface PageCheckTask {
  page: PageInit;
  /** The run's clock when the page was read: rules that compare with today see the same day. */
  now: string;
  /** For one of the site's own HTML pages, what to keep of it. */
  own?: OwnPageFacts;
}

interface RunChecks {
  checks: PageCheck[];
  ctx: Context;
  pageDates: boolean;
  /** The run's clock as its page was read (what ctx.clock says). */
  today: { at: Date };
  /** The script sandbox, for a run with tamper rules: its pages wait until it is loaded. */
  sandbox?: Promise<void>;
}

const { typoTables } = workerData as CheckThreadSetup;
if (typoTables) adoptTypoTables(typoTables);

/** Each store's read-only connection, opened by the first run that reads it and kept for the next. */
const stores = new Map<string, Store>();
function storeAt(path: string): Store | undefined {
  let store = stores.get(path);
  if (!store) {
    store = Store.openReadOnly(path);
    if (store) stores.set(path, store);
  }
  return store;
}

/** The tamper rules run inline scripts no static reading follows in a sandbox, loaded once a thread. */
let sandbox: Promise<void> | undefined;

/** A run's checks and context, built at its first page here and let go with its context. */
const runs = new WeakMap<PageCheckSetup, RunChecks>();
function runChecksOf(setup: PageCheckSetup): RunChecks {
  const known = runs.get(setup);
  if (known) return known;
  // None selected is a run of site or link checks alone: the thread still reads each page's facts.
  const checks = setup.checkIds.length ? selectChecks(setup.checkIds).filter((c): c is PageCheck => c.kind === 'page') : [];
  if (!typoTables && checks.some((c) => c.meta.id === 'wording.typo')) wordFrequencies();
  const tampers = checks.some((c) => c.meta.family === 'tamper');
  if (tampers) sandbox ??= loadScriptSandbox();
  const store = setup.storePath ? storeAt(setup.storePath) : undefined;
  const today = { at: new Date() };
  const ctx: Context = {
    clock: { now: () => today.at },
    log: silentLogger,
    firstSeen: (url) => store?.firstSeen(setup.siteId, url),
    wordlists: wordingOptions(setup.config, silentLogger).wordlists,
    frequencies: wordFrequencies,
    ...(setup.inventory ? { inventory: setup.inventory } : {}),
    ...(store ? { originals: originalsIndex(store) } : {}),
    ...(setup.trustedHosts ? { trustedHosts: setup.trustedHosts } : {}),
    ...(setup.known ? { known: setup.known } : {}),
  };
  const run: RunChecks = { checks, ctx, pageDates: setup.pageDates, today, ...(tampers ? { sandbox } : {}) };
  runs.set(setup, run);
  return run;
}

answerTasks(parentPort!, async (task: PageCheckTask, setup: PageCheckSetup | undefined) => {
  if (!setup) throw new Error('a page came without its run');
  const run = runChecksOf(setup);
  if (run.sandbox) await run.sandbox;
  run.today.at = new Date(task.now);
  const page = createPage(task.page);
  return runPageChecks(run.checks, page, run.ctx, { dates: run.pageDates, ...(task.own ? { own: task.own } : {}) });
});
