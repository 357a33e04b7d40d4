/**
 * After a run: the lifecycle decides what changed, the outbox records what each routed sink must
 * hear, and the due part of the outbox is delivered. Shared by the CLI commands and the daemon.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Clock, Logger } from '../checks/types';
import type { Config } from './config';
import { Ledger, LedgerError } from './evidence/ledger';
import type { RunResult } from './run';
import { buildSinks, deliverOutbox, enqueueEvents, type DeliverySummary, type FilingContext } from './sinks/deliver';
import type { IssueSink } from './sinks/sink';
import { reconcile, type IssueEvent } from './store/lifecycle';
import { latestReceiptId, outboxEntries, receiptsAfter } from './store/outbox';
import type { Store } from './store/store';
import type { InputError } from './sources/source';
import { localDate } from '../reports/local-time';
import { groupBy } from '../checks/group-by';

/** The ledger folder, or undefined: it holds raw personal data, so it exists only where the user put it. */
export function ledgerDir(config: Config): string | undefined {
  if (!config.evidence.dir) return undefined;
  // `(defaults)`, `(demo)`, `(test)`: no file to be relative to.
  return resolve(config.file.startsWith('(') ? process.cwd() : dirname(config.file), config.evidence.dir);
}

/** The ledger, opened once per process; an unusable ledger is an error for the run, not a crash. */
export class LedgerHandle {
  private opened?: Promise<Ledger | LedgerError>;
  constructor(private readonly config: Config) {}

  async get(): Promise<Ledger | LedgerError | undefined> {
    const dir = ledgerDir(this.config);
    if (!dir) return undefined;
    this.opened ??= Ledger.open(dir).catch((e: unknown) => (e instanceof LedgerError ? e : new LedgerError(dir, (e as Error).message)));
    return this.opened;
  }
}

export interface EvidenceSetup {
  evidence?: { ledger: Ledger; tool: string };
  setupErrors: InputError[];
}

export async function evidenceSetup(config: Config, handle: LedgerHandle, tool: string): Promise<EvidenceSetup> {
  const l = await handle.get();
  if (l instanceof Ledger) return { evidence: { ledger: l, tool }, setupErrors: [] };
  if (l instanceof LedgerError) return { setupErrors: [{ input: l.dir, code: 'evidence-unavailable', message: l.message }] };
  return { setupErrors: [] };
}

export interface FilingSummary {
  events: Record<IssueEvent['kind'], number>;
  delivery: DeliverySummary;
  pending: number;
}

export interface FilingOptions {
  config: Config;
  store: Store;
  clock: Clock;
  log: Logger;
  ledger: LedgerHandle;
  /** Give up starting new deliveries after this long; what is left stays in the outbox. */
  deliveryBudgetMs?: number;
}

export function filingContext(config: Config, store: Store): FilingContext {
  return { store, settings: config.issues, sinks: config.sinks, siteNames: Object.fromEntries(config.sites.map((s) => [s.id, s.name])), timezone: config.timezone };
}

/**
 * The sinks of a configuration, made once per process: their pacing (a robot takes 20 messages a
 * minute), label-id and user-id caches must outlive one delivery round in the daemon.
 */
const sinkSets = new WeakMap<Config, Promise<Map<string, IssueSink>>>();

export function sinksFor(o: Pick<FilingOptions, 'config' | 'ledger'>): Promise<Map<string, IssueSink>> {
  let s = sinkSets.get(o.config);
  if (!s) {
    s = o.ledger.get().then((l) => buildSinks(o.config, () => (l instanceof Ledger ? l : undefined)));
    sinkSets.set(o.config, s);
  }
  return s;
}

export async function deliverPending(o: FilingOptions, sinks?: Map<string, IssueSink>): Promise<DeliverySummary> {
  const fc = filingContext(o.config, o.store);
  const lastReceipt = latestReceiptId(o.store);
  const summary = await deliverOutbox(fc, sinks ?? (await sinksFor(o)), {
    now: () => o.clock.now(),
    log: o.log,
    ...(o.deliveryBudgetMs !== undefined ? { deadline: Date.now() + o.deliveryBudgetMs } : {}),
  });
  await keepReceipts(o, lastReceipt, summary);
  return summary;
}

/**
 * This round's delivery receipts, appended to `receipts/<day>.jsonl` in the ledger and committed:
 * what a drill report cites as "time notified" is then as tamper-evident as the findings.
 */
async function keepReceipts(o: FilingOptions, after: number, summary: DeliverySummary): Promise<void> {
  const rows = receiptsAfter(o.store, after);
  if (!rows.length) return;
  const l = await o.ledger.get();
  if (!(l instanceof Ledger)) return;
  try {
    await l.exclusive(async () => {
      const byDay = groupBy(rows, (r) => localDate(r.at, o.config.timezone));
      const paths: string[] = [];
      for (const [day, dayRows] of byDay) {
        const rel = `receipts/${day}.jsonl`;
        mkdirSync(l.path('receipts'), { recursive: true });
        appendFileSync(l.path(rel), dayRows.map((r) => JSON.stringify(r)).join('\n') + '\n');
        paths.push(rel);
      }
      await l.commit(paths, `receipts: ${rows.length} delivery exchange(s)`);
    });
  } catch (e) {
    summary.errors.push({ sink: 'ledger', message: `receipts not committed to the ledger: ${(e as Error).message}` });
  }
}

/**
 * Which (rule, URL) pairs a run re-examined: the rule reached a verdict, and not by skipping that
 * page. `gone` URLs were looked for and are not there any more (a lookalike that stopped
 * resolving): whatever was found there is gone for every rule.
 */
export function coverageOf(result: RunResult, siteUrls: readonly string[], gone: readonly string[] = []): (rule: string, url: string) => boolean {
  const judged = new Set(result.summary.rulesRun ?? []);
  const skips = new Map(result.pages.map((p) => [p.url, p.skipped ?? {}]));
  const site = new Set(siteUrls);
  const absent = new Set(gone);
  return (rule, url) => {
    if (absent.has(url)) return true;
    if (!judged.has(rule)) return false;
    const skipped = skips.get(url);
    return skipped ? skipped[rule] === undefined : site.has(url);
  };
}

/** Lifecycle + outbox + delivery for a finished run. Adds sink problems to the run's errors. */
export async function fileIssues(o: FilingOptions, result: RunResult, siteUrls: readonly string[], gone: readonly string[] = []): Promise<FilingSummary | undefined> {
  const runId = result.summary.runId;
  if (runId === undefined) return undefined;
  const at = o.clock.now().toISOString();
  const siteId = result.sites[0]?.id ?? '';
  const fc = filingContext(o.config, o.store);
  if (o.config.sites.every((s) => s.id !== siteId) && result.sites[0]) fc.siteNames[siteId] = result.sites[0].name;
  const coverage = {
    runId,
    siteId,
    complete: result.summary.status === 'complete',
    at,
    findings: result.findings,
    covers: coverageOf(result, siteUrls, gone),
  };
  // Deciding and enqueueing commit together: a process killed in between must not lose events.
  const events = o.store.db
    .transaction(() => {
      const ev = reconcile(o.store, coverage, o.config.issues);
      enqueueEvents(fc, ev, at);
      return ev;
    })
    .immediate();
  const delivery = await deliverPending(o);
  for (const e of delivery.errors) result.errors.push({ input: `sink ${e.sink}`, code: 'sink-error', message: e.message });
  const counts = { opened: 0, reopened: 0, 'rows-added': 0, regression: 0, 'rows-fixed': 0, closed: 0, 'still-present': 0 } as Record<IssueEvent['kind'], number>;
  for (const e of events) counts[e.kind]++;
  const pending = outboxEntries(o.store, ['pending', 'sending']).length;
  result.summary.issues = { events: counts, delivered: delivery.sent, pending, dead: outboxEntries(o.store, ['dead']).length };
  o.log.info({ site: siteId, runId, ...counts, delivered: delivery.sent, pending, sinkErrors: delivery.errors.length }, 'issues filed');
  return { events: counts, delivery, pending };
}
