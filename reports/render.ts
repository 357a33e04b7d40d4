/** One report format by name: the single dispatch used by the CLI and the sinks. */
import { once } from 'node:events';
import type { RunResult } from '../pipelines/run';
import pkg from '../package.json';
import { jsonChunks, renderJson } from './json';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';
import { renderText } from './text';
import { DEFAULT_TIMEZONE } from './local-time';
import { forPeopleLazily } from './for-people';

export type ReportFormat = 'json' | 'sarif' | 'md' | 'text';
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'sarif', 'md', 'text'];
/** Documents made for people from the store (`xunjian report`, `xunjian drill report`), not from one run's result. */
export type DocumentFormat = 'html' | 'xlsx' | 'docx';
export const DOCUMENT_FORMATS: readonly DocumentFormat[] = ['html', 'xlsx', 'docx'];
export type OutputFormat = ReportFormat | DocumentFormat;

export function isDocumentFormat(f: string): f is DocumentFormat {
  return (DOCUMENT_FORMATS as readonly string[]).includes(f);
}

/** `timezone`: where the readers are; times in md and text are shown there (JSON and SARIF keep instants). */
export function render(run: RunResult, format: ReportFormat, timezone = DEFAULT_TIMEZONE): string {
  // Masked as read: a large run's pages (on disk past the first 5,000) are not all read for a
  // report that shows only its findings.
  const r = forPeopleLazily(run);
  switch (format) {
    case 'json':
      return renderJson(r);
    case 'sarif':
      return renderSarif(r, pkg.version);
    case 'md':
      return renderMarkdown(r, timezone);
    case 'text':
      return renderText(r);
  }
}

/**
 * `render`, written to `out` as it is made — a large run's JSON never exists as one string — and
 * no faster than `out` takes it: a pipe to a slower reader (`| jq`, a CI log) buffers every write
 * it has not taken, and a 100,000-page run's 66 MB report held that way tripled a process's memory.
 */
export async function streamReport(run: RunResult, format: ReportFormat, out: NodeJS.WritableStream, timezone = DEFAULT_TIMEZONE): Promise<void> {
  // once() rejects if the stream fails meanwhile (the reader went away), so a wait never hangs.
  const put = async (chunk: string): Promise<void> => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  if (format !== 'json') return put(render(run, format, timezone));
  for (const chunk of jsonChunks(forPeopleLazily(run))) await put(chunk);
}
