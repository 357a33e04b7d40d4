/**
 * Run by tests in a child process: extract one attachment the way a scan does and report what
 * happened and the process's peak resident memory, so a bomb's cost is measured in isolation.
 */
import { readFileSync } from 'node:fs';
import { extractDocument } from '../../pipelines/sources/extract';

async function main(): Promise<void> {
  const bytes = readFileSync(process.argv[2]!);
  let outcome: { ok: true; parts: number } | { ok: false; code?: string; message: string };
  try {
    outcome = { ok: true, parts: (await extractDocument(bytes)).length };
  } catch (e) {
    outcome = { ok: false, code: (e as { code?: string }).code, message: (e as Error).message };
  }
  // resourceUsage().maxRSS is in KiB.
  process.stdout.write(JSON.stringify({ ...outcome, maxRssMiB: process.resourceUsage().maxRSS / 1024 }) + '\n');
}
void main();
