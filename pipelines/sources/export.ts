/**
 * CMS export files: JSONL (streamed line by line, flat memory for any size) or a JSON array.
 * Each record is validated by export.schema.json; a broken line is reported with its line number
 * and field and skipped, and the rest of the export is still scanned.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { constants, createReadStream, open } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Socket } from 'node:net';
import { promisify } from 'node:util';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { Clock, PageClaims } from '../../checks/types';
import { createPage } from '../../checks/page';
import { validate as compiledValidate } from '../generated/export-record-validate';
import exportSchema from './export.schema.json';
import { isRealDate } from '../../checks/privacy/id-number';
import type { InputError, Source, SourceItem } from './source';

const openFd = promisify(open);

export interface ExportRecord {
  id: string | number;
  url?: string;
  title?: string;
  html?: string;
  text?: string;
  column?: string;
  publishedAt?: string;
  createdAt?: string;
  updatedAt?: string;
  author?: string;
  attachments?: { url: string; name?: string }[];
}

/** The record's dates, and the form the schema gives them (export.schema.json definitions.date). */
const DATE_FIELDS = ['publishedAt', 'createdAt', 'updatedAt'] as const;
const DATE = new RegExp(exportSchema.definitions.date.pattern);

/** export.schema.json compiled ahead of time (pipelines/generate-validators.ts). */
const validateRecord = compiledValidate as ValidateFunction<ExportRecord>;

/** CMS dates without a zone are Beijing time; normalise to ISO 8601 with an offset. */
export function normalizeExportDate(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(v);
  if (!m) return v;
  const zone = m[5] ? (m[5] === 'Z' ? 'Z' : m[5].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '+08:00';
  return `${m[1]}T${m[2] ?? '00:00'}:${m[3] ?? '00'}${m[4] ?? ''}${zone}`;
}

function schemaError(file: string, record: number, errors: ErrorObject[] | null | undefined): InputError {
  const list = errors ?? [];
  if (list.some((e) => e.keyword === 'anyOf')) {
    return { input: file, record, field: '/html', code: 'schema', message: 'missing required field: "html" or "text"' };
  }
  const e = list[0];
  if (!e) return { input: file, record, field: '/', code: 'schema', message: 'invalid record' };
  if (e.keyword === 'required') {
    const field = `/${(e.params as { missingProperty: string }).missingProperty}`;
    return { input: file, record, field, code: 'schema', message: `missing required field ${field}` };
  }
  const field = e.instancePath || '/';
  return { input: file, record, field, code: 'schema', message: `${field} ${e.message ?? e.keyword}` };
}

export class ExportSource implements Source {
  readonly description: string;
  private done = false;
  private unreadable = false;

  /** @param text the export's content when it is already in memory (stdin, HTTP); else read from `file`. */
  constructor(
    private readonly file: string,
    private readonly siteId: string,
    private readonly clock: Clock,
    private readonly text?: string,
  ) {
    this.description = `export ${file}`;
  }

  complete(): boolean {
    return this.done;
  }

  /** The export could not be read at all: a failed run, not an empty or a clean one. */
  unread(): boolean {
    return this.unreadable;
  }

  /**
   * The export's text in pieces, the file opened once: a pipe (`xunjian ingest <(cms-export)`) or a
   * FIFO can be read only once, and has no position to read a head from again.
   */
  private pieces(): AsyncIterator<string> {
    return this.text !== undefined ? Readable.from([this.text])[Symbol.asyncIterator]() : fileText(this.file);
  }

  async *items(): AsyncGenerator<SourceItem> {
    const pieces = this.pieces();
    // Enough of the start to tell a JSON array (or {"articles": [...]}) from JSONL, kept to be read again.
    const head: string[] = [];
    let headLength = 0;
    try {
      for (let r = await pieces.next(); ; r = await pieces.next()) {
        if (r.done) break;
        head.push(r.value);
        headLength += r.value.length;
        if (headLength >= SNIFF_CHARS) break;
      }
    } catch (e) {
      this.unreadable = true;
      yield { kind: 'error', error: { input: this.file, code: 'unreadable', message: (e as Error).message } };
      return;
    }
    const start = head.join('').replace(/^\uFEFF/, '').trimStart();
    const array = !(this.text === undefined && /\.jsonl$/i.test(this.file)) && (start.startsWith('[') || /^\{\s*"articles"\s*:/.test(start));
    const text = async function* (): AsyncGenerator<string> {
      try {
        yield* head;
        for (let r = await pieces.next(); !r.done; r = await pieces.next()) yield r.value;
      } finally {
        // A run stopped early closes the file (or pipe) now, not when the collector finds it.
        await pieces.return?.();
      }
    };
    const records = array ? arrayRecords(text()) : lineRecords(text());
    let articles = 0;
    let rejected = 0;
    try {
      for await (const [n, raw] of records) {
        const r = checkRecord(this.file, n, raw);
        if (!r) continue;
        if ('error' in r) {
          rejected++;
          yield { kind: 'error', error: r.error };
        } else {
          articles++;
          for (const error of r.dateErrors) yield { kind: 'error', error };
          yield { kind: 'page', page: this.toPage(r.record) };
        }
      }
    } catch (e) {
      yield { kind: 'error', error: { input: this.file, code: 'unreadable', message: (e as Error).message } };
      return;
    }
    // A CMS export job that failed leaves an empty file behind: nothing read is not a clean site.
    if (!articles) {
      const why = rejected ? `none of its ${rejected} record${rejected > 1 ? 's' : ''} could be read` : 'the export holds no articles (a failed CMS export looks like this)';
      yield { kind: 'error', error: { input: this.file, code: 'empty', message: `${why}; nothing was checked` } };
      return;
    }
    this.done = true;
  }

  private toPage(r: ExportRecord) {
    const claims: PageClaims = {
      id: String(r.id),
      title: r.title,
      column: r.column,
      author: r.author,
      publishedAt: normalizeExportDate(r.publishedAt),
      createdAt: normalizeExportDate(r.createdAt),
      updatedAt: normalizeExportDate(r.updatedAt),
    };
    const isHtml = r.html !== undefined;
    return createPage({
      siteId: this.siteId,
      url: r.url ?? `export:${encodeURIComponent(this.file)}#${encodeURIComponent(String(r.id))}`,
      fetchedAt: this.clock.now().toISOString(),
      contentType: isHtml ? 'html' : 'text',
      source: isHtml ? r.html! : `${r.title ? r.title + '\n' : ''}${r.text!}`,
      origin: 'export',
      claims,
    });
  }
}

/**
 * An export file's text. A FIFO is opened without waiting for its writer and read as a pipe: a
 * blocking open() of one nobody writes holds a thread of libuv's pool for ever, and a process with
 * such a thread cannot even exit (process.exit waits for it; only SIGKILL ends it).
 */
async function* fileText(file: string): AsyncGenerator<string> {
  const fifo = (await stat(file)).isFIFO();
  const input: Readable = fifo ? new Socket({ fd: await openFd(file, constants.O_RDONLY | constants.O_NONBLOCK), readable: true, writable: false }) : createReadStream(file);
  input.setEncoding('utf8');
  try {
    for await (const piece of input) yield piece as string;
  } finally {
    input.destroy();
  }
}

/** What of an export's start tells a JSON array from JSONL. */
const SNIFF_CHARS = 512;

async function* lineRecords(text: AsyncIterable<string>): AsyncGenerator<[number, string]> {
  const rl = createInterface({ input: Readable.from(text), crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    yield [n, n === 1 ? line.replace(/^\uFEFF/, '') : line];
  }
}

async function* arrayRecords(text: AsyncIterable<string>): AsyncGenerator<[number, unknown]> {
  // Arrays are read whole; exports too big for memory should be JSONL.
  let all = '';
  for await (const piece of text) all += piece;
  const parsed = JSON.parse(all.replace(/^\uFEFF/, '')) as unknown;
  const list = Array.isArray(parsed) ? parsed : (parsed as { articles?: unknown[] }).articles;
  if (!Array.isArray(list)) throw new Error('expected a JSON array of articles or {"articles": [...]}');
  for (let i = 0; i < list.length; i++) yield [i + 1, list[i]];
}

/** One raw record (a JSONL line or an array element) -> a valid record, an error, or nothing (blank line). */
function checkRecord(file: string, n: number, raw: unknown): { record: ExportRecord; dateErrors: InputError[] } | { error: InputError } | undefined {
  let value = raw;
  if (typeof raw === 'string') {
    if (raw.trim() === '') return undefined;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      return { error: { input: file, record: n, code: 'json', message: `line ${n}: ${(e as Error).message}` } };
    }
  }
  // A date that cannot be read costs the record its date, not its checks: the field is named and dropped.
  const dateErrors: InputError[] = [];
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const fields = value as Record<string, unknown>;
    for (const field of DATE_FIELDS) {
      const v = fields[field];
      if (typeof v !== 'string') continue;
      const why = !DATE.test(v) ? 'is in no date format an export may use (2026-11-20, 2026-11-20 09:30, ISO 8601)' : !calendarDate(v) ? 'is no date that exists (month 1–12, a day of that month, hour 0–23)' : undefined;
      if (!why) continue;
      dateErrors.push({ input: file, record: n, field: `/${field}`, code: 'schema', message: `/${field} "${v.slice(0, 40)}" ${why}; the record is checked without it` });
      delete fields[field];
    }
  }
  if (!validateRecord(value)) return { error: schemaError(file, n, validateRecord.errors) };
  return { record: value, dateErrors };
}

/** Whether a date the schema's pattern let through exists on the calendar (2026-02-30 and 2026-13-45 do not). */
function calendarDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(v);
  if (!m) return true;
  const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((k) => Number(m[k] ?? 0)) as [number, number, number, number, number];
  return isRealDate(y, mo, d) && h < 24 && mi < 60;
}
