/**
 * The simplest sinks: print a run's result to stdout or write it to a file, in any report format.
 * Tracker and chat sinks share this entry point: they receive a finished result, never change it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config, PipelineConfig, SinkConfig } from '../config';
import type { Logger } from '../../checks/types';
import type { RunResult } from '../run';
import { render } from '../../reports/render';
import { localDate } from '../../reports/local-time';

export function deliver(r: RunResult, sink: SinkConfig, name: string, timezone: string): void {
  const text = render(r, sink.format, timezone);
  if (sink.type === 'stdout') {
    process.stdout.write(text);
    return;
  }
  if (!sink.path) throw new Error(`sink ${name}: type "file" needs a path`);
  const path = sink.path.replace('{runId}', String(r.summary.runId ?? 'x')).replace('{date}', localDate(r.summary.startedAt, timezone));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A finished run to each report sink its pipeline names; one sink failing does not stop the others. */
export function deliverToPipelineSinks(config: Config, p: PipelineConfig, result: RunResult, log: Logger): void {
  for (const name of p.sinks) {
    try {
      deliver(result, config.sinks[name]!, name, config.timezone);
    } catch (e) {
      log.error({ pipeline: p.id, sink: name, err: (e as Error).message }, 'sink failed');
    }
  }
}
