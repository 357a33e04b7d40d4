/** Every command, in the order `--help` lists them: the one place a command is registered. */
import type { Command } from './command';
import { check } from './check';
import { scan } from './scan';
import { ingest } from './ingest';
import { report } from './report';
import { serve } from './serve';
import { daemon } from './daemon';
import { demo } from './demo';
import { rules } from './rules';
import { probe } from './probe';
import { evidence, issues, outbox } from './store-commands';
import { drill } from './drill';
import { lookalikes } from './lookalikes';
import { status } from './status';
import { enqueue } from './enqueue';
import { worker } from './worker';

export const COMMANDS: readonly Command[] = [check, scan, ingest, report, serve, daemon, status, enqueue, worker, demo, rules, probe, issues, outbox, evidence, lookalikes, drill];

export function commandByName(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
