/**
 * What a command module exports: its name, synopsis and options (from which `--help` and each
 * command's own help are generated, so help cannot drift from what is parsed), and its handler.
 */
import type { Check, Clock, Logger, Severity } from '../../checks/types';
import type { Config } from '../config';
import type { Progress } from '../progress';
import type { RunResult } from '../run';
import type { OutputFormat } from '../../reports/render';

export interface OptionSpec {
  name: string;
  /** The value's placeholder (`N`, `URL`); a flag has none. */
  arg?: string;
  help: string;
}

/** Parsed values of every option, by name. */
export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

export interface CommandEnv {
  args: string[];
  values: OptionValues;
  config: Config;
  log: Logger;
  clock: Clock;
  checks: Check[];
  /** `--checks` was given. */
  checksChosen: boolean;
  progress: Progress;
  format: OutputFormat;
  failOn: Severity | 'none';
  /** Print a run's result in --format (and --out), then its exit code. */
  finish(r: RunResult, inputsMustBeReadable: boolean): Promise<number>;
}

export interface Command {
  name: string;
  /** `check [options] <path...> | -` */
  synopsis: string;
  summary: string;
  options: OptionSpec[];
  run(env: CommandEnv): Promise<number> | number;
}

export function str(v: OptionValues, name: string): string | undefined {
  const x = v[name];
  return typeof x === 'string' ? x : undefined;
}
