/** CONTRACT.md exit codes: 0 clean, 1 findings at or above --fail-on, 2 unusable input or failed run. */
import { severityRank, type Severity } from '../checks/types';
import type { RunResult } from './run';

export function exitCodeFor(r: RunResult, failOn: Severity | 'none', inputsMustBeReadable: boolean): number {
  if (r.summary.status === 'failed') return 2;
  // A site that went down mid-run: what was found is real, but the run is not one to pass.
  // So did an empty export or folder: nothing was read, and a clean exit would say the site is clean.
  if (r.errors.some((e) => e.code === 'site-unreachable' || e.code === 'empty')) return 2;
  if (inputsMustBeReadable && r.errors.length > 0) return 2;
  if (failOn !== 'none' && r.findings.some((f) => severityRank(f.severity) <= severityRank(failOn))) return 1;
  return 0;
}
