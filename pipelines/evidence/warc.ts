/**
 * WARC 1.1 (ISO 28500) files, one per run and site, written with warcio: a `warcinfo` record,
 * then a `response` (HTTP captures), `resource` (files, exports, stdin) or `metadata` record (site
 * observations, probe logs) per target that had findings. Each record is its own gzip member, so
 * a record is read back from its offset alone. Payload digests are SHA-256 in hex.
 */
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { createHash } from 'node:crypto';
import { WARCRecord, WARCSerializer } from 'warcio';

export interface WarcRef {
  file: string;
  recordId: string;
  offset: number;
  payloadSha256: string;
}

export interface HttpCapture {
  url: string;
  date: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const DIGEST = { algo: 'sha-256', prefix: 'sha256:', base32: false } as const;
/** Headers that describe the wire form; the stored body is after content-decoding. */
const WIRE_ONLY = new Set(['content-encoding', 'transfer-encoding', 'content-length']);

async function* once(b: Buffer): AsyncGenerator<Uint8Array> {
  yield b;
}

/** The marker a writer keeps next to its WARC file until it is closed. */
export function writingMarker(warcPath: string): string {
  return `${warcPath}.writing`;
}

export class WarcWriter {
  private fd?: number;
  private records = 0;
  private readonly hash = createHash('sha256');
  private bytes = 0;

  constructor(
    readonly path: string,
    /** The name the manifest uses (relative to the ledger). */
    readonly name: string,
  ) {}

  private async append(record: WARCRecord, payload: Buffer): Promise<WarcRef> {
    if (this.fd === undefined) {
      mkdirSync(dirname(this.path), { recursive: true });
      // While this marker names a live process the file is being written, not orphaned.
      writeFileSync(writingMarker(this.path), `${hostname()}:${process.pid}`);
      this.fd = openSync(this.path, 'a');
      this.bytes = statSync(this.path).size;
    }
    const data = await WARCSerializer.serialize(record, { gzip: true, digest: DIGEST });
    const offset = this.bytes;
    writeSync(this.fd, data);
    this.hash.update(data);
    this.bytes += data.length;
    this.records++;
    return {
      file: this.name,
      recordId: record.warcHeaders.headers.get('WARC-Record-ID') ?? '',
      offset,
      payloadSha256: createHash('sha256').update(payload).digest('hex'),
    };
  }

  async info(fields: Record<string, string>): Promise<void> {
    const text = Buffer.from(Object.entries(fields).map(([k, v]) => `${k}: ${v}\r\n`).join(''));
    const r = WARCRecord.create({ type: 'warcinfo', warcVersion: 'WARC/1.1', date: fields['date'], warcHeaders: { 'Content-Type': 'application/warc-fields' } }, once(text));
    await this.append(r, text);
  }

  async response(c: HttpCapture): Promise<WarcRef> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(c.headers)) if (!WIRE_ONLY.has(k.toLowerCase())) headers[k] = v;
    headers['Content-Length'] = String(c.body.length);
    const r = WARCRecord.create(
      {
        url: c.url,
        date: c.date,
        type: 'response',
        warcVersion: 'WARC/1.1',
        statusline: `HTTP/1.1 ${c.status} ${c.status === 200 ? 'OK' : ''}`.trim(),
        httpHeaders: headers,
        warcHeaders: { 'WARC-Identified-Payload-Type': headers['content-type'] ?? 'application/octet-stream' },
      },
      once(c.body),
    );
    return this.append(r, c.body);
  }

  async resource(url: string, date: string, contentType: string, body: Buffer): Promise<WarcRef> {
    const r = WARCRecord.create({ url, date, type: 'resource', warcVersion: 'WARC/1.1', warcHeaders: { 'Content-Type': contentType } }, once(body));
    return this.append(r, body);
  }

  async metadata(url: string, date: string, json: unknown): Promise<WarcRef> {
    const body = Buffer.from(JSON.stringify(json, null, 1));
    const r = WARCRecord.create({ url, date, type: 'metadata', warcVersion: 'WARC/1.1', warcHeaders: { 'Content-Type': 'application/json' } }, once(body));
    return this.append(r, body);
  }

  /** Close; undefined if nothing was written. */
  close(): { file: string; sha256: string; bytes: number; records: number } | undefined {
    if (this.fd === undefined) return undefined;
    closeSync(this.fd);
    this.fd = undefined;
    rmSync(writingMarker(this.path), { force: true });
    return { file: this.name, sha256: this.hash.digest('hex'), bytes: this.bytes, records: this.records };
  }
}
