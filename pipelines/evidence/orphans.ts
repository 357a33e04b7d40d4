/**
 * WARC files no manifest lists: a run killed (SIGKILL, power loss) after it wrote evidence and
 * before it committed its manifest leaves one, with findings in the store pointing into it. Left
 * alone it is outside the chain and anything appended to it would go unnoticed; so the next run
 * seals each one in a manifest of its own (status `killed`), and `evidence verify` names any it
 * finds unsealed.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { WARCParser } from 'warcio';
import type { Ledger } from './ledger';
import { holderAlive } from './ledger';
import type { ManifestHeader, ManifestWarc } from './manifest';
import { writingMarker } from './warc';

const STEM = /^run-(\d+)-(\d{8}T\d{6}Z)-[0-9a-f]+$/;

/** `warc/<site>/<stem>.warc.gz` ↔ `manifests/<site>/<stem>.jsonl`: a run's manifest shares its WARC's name. */
export function manifestFor(warc: string): string {
  return warc.replace(/^warc\//, 'manifests/').replace(/\.warc\.gz$/, '.jsonl');
}

function warcFiles(ledger: Ledger): string[] {
  const root = ledger.path('warc');
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const stack = [root];
  while (stack.length) {
    const d = stack.pop()!;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) stack.push(join(d, e.name));
      else if (e.name.endsWith('.warc.gz')) out.push(relative(ledger.dir, join(d, e.name)).split('\\').join('/'));
    }
  }
  return out.sort();
}

/** WARC files with no manifest of their own that no live process is writing. */
export function orphanWarcs(ledger: Ledger, except: ReadonlySet<string> = new Set()): string[] {
  return warcFiles(ledger).filter((w) => {
    if (except.has(w) || existsSync(ledger.path(manifestFor(w)))) return false;
    const marker = writingMarker(ledger.path(w));
    return !(existsSync(marker) && holderAlive(marker));
  });
}

/** Every WARC file in the ledger (for verify: each must be listed by some manifest of the chain). */
export function allWarcs(ledger: Ledger): string[] {
  return warcFiles(ledger);
}

async function countRecords(path: string): Promise<number> {
  let n = 0;
  try {
    const parser = new WARCParser(createReadStream(path));
    while (await parser.parse()) n++;
  } catch {
    // A killed writer may have cut the last record short: the whole ones are counted.
  }
  return n;
}

/** The manifest header and WARC line that seal an orphan as it is now. */
export async function sealLines(ledger: Ledger, warc: string, sealedAt: string, tool: string, previous: ManifestHeader['previous']): Promise<{ header: ManifestHeader; line: ManifestWarc }> {
  const path = ledger.path(warc);
  const bytes = readFileSync(path);
  const stem = /([^/]+)\.warc\.gz$/.exec(warc)![1]!;
  const m = STEM.exec(stem);
  const started = m ? m[2]!.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z') : sealedAt;
  return {
    header: {
      type: 'run', version: 1, runId: m ? Number(m[1]) : 0, site: warc.split('/')[1] ?? '', command: 'unknown (killed before its manifest)',
      startedAt: started, finishedAt: sealedAt, status: 'killed', tool, previous,
    },
    line: { type: 'warc', file: warc, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, records: await countRecords(path), orphan: true },
  };
}
