/** A worker thread of the check pool: builds its checks and wordlists once, then checks drafts as they come. */
import { parentPort, workerData } from 'node:worker_threads';
import { selectChecks } from '../../checks/registry';
import type { Config } from '../config';
import { silentLogger } from '../log';
import { answerDraft, type DraftTask } from './drafts';
import { adoptTypoTables, wordFrequencies, type SharedTypoTables } from '../word-frequencies';
import { answerTasks } from '../worker-pool';

const { config, checkIds, typoTables } = workerData as { config: Config; checkIds: string[]; typoTables?: SharedTypoTables };
const checks = selectChecks(checkIds);
// The server's tables, read in shared memory; else the typo tier's dictionary loads here, at
// start rather than on the first draft.
if (typoTables) adoptTypoTables(typoTables);
else if (checks.some((c) => c.meta.id === 'wording.typo')) wordFrequencies();

answerTasks(parentPort!, (task: DraftTask) => answerDraft(config, checks, silentLogger, task));
