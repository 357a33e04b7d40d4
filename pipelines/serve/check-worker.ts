/** A worker thread of the check pool: builds its checks and wordlists once, then checks drafts as they come. */
import { parentPort, workerData } from 'node:worker_threads';
import { selectChecks } from '../../checks/registry';
import type { Config } from '../config';
import { silentLogger } from '../log';
import { checkDrafts, type DraftTask } from './drafts';

const { config, checkIds } = workerData as { config: Config; checkIds: string[] };
const checks = selectChecks(checkIds);

parentPort!.on('message', (m: { id: number; task: DraftTask }) => {
  checkDrafts(config, checks, silentLogger, m.task).then(
    (result) => parentPort!.postMessage({ id: m.id, result }),
    (e: unknown) => parentPort!.postMessage({ id: m.id, error: (e as Error).message, usage: (e as Error).name === 'UsageError' }),
  );
});
