/** `xunjian issues`, `outbox` and `evidence`: what the store and the ledger hold. */
import { openStore } from '../jobs';
// The store commands' code (filing, sinks, the ledger) loads when one of them runs.
import type { CommandIO } from '../issue-commands';
import { str, type Command, type CommandEnv } from './command';

function withStore(e: CommandEnv, f: (io: CommandIO) => number | Promise<number>): Promise<number> {
  const store = openStore(e.config);
  const io: CommandIO = { config: e.config, store, clock: e.clock, log: e.log, json: e.format === 'json', write: (t) => process.stdout.write(t) };
  return Promise.resolve(f(io)).finally(() => store.close());
}

export const issues: Command = {
  name: 'issues',
  synopsis: 'issues [list|suppress FP...]',
  summary: 'the store\'s issues (one per site, family, duty); suppress false positives',
  options: [
    { name: 'site', arg: 'ID', help: 'only this site\'s issues' },
    { name: 'reason', arg: 'WHY', help: 'false-positive | accepted (suppress)' },
  ],
  run: (e) => withStore(e, async (io) => (await import('../issue-commands')).issuesCommand(io, e.args, { site: str(e.values, 'site'), reason: str(e.values, 'reason') })),
};

export const outbox: Command = {
  name: 'outbox',
  synopsis: 'outbox [list|deliver|retry|receipts]',
  summary: 'what still waits for a tracker or chat robot; deliver now; receipts (drills)',
  options: [
    { name: 'sink', arg: 'NAME', help: 'only this sink (retry)' },
    { name: 'since', arg: 'ISO', help: 'receipts from this time on' },
  ],
  run: (e) => withStore(e, async (io) => (await import('../issue-commands')).outboxCommand(io, e.args, { sink: str(e.values, 'sink'), since: str(e.values, 'since') })),
};

export const evidence: Command = {
  name: 'evidence',
  synopsis: 'evidence verify',
  summary: 'recompute the evidence ledger: manifest chain, WARC hashes, git history',
  options: [],
  run: (e) => withStore(e, async (io) => (await import('../issue-commands')).evidenceCommand(io, e.args)),
};
