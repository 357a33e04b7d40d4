/**
 * Checking drafts: the JSON a CMS posts, read like an export (same schema, same errors naming
 * the record and field), run through every selected check; nothing is fetched, nothing stored.
 * Runs in a worker thread of the pool (or inline when the pool has no threads) from the raw body
 * to the answer's JSON text, so the HTTP thread neither parses nor serialises a draft.
 */
import type { Check, Logger, Severity } from '../../checks/types';
import { severityRank } from '../../checks/types';
import { checkById } from '../../checks/registry';
import type { Config } from '../config';
import { ExportSource } from '../sources/export';
import { resolveSite } from '../jobs';
import { runPipeline, type RunResult } from '../run';
import { wordingOptions } from '../user-wordlists';
import { inventoryOf } from '../inventory';
import { forPeople } from '../../reports/for-people';
import { verdictOf, type Verdict, type VerdictRules } from './verdict';

export interface DraftTask {
  /** The request body as received. */
  body: string;
  site?: string;
  /** `?failOn=`: findings at or above it block too. */
  failOn?: Severity;
  rules: VerdictRules;
}

export interface DraftAnswer {
  status: number;
  /** The JSON text to send. */
  json: string;
  verdict?: Verdict;
}

class DraftError extends Error {
  constructor(readonly status: number, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}

/** One draft or many, as the JSON text of an export array. */
function toExport(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (e) {
    throw new DraftError(400, `body is not valid JSON: ${(e as Error).message}`);
  }
  if (Array.isArray(parsed)) return JSON.stringify(parsed);
  if (parsed && typeof parsed === 'object') {
    const o = parsed as Record<string, unknown>;
    if (Array.isArray(o['articles'])) return JSON.stringify(o['articles']);
    return JSON.stringify([{ id: 'draft', ...o }]);
  }
  throw new DraftError(400, 'expected a JSON object or array');
}

export async function checkDrafts(config: Config, checks: readonly Check[], log: Logger, exportJson: string, siteParam?: string): Promise<RunResult> {
  const clock = { now: () => new Date() };
  const { site } = resolveSite(config, siteParam);
  const source = new ExportSource('(request)', site.id, clock, exportJson);
  const result = await runPipeline(source, {
    command: 'serve', site, checks, clock, log, inventory: inventoryOf(config, site), trustedHosts: config.tamper.trustedHosts, ...wordingOptions(config, log),
  });
  return forPeople(result);
}

/** The whole answer to one request: 200 with the verdict, or 400 naming what is wrong with the draft. */
export async function answerDraft(config: Config, checks: readonly Check[], log: Logger, task: DraftTask): Promise<DraftAnswer> {
  try {
    let result: RunResult;
    try {
      result = await checkDrafts(config, checks, log, toExport(task.body), task.site);
    } catch (e) {
      if ((e as Error).name === 'UsageError') throw new DraftError(400, (e as Error).message);
      throw e;
    }
    const invalid = result.errors.filter((e) => e.code === 'schema' || e.code === 'json');
    if (invalid.length) throw new DraftError(400, `invalid draft: ${invalid.map((e) => `record ${e.record ?? '?'}${e.field ? ` field ${e.field}` : ''}: ${e.message}`).join('; ')}`, { errors: invalid });
    const v = verdictOf(result.findings, task.rules);
    let verdict = v.verdict;
    if (task.failOn && result.findings.some((f) => severityRank(f.severity) <= severityRank(task.failOn!))) verdict = 'block';
    const hints = Object.fromEntries([...new Set(result.findings.map((f) => f.rule))].map((r) => [r, checkById(r)?.meta.fix ?? '']));
    return { status: 200, verdict, json: JSON.stringify({ ...result, verdict, because: v.because, hints, blocked: verdict === 'block' }) };
  } catch (e) {
    if (e instanceof DraftError) return { status: e.status, json: JSON.stringify({ error: e.message, ...e.extra }) };
    throw e;
  }
}
