/**
 * `xunjian issues`, `xunjian outbox` and `xunjian evidence`: what the lifecycle holds, what is
 * waiting for a sink, and whether the ledger still proves what it says. Output is text or JSON.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock, Logger } from '../checks/types';
import type { Config } from './config';
import { Ledger, LedgerError } from './evidence/ledger';
import { verifyLedger, type VerifyReport } from './evidence/verify';
import { deliverPending, LedgerHandle, ledgerDir } from './filing';
import { issueRows, listIssues, suppress, type SuppressReason } from './store/lifecycle';
import { outboxEntries, receipts, retryDead } from './store/outbox';
import type { Store } from './store/store';

import { CommandError } from './command-error';

export { CommandError };

export interface CommandIO {
  config: Config;
  store: Store;
  clock: Clock;
  log: Logger;
  json: boolean;
  write: (s: string) => void;
}

export function issuesCommand(io: CommandIO, args: string[], o: { site?: string; reason?: string }): number {
  const [sub, ...rest] = args;
  if (!sub || sub === 'list') {
    const issues = listIssues(io.store, o.site).map((i) => {
      const rows = issueRows(io.store, i.id);
      const remotes = io.store.db.prepare('SELECT sink, ref, url, state FROM remote_issues WHERE issue_id = ?').all(i.id) as { sink: string; ref: string; url: string | null; state: string }[];
      return { ...i, open: rows.filter((r) => r.status === 'open' && !r.suppressed).length, fixed: rows.filter((r) => r.status === 'fixed').length, suppressed: rows.filter((r) => r.suppressed).length, remotes };
    });
    if (io.json) io.write(JSON.stringify(issues, null, 2) + '\n');
    else {
      for (const i of issues) {
        const where = i.remotes.map((r) => `${r.sink}#${r.ref}`).join(' ') || '(store only)';
        io.write(`${String(i.id).padStart(4)} ${i.state.padEnd(6)} ${i.siteId} ${i.family}/${i.duty}  open ${i.open}, fixed ${i.fixed}${i.suppressed ? `, suppressed ${i.suppressed}` : ''}${i.regressions ? `, regressions ${i.regressions}` : ''}  ${where}\n`);
      }
      if (!issues.length) io.write('no issues\n');
    }
    return 0;
  }
  if (sub === 'suppress') {
    const reason = (o.reason ?? 'false-positive') as SuppressReason;
    if (reason !== 'false-positive' && reason !== 'accepted') throw new CommandError('--reason must be false-positive or accepted');
    if (!rest.length) throw new CommandError('issues suppress needs one or more fingerprints (at least 8 hex characters each)');
    const r = suppress(io.store, rest, reason);
    io.write(io.json ? JSON.stringify(r) + '\n' : `suppressed ${r.suppressed} finding(s) as ${reason}${r.unknown.length ? `; unknown: ${r.unknown.join(', ')}` : ''}\n`);
    return r.unknown.length ? 2 : 0;
  }
  throw new CommandError(`unknown issues command "${sub}" (list, suppress)`);
}

export async function outboxCommand(io: CommandIO, args: string[], o: { sink?: string; since?: string }): Promise<number> {
  const [sub] = args;
  if (!sub || sub === 'list') {
    const entries = outboxEntries(io.store).filter((e) => !o.sink || e.sink === o.sink);
    if (io.json) io.write(JSON.stringify(entries, null, 2) + '\n');
    else {
      for (const e of entries) io.write(`${String(e.id).padStart(5)} ${e.state.padEnd(7)} ${e.sink} ${e.kind}${e.issueId ? ` issue ${e.issueId}` : ''} attempts ${e.attempts} next ${e.notBefore}${e.lastError ? `\n      ${e.lastError}` : ''}\n`);
      if (!entries.length) io.write('outbox empty: everything was delivered\n');
    }
    return entries.some((e) => e.state === 'dead') ? 1 : 0;
  }
  if (sub === 'deliver' || sub === 'retry') {
    if (sub === 'retry') io.write(`${retryDead(io.store, io.clock.now().toISOString(), o.sink)} entr(ies) given up on are queued again\n`);
    const s = await deliverPending({ config: io.config, store: io.store, clock: io.clock, log: io.log, ledger: new LedgerHandle(io.config) });
    io.write(io.json ? JSON.stringify(s) + '\n' : `sent ${s.sent}, retrying ${s.retrying}, given up ${s.dead}\n${s.errors.map((e) => `  ${e.message}\n`).join('')}`);
    return s.dead || s.retrying ? 1 : 0;
  }
  if (sub === 'receipts') {
    const rs = receipts(io.store, o.since).filter((r) => !o.sink || r.sink === o.sink);
    if (io.json) io.write(JSON.stringify(rs, null, 2) + '\n');
    else for (const r of rs) io.write(`${r.at} ${r.sink} ${r.method} ${r.url} -> ${r.status ?? '-'} ${r.ok ? 'ok' : 'FAILED'} ${r.ms} ms\n`);
    return 0;
  }
  throw new CommandError(`unknown outbox command "${sub}" (list, deliver, retry, receipts)`);
}

export async function evidenceCommand(io: CommandIO, args: string[]): Promise<number> {
  const [sub] = args;
  if (sub !== 'verify') throw new CommandError('evidence needs a subcommand: verify');
  const dir = ledgerDir(io.config);
  if (!dir) throw new CommandError(`no evidence ledger configured (evidence.dir in ${io.config.file})`);
  // Verifying must not create what it verifies: an empty new repository would read as intact.
  if (!existsSync(join(dir, '.git'))) throw new CommandError(`there is no evidence ledger at ${dir} (no git repository there): nothing to verify`);
  let report: VerifyReport;
  try {
    report = await verifyLedger(await Ledger.open(dir));
  } catch (e) {
    if (e instanceof LedgerError) throw new CommandError(e.message);
    throw e;
  }
  if (io.json) io.write(JSON.stringify({ ledger: dir, ...report }, null, 2) + '\n');
  else {
    io.write(`${dir}: ${report.manifests} manifest(s), ${report.warcs} WARC file(s), ${report.findings} finding record(s) checked\n`);
    io.write(report.problems.length ? report.problems.map((p) => `  PROBLEM ${p}\n`).join('') : '  the chain is intact: every root, file and record matches\n');
  }
  return report.problems.length ? 1 : 0;
}
