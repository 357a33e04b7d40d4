/**
 * `xunjian evidence verify`: recompute everything the ledger claims.
 * - git's own objects are intact (fsck) and no manifest was edited after it was committed;
 * - each manifest's Merkle root matches its lines, and each names the previous one's root, back
 *   to the first (the chain is unbroken and nothing was inserted or removed);
 * - each WARC file hashes to what its manifest says, and each finding's record, read from its
 *   offset, still carries the payload whose SHA-256 the manifest holds.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { WARCParser } from 'warcio';
import { LATEST } from './capture';
import type { Ledger } from './ledger';
import { parseManifest, type ParsedManifest } from './manifest';
import { allWarcs, manifestFor, orphanWarcs } from './orphans';

export interface VerifyReport {
  manifests: number;
  warcs: number;
  findings: number;
  problems: string[];
}

function fileSha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function payloadAt(path: string, offset: number): Promise<string | undefined> {
  const parser = new WARCParser(createReadStream(path, { start: offset }));
  const record = await parser.parse();
  if (!record) return undefined;
  const payload = await record.readFully(false);
  return createHash('sha256').update(payload).digest('hex');
}

function allManifests(dir: string): string[] {
  const root = join(dir, 'manifests');
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.jsonl')) out.push(relative(dir, join(d, e.name)));
    }
  };
  walk(root);
  return out;
}

/**
 * WARC files no manifest of the chain lists. One a live run is writing is not yet due; one
 * left by a killed run is a problem until a run seals it (anything could be appended to it).
 */
function unsealed(ledger: Ledger, listed: ReadonlySet<string>, p: (s: string) => void): void {
  const orphans = new Set(orphanWarcs(ledger));
  for (const w of allWarcs(ledger)) {
    if (listed.has(w)) continue;
    if (orphans.has(w)) p(`${w}: in no manifest (left by a run killed before it committed one; the next run with evidence seals it)`);
    else if (!existsSync(ledger.path(manifestFor(w)))) continue; // being written by a run in progress
    else p(`${w}: has a manifest that is not in the chain`);
  }
}

export async function verifyLedger(ledger: Ledger): Promise<VerifyReport> {
  const report: VerifyReport = { manifests: 0, warcs: 0, findings: 0, problems: [] };
  const p = (s: string): void => void report.problems.push(s);
  const fsck = await ledger.fsck();
  if (fsck) p(`git objects: ${fsck}`);
  for (const under of ['manifests', 'issues', 'receipts']) {
    for (const changed of await ledger.changedSinceCommit(under)) p(`${changed}: changed after it was committed`);
  }

  const latestPath = ledger.path(LATEST);
  if (!existsSync(latestPath)) {
    if (allManifests(ledger.dir).length) p(`${LATEST} is missing: the chain has no head`);
    unsealed(ledger, new Set(), p);
    return report;
  }
  let cursor: { manifest: string; root: string } | null = JSON.parse(readFileSync(latestPath, 'utf8'));
  const inChain = new Set<string>();
  const listed = new Set<string>();
  while (cursor) {
    const name: string = cursor.manifest;
    if (inChain.has(name)) {
      p(`${name}: the chain loops`);
      break;
    }
    inChain.add(name);
    if (!existsSync(ledger.path(name))) {
      p(`${name}: missing (named by the chain)`);
      break;
    }
    const text = readFileSync(ledger.path(name), 'utf8');
    if ((await ledger.committed(name)) !== text) p(`${name}: differs from the committed version`);
    let m: ParsedManifest;
    try {
      m = parseManifest(text, name);
    } catch (e) {
      p((e as Error).message);
      break;
    }
    report.manifests++;
    if (m.recomputed !== m.root) p(`${name}: Merkle root ${m.root.slice(0, 16)}… does not match its lines (${m.recomputed.slice(0, 16)}…)`);
    if (m.root !== cursor.root) p(`${name}: root ${m.root.slice(0, 16)}… is not the one the next manifest chained to (${cursor.root.slice(0, 16)}…)`);
    for (const w of m.warcs) {
      report.warcs++;
      listed.add(w.file);
      const path = ledger.path(w.file);
      if (!existsSync(path)) p(`${w.file}: missing (listed in ${name})`);
      else if (fileSha256(path) !== w.sha256) p(`${w.file}: SHA-256 differs from ${name}`);
    }
    for (const f of m.findings) {
      report.findings++;
      if (!f.warc || f.offset === undefined || !f.payloadSha256) continue;
      const path = ledger.path(f.warc);
      if (!existsSync(path)) continue; // reported with the file
      try {
        const got = await payloadAt(path, f.offset);
        if (got !== f.payloadSha256) p(`${name}: finding ${f.fingerprint.slice(0, 16)}: the record at ${f.warc}#${f.offset} does not carry the payload listed`);
      } catch (e) {
        p(`${name}: finding ${f.fingerprint.slice(0, 16)}: cannot read ${f.warc}#${f.offset}: ${(e as Error).message}`);
      }
    }
    cursor = m.header.previous;
  }
  for (const orphan of allManifests(ledger.dir).filter((n) => !inChain.has(n))) p(`${orphan}: not in the chain (inserted, or its successor was removed)`);
  unsealed(ledger, listed, p);
  return report;
}
