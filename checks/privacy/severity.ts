/**
 * How exposure raises severity: data hidden from the reader (a hidden column, a display:none row,
 * a tracked deletion) was not meant to be published and is usually complete, so it is one level
 * more serious than the same value in view.
 */
import type { Page, Severity, Span } from '../types';
import { SEVERITIES } from '../types';
import { isHiddenSpan } from '../text/visible-text';

export function raise(s: Severity): Severity {
  return SEVERITIES[Math.max(0, SEVERITIES.indexOf(s) - 1)]!;
}

/** Raise hidden spans one level above `base` (or above the span's own severity). */
export function raiseHidden(page: Page, spans: Span[], base: Severity): Span[] {
  for (const s of spans) {
    if (s.start !== undefined && s.end !== undefined && isHiddenSpan(page.text, s.start, s.end)) s.severity = raise(s.severity ?? base);
  }
  return spans;
}
