/** The CONTRACT.md JSON document: stable, machine-read by CMS hooks and scripts. */
import type { RunResult } from '../pipelines/run';

export function renderJson(r: RunResult): string {
  return JSON.stringify(r, null, 2) + '\n';
}
