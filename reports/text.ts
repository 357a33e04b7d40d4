/** Terminal output: one line a finding, then the summary. */
import type { RunResult } from '../pipelines/run';

export function renderText(r: RunResult): string {
  const out: string[] = [];
  for (const f of r.findings) {
    const where = [f.location.attachment, f.location.part, f.location.start !== undefined ? `@${f.location.start}` : '', f.location.hidden ? 'hidden' : '']
      .filter(Boolean)
      .join(' ');
    out.push(`${f.severity.toUpperCase().padEnd(8)} ${f.rule.padEnd(22)} ${f.url}${where ? ` [${where}]` : ''}`);
    out.push(`         ${f.title}${f.match ? ` — ${f.match}` : ''}`);
    if (f.excerpt && f.excerpt !== f.match) out.push(`         …${f.excerpt}…`);
  }
  for (const e of r.errors) out.push(`ERROR    ${e.input}${e.record !== undefined ? `#${e.record}` : ''}${e.field ? ` ${e.field}` : ''}: ${e.message}`);
  const s = r.summary;
  const sev = Object.entries(s.bySeverity).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');
  out.push(`${s.status}: ${s.pages} pages, ${s.documents} attachments, ${s.findings} findings${sev ? ` (${sev})` : ''}, ${s.errors} errors`);
  return out.join('\n') + '\n';
}
