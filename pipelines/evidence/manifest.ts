/**
 * A run's manifest: JSON lines listing the WARC files written and, per finding, where its
 * evidence is; the last line is a Merkle root over every line and the previous manifest's root,
 * so the manifests form a chain in which changing any line of any run breaks every later root.
 */
import { createHash } from 'node:crypto';

export const ZERO_ROOT = '0'.repeat(64);

export interface ManifestHeader {
  type: 'run';
  version: 1;
  runId: number;
  site: string;
  command: string;
  startedAt: string;
  finishedAt: string;
  status: string;
  tool: string;
  previous: { manifest: string; root: string } | null;
}

export interface ManifestWarc {
  type: 'warc';
  file: string;
  sha256: string;
  bytes: number;
  records: number;
  /** Sealed by a later run: its own run was killed before it wrote a manifest. */
  orphan?: true;
}

export interface ManifestFinding {
  type: 'finding';
  fingerprint: string;
  rule: string;
  severity: string;
  url: string;
  attachment?: string;
  part?: string;
  warc?: string;
  recordId?: string;
  offset?: number;
  payloadSha256?: string;
  /** SHA-256 of the matched text itself: proves the span to whoever holds it, shows it to no one. */
  spanSha256?: string;
  start?: number;
  end?: number;
}

export interface ManifestRoot {
  type: 'root';
  leaves: number;
  root: string;
}

export type ManifestLine = ManifestHeader | ManifestWarc | ManifestFinding | ManifestRoot;

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Leaves: the previous root, then the hash of each line; pairs hashed upwards, an odd one carried. */
export function merkleRoot(previousRoot: string, lines: readonly string[]): string {
  let level = [previousRoot, ...lines.map((l) => sha256(l))];
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? sha256(Buffer.from(level[i]! + level[i + 1]!, 'hex')) : level[i]!);
    level = next;
  }
  return level[0]!;
}

export function renderManifest(header: ManifestHeader, body: readonly (ManifestWarc | ManifestFinding)[]): { text: string; root: string } {
  const lines = [JSON.stringify(header), ...body.map((l) => JSON.stringify(l))];
  const root = merkleRoot(header.previous?.root ?? ZERO_ROOT, lines);
  const last: ManifestRoot = { type: 'root', leaves: lines.length + 1, root };
  return { text: [...lines, JSON.stringify(last)].join('\n') + '\n', root };
}

export interface ParsedManifest {
  header: ManifestHeader;
  warcs: ManifestWarc[];
  findings: ManifestFinding[];
  root: string;
  /** The root recomputed from the lines; differs from `root` if a line was changed. */
  recomputed: string;
}

export function parseManifest(text: string, name: string): ParsedManifest {
  const lines = text.split('\n').filter(Boolean);
  if (lines.length < 2) throw new Error(`${name}: not a manifest (${lines.length} lines)`);
  const parsed = lines.map((l, i) => {
    try {
      return JSON.parse(l) as ManifestLine;
    } catch {
      throw new Error(`${name} line ${i + 1}: not JSON`);
    }
  });
  const header = parsed[0] as ManifestHeader;
  const last = parsed[parsed.length - 1] as ManifestRoot;
  if (header.type !== 'run') throw new Error(`${name} line 1: the run header is missing`);
  if (last.type !== 'root') throw new Error(`${name} line ${lines.length}: the root line is missing`);
  return {
    header,
    warcs: parsed.filter((p): p is ManifestWarc => p.type === 'warc'),
    findings: parsed.filter((p): p is ManifestFinding => p.type === 'finding'),
    root: last.root,
    recomputed: merkleRoot(header.previous?.root ?? ZERO_ROOT, lines.slice(0, -1)),
  };
}
