/**
 * Evidence for one run: each target that had findings is written to the run's WARC file as it is
 * checked (the body is already in memory then, and gone after), each finding gets a snapshot
 * reference, and at the end the manifest is written and committed to the ledger.
 *
 * A failure to write evidence (disk full, read-only ledger) never fails the run: it is reported
 * once, in the run's errors, and the findings are stored and filed as usual.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DocumentFile, Finding, Page, Site } from '../../checks/types';
import type { InputError } from '../sources/source';
import type { Ledger } from './ledger';
import { renderManifest, type ManifestFinding, type ManifestHeader, type ManifestWarc } from './manifest';
import { WarcWriter, type WarcRef } from './warc';
import { maskPersonal } from './masking';
import { manifestFor, orphanWarcs, sealLines } from './orphans';

export const LATEST = 'manifests/LATEST.json';

export interface RunInfo {
  runId: number;
  siteId: string;
  command: string;
  startedAt: string;
  finishedAt: string;
  status: string;
}

export interface EvidenceResult {
  manifest: string;
  root: string;
  commit?: string;
}

function spanHash(text: string | undefined, f: Finding): string | undefined {
  if (text === undefined || f.location.start === undefined || f.location.end === undefined) return undefined;
  return createHash('sha256').update(text.slice(f.location.start, f.location.end), 'utf8').digest('hex');
}

function compactTime(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d+/, '');
}

export class EvidenceRecorder {
  private readonly warc: WarcWriter;
  private readonly lines: ManifestFinding[] = [];
  private failed?: string;
  private started = false;
  private readonly stem: string;

  constructor(
    private readonly ledger: Ledger,
    private readonly run: Pick<RunInfo, 'runId' | 'siteId' | 'startedAt' | 'command'>,
    private readonly tool: string,
    private readonly errors: InputError[],
  ) {
    // Run ids are per store and several stores may share a ledger: a random tag keeps names apart.
    this.stem = `run-${run.runId}-${compactTime(run.startedAt)}-${randomBytes(3).toString('hex')}`;
    const name = `warc/${run.siteId}/${this.stem}.warc.gz`;
    this.warc = new WarcWriter(ledger.path(name), name);
  }

  private async guard(what: string, f: () => Promise<void>): Promise<boolean> {
    if (this.failed) return false;
    try {
      if (!this.started) {
        this.started = true;
        await this.warc.info({ software: this.tool, format: 'WARC File Format 1.1', 'xunjian-run': String(this.run.runId), 'xunjian-site': this.run.siteId, 'xunjian-command': this.run.command, date: this.run.startedAt });
      }
      await f();
      return true;
    } catch (e) {
      this.failed = `${what}: ${(e as Error).message}`;
      this.errors.push({ input: this.ledger.dir, code: 'evidence-failed', message: `evidence not captured from here on (${this.failed}); findings are still stored and filed` });
      return false;
    }
  }

  private note(findings: Finding[], ref: WarcRef, textOf: (f: Finding) => string | undefined): void {
    for (const f of findings) {
      f.evidence.snapshot = `${ref.file}#${ref.offset}`;
      const span = spanHash(textOf(f), f);
      this.lines.push({
        type: 'finding', fingerprint: f.id, rule: f.rule, severity: f.severity, url: maskPersonal(f.url),
        ...(f.location.attachment ? { attachment: f.location.attachment } : {}),
        ...(f.location.part ? { part: f.location.part } : {}),
        warc: ref.file, recordId: ref.recordId, offset: ref.offset, payloadSha256: ref.payloadSha256,
        ...(span ? { spanSha256: span, start: f.location.start, end: f.location.end } : {}),
      });
    }
  }

  /**
   * Findings whose evidence was captured lately keep that snapshot (a probe every half hour must
   * not write 48 copies of the same page a day); otherwise the target is captured. True if it was.
   */
  private reuse(findings: Finding[], recent: ReadonlyMap<string, string>): boolean {
    if (!findings.every((f) => recent.has(f.id))) return false;
    for (const f of findings) f.evidence = { ...f.evidence, snapshot: recent.get(f.id)! };
    return true;
  }

  async page(page: Page, findings: Finding[], recent: ReadonlyMap<string, string> = new Map()): Promise<boolean> {
    if (findings.length === 0 || this.reuse(findings, recent)) return false;
    return this.guard(page.url, async () => {
      const ref = page.origin === 'crawl'
        ? await this.warc.response({ url: page.finalUrl || page.url, date: page.fetchedAt, status: page.status, headers: page.headers, body: page.body })
        : await this.warc.resource(page.url, page.fetchedAt, page.contentType === 'html' ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8', page.body);
      this.note(findings, ref, () => page.text.text);
    });
  }

  async document(doc: DocumentFile, findings: Finding[], recent: ReadonlyMap<string, string> = new Map()): Promise<boolean> {
    if (findings.length === 0 || this.reuse(findings, recent)) return false;
    return this.guard(doc.url, async () => {
      const ref = await this.warc.response({ url: doc.url, date: doc.fetchedAt, status: doc.status, headers: doc.headers, body: doc.bytes });
      this.note(findings, ref, (f) => doc.parts.find((p) => p.part === f.location.part || p.cells?.some((c) => c.ref === f.location.part))?.text);
    });
  }

  /** Site findings: what was observed (the transport capture, the probe log), as a metadata record. */
  async site(site: Site, findings: Finding[], at: string, recent: ReadonlyMap<string, string> = new Map()): Promise<boolean> {
    if (findings.length === 0 || this.reuse(findings, recent)) return false;
    return this.guard(site.id, async () => {
      const ref = await this.warc.metadata(site.urls[0] ?? `site:${site.id}`, at, {
        site: site.id,
        findings: findings.map((f) => ({ id: f.id, rule: f.rule, title: f.title, evidence: f.evidence })),
        ...(site.probes ? { probes: site.probes } : {}),
        ...(site.transport ? { transport: site.transport } : {}),
      });
      this.note(findings, ref, () => undefined);
    });
  }

  /** Write the manifest and commit it; undefined when the run had nothing to keep or capture failed. */
  async finish(run: RunInfo): Promise<EvidenceResult | undefined> {
    const closed = this.warc.close();
    if (this.failed || (!closed && this.lines.length === 0)) return undefined;
    try {
      return await this.ledger.exclusive(() => this.append(run, closed));
    } catch (e) {
      this.errors.push({ input: this.ledger.dir, code: 'evidence-failed', message: `manifest not committed: ${(e as Error).message}` });
      return undefined;
    }
  }

  /** Chain the manifest to the current head and commit both (under the ledger's lock). */
  private async append(run: RunInfo, closed: ReturnType<WarcWriter['close']>): Promise<EvidenceResult> {
    const latestPath = this.ledger.path(LATEST);
    let previous = existsSync(latestPath) ? (JSON.parse(readFileSync(latestPath, 'utf8')) as { manifest: string; root: string }) : null;
    // Killed runs' WARC files first, each in the manifest it never wrote, chained before ours.
    const sealed: string[] = [];
    for (const orphan of orphanWarcs(this.ledger, new Set([this.warc.name]))) {
      const { header, line } = await sealLines(this.ledger, orphan, run.finishedAt, this.tool, previous);
      const sealedText = renderManifest(header, [line]);
      const name = manifestFor(orphan);
      mkdirSync(dirname(this.ledger.path(name)), { recursive: true });
      writeFileSync(this.ledger.path(name), sealedText.text);
      previous = { manifest: name, root: sealedText.root };
      sealed.push(name);
    }
    const header: ManifestHeader = {
      type: 'run', version: 1, runId: run.runId, site: run.siteId, command: run.command, startedAt: run.startedAt,
      finishedAt: run.finishedAt, status: run.status, tool: this.tool, previous,
    };
    const body: (ManifestWarc | ManifestFinding)[] = [...(closed ? [{ type: 'warc' as const, ...closed }] : []), ...this.lines];
    const { text, root } = renderManifest(header, body);
    const manifest = `manifests/${run.siteId}/${this.stem}.jsonl`;
    mkdirSync(dirname(this.ledger.path(manifest)), { recursive: true });
    writeFileSync(this.ledger.path(manifest), text);
    writeFileSync(latestPath, JSON.stringify({ manifest, root }) + '\n');
    const sealedNote = sealed.length ? `; sealed ${sealed.length} WARC file(s) of killed runs` : '';
    const commit = await this.ledger.commit([...sealed, manifest, LATEST], `evidence: run ${run.runId} of ${run.siteId} (${run.status}), ${this.lines.length} finding(s), root ${root.slice(0, 16)}${sealedNote}`);
    return { manifest, root, ...(commit ? { commit } : {}) };
  }
}
