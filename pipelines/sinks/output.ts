/**
 * The simplest sinks: print a run's result to stdout or write it to a file, in any report format.
 * Tracker and chat sinks share this entry point: they receive a finished result, never change it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SinkConfig } from '../config';
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
