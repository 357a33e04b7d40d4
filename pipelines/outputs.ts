/** The files a run leaves behind for people and scripts: findings.json and report.md. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderJson } from '../reports/json';
import { renderMarkdown } from '../reports/markdown';
import type { RunResult } from './run';
import { DEFAULT_TIMEZONE } from '../reports/local-time';
import { forPeople } from '../reports/for-people';

export function writeOutputs(run: RunResult, dir: string, timezone = DEFAULT_TIMEZONE): string[] {
  const r = forPeople(run);
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, 'findings.json'), join(dir, 'report.md')];
  writeFileSync(files[0]!, renderJson(r));
  writeFileSync(files[1]!, renderMarkdown(r, timezone));
  return files;
}
