/**
 * CMS export files: JSONL (streamed line by line, flat memory for any size) or a JSON array.
 * Each record is validated by export.schema.json; a broken line is reported with its line number
 * and field and skipped, and the rest of the export is still scanned.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createReadStream, readFileSync, openSync, readSync, closeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { Clock, PageClaims } from '../../checks/types';
import { createPage } from '../../checks/page';
import { validate as compiledValidate } from '../generated/export-record-validate';
import exportSchema from './export.schema.json';
import { isRealDate } from '../../checks/privacy/id-number';
import type { InputError, Source, SourceItem } from './source';

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

  /** JSON array (or {"articles": [...]}) unless the name says .jsonl or the content starts like JSONL. */
  private isJsonArray(): boolean {
    if (this.text === undefined && /\.jsonl$/i.test(this.file)) return false;
    let head: string;
    if (this.text !== undefined) head = this.text.slice(0, 512);
    else {
      const fd = openSync(this.file, 'r');
      try {
        const buf = Buffer.alloc(512);
        head = buf.subarray(0, readSync(fd, buf, 0, 512, 0)).toString('utf8');
      } finally {
        closeSync(fd);
      }
    }
    head = head.replace(/^\uFEFF/, '').trimStart();
    return head.startsWith('[') || /^\{\s*"articles"\s*:/.test(head);
  }

  async *items(): AsyncGenerator<SourceItem> {
    let records: AsyncIterable<[number, unknown]>;
    try {
      records = this.isJsonArray() ? this.arrayRecords() : this.lineRecords();
    } catch (e) {
      yield { kind: 'error', error: { input: this.file, code: 'unreadable', message: (e as Error).message } };
      return;
    }
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

  private async *lineRecords(): AsyncGenerator<[number, string]> {
    const input = this.text !== undefined ? Readable.from([this.text]) : createReadStream(this.file, { encoding: 'utf8' });
    const rl = createInterface({ input, crlfDelay: Infinity });
    let n = 0;
    for await (const line of rl) {
      n++;
      yield [n, n === 1 ? line.replace(/^\uFEFF/, '') : line];
    }
  }

  private async *arrayRecords(): AsyncGenerator<[number, unknown]> {
    // Arrays are read whole; exports too big for memory should be JSONL.
    const parsed = JSON.parse((this.text ?? readFileSync(this.file, 'utf8')).replace(/^\uFEFF/, '')) as unknown;
    const list = Array.isArray(parsed) ? parsed : (parsed as { articles?: unknown[] }).articles;
    if (!Array.isArray(list)) throw new Error('expected a JSON array of articles or {"articles": [...]}');
    for (let i = 0; i < list.length; i++) yield [i + 1, list[i]];
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
