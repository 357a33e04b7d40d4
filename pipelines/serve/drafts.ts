/**
 * Checking drafts: the JSON a CMS posts, read like an export (same schema, same errors naming
 * the record and field), run through every selected check; nothing is fetched, nothing stored.
 * Runs in a worker thread of the pool, or inline when the pool has no threads.
 */
import type { Check, Logger } from '../../checks/types';
import type { Config } from '../config';
import { ExportSource } from '../sources/export';
import { resolveSite } from '../jobs';
import { runPipeline, type RunResult } from '../run';
import { wordingOptions } from '../user-wordlists';
import { inventoryOf } from '../inventory';
import { forPeople } from '../../reports/for-people';

export interface DraftTask {
  /** The drafts as the JSON text of an export array. */
  exportJson: string;
  site?: string;
}

export async function checkDrafts(config: Config, checks: readonly Check[], log: Logger, task: DraftTask): Promise<RunResult> {
  const clock = { now: () => new Date() };
  const { site } = resolveSite(config, task.site);
  const source = new ExportSource('(request)', site.id, clock, task.exportJson);
  const result = await runPipeline(source, {
    command: 'serve', site, checks, clock, log, inventory: inventoryOf(config, site), trustedHosts: config.tamper.trustedHosts, ...wordingOptions(config, log),
  });
  return forPeople(result);
}
