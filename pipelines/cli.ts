#!/usr/bin/env node
/**
 * argv -> command: parses, finds the command module (pipelines/commands/), sets the exit code.
 * Holds no command logic and never calls process.exit() mid-run, so output is always flushed.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import dotenv from 'dotenv';
import { selectChecks, UnknownCheckError } from '../checks/registry';
import { SEVERITIES, type Severity } from '../checks/types';
import { exitCodeFor } from './exit-code';
import { loadConfig, ConfigError, type Config } from './config';
import { UsageError, VERSION } from './jobs';
import { createLogger } from './log';
import { Progress } from './progress';
import type { RunResult } from './run';
import { DOCUMENT_FORMATS, isDocumentFormat, REPORT_FORMATS, streamReport, type OutputFormat } from '../reports/render';
import { writeOutputs } from './outputs';
import { forPeopleLazily } from '../reports/for-people';
import { closeOcr } from './sources/extract/ocr';
import { CommandError } from './command-error';
import { runToExit } from './run-to-exit';
import { COMMANDS, commandByName } from './commands';
import { COMMON_OPTIONS, commandHelp, usage } from './commands/usage';
import type { CommandEnv } from './commands/command';

export const USAGE = usage(VERSION, COMMANDS);

/** Every option any command takes: parsing is strict, so a misspelt option is an error. */
const OPTIONS: NonNullable<ParseArgsConfig['options']> = Object.fromEntries(
  [...COMMON_OPTIONS, ...COMMANDS.flatMap((c) => c.options)].map((o) => [o.name, { type: o.arg ? 'string' : 'boolean', ...(o.name === 'help' ? { short: 'h' } : {}) }]),
);

export async function main(argv: string[]): Promise<number> {
  dotenv.config({ quiet: true });
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    process.stderr.write(`xunjian: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [name, ...args] = positionals;
  if (values['version']) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = name ? commandByName(name) : undefined;
  if (values['help'] || !name) {
    process.stdout.write(command ? commandHelp(VERSION, command) : USAGE);
    return name || values['help'] ? 0 : 2;
  }
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    const o = values as Record<string, string | boolean | undefined>;
    const format = ((o['format'] as string | undefined) ?? (process.stdout.isTTY ? 'text' : 'json')) as OutputFormat;
    if (![...REPORT_FORMATS, ...DOCUMENT_FORMATS].includes(format)) throw new UsageError(`--format must be one of ${[...REPORT_FORMATS, ...DOCUMENT_FORMATS].join(', ')}`);
    if (isDocumentFormat(format) && command.name !== 'report' && command.name !== 'drill') {
      throw new UsageError(`--format ${format} is a document of \`xunjian report\` and \`xunjian drill report\`; ${command.name} takes json, sarif, md or text (--out also writes findings.json and report.md)`);
    }
    const failOn = ((o['fail-on'] as string | undefined) ?? 'high') as Severity | 'none';
    if (failOn !== 'none' && !SEVERITIES.includes(failOn)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, none`);
    const config: Config = loadConfig(o['config'] as string | undefined);
    const log = createLogger(process.env['XUNJIAN_LOG_LEVEL'] ?? config.logLevel);
    const checksOption = o['checks'] as string | undefined;
    const checks = selectChecks(checksOption?.split(',').map((s) => s.trim()).filter(Boolean));
    const progress = new Progress(!o['quiet'] && process.stderr.isTTY === true);
    const out = o['out'] as string | undefined;
    const env: CommandEnv = {
      args, values: o, config, log, clock: { now: () => new Date() }, checks, checksChosen: checksOption !== undefined, progress, format, failOn,
      finish: async (r: RunResult, inputsMustBeReadable: boolean): Promise<number> => {
        progress.done();
        // Document formats never reach here: report and drill render them themselves.
        await streamReport(r, isDocumentFormat(format) ? 'json' : format, process.stdout, config.timezone);
        if (out) for (const f of writeOutputs(r, out, config.timezone)) process.stderr.write(`wrote ${f}\n`);
        for (const e of forPeopleLazily(r).errors.slice(0, 20)) {
          if (format !== 'text') process.stderr.write(`xunjian: ${e.input}${e.record !== undefined ? ` record ${e.record}` : ''}${e.field ? ` field ${e.field}` : ''}: ${e.message}\n`);
        }
        return exitCodeFor(r, failOn, inputsMustBeReadable);
      },
    };
    return await command.run(env);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof UnknownCheckError || e instanceof CommandError) {
      process.stderr.write(`xunjian: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`xunjian: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}

/**
 * V8 lets a busy heap grow to four times what is live before it collects the old generation: a
 * long run's live set is flat (~50 MB on the run's thread, ~32 MB on a check thread) but its heaps
 * sat at 220 and 130 MB. Three times keeps an ingest with a check thread 60–90 MB smaller for ~4%
 * more time (30,000 records, three alternating runs each, timed by hand: 19.7–22.4 s and
 * 558–583 MB, against 20.5–21.3 s and 487–522 MB); twice cost 15%. Read at each collection, so it
 * holds when set here, and for the check threads too.
 */
const HEAP_GROWING_PERCENT = 200;

if (require.main === module) {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  // The OCR engine (a worker thread) is stopped once the command is done, so the process exits.
  runToExit(() => main(process.argv.slice(2)).finally(closeOcr));
}
