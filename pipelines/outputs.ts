/** The files a run leaves behind for people and scripts: findings.json and report.md. */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { jsonChunks } from '../reports/json';
import { renderMarkdown } from '../reports/markdown';
import type { RunResult } from './run';
import { DEFAULT_TIMEZONE } from '../reports/local-time';
import { forPeopleLazily } from '../reports/for-people';

export function writeOutputs(run: RunResult, dir: string, timezone = DEFAULT_TIMEZONE): string[] {
  const r = forPeopleLazily(run);
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, 'findings.json'), join(dir, 'report.md')];
  const fd = openSync(files[0]!, 'w');
  try {
    for (const chunk of jsonChunks(r)) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  writeFileSync(files[1]!, renderMarkdown(r, timezone));
  return files;
}
