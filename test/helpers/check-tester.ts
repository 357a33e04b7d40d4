/**
 * A RuleTester for xunjian checks (after ESLint's): `valid` cases must produce no span, `invalid`
 * cases exactly the listed spans. Every case runs twice to prove the check is deterministic, and
 * through the findings engine to prove the span can be located.
 */
import type { PageCheck, Severity, SourceKind, Span } from '../../checks/types';
import { createPage } from '../../checks/page';
import { pageFindings } from '../../pipelines/findings';
import { testContext, FIXED_NOW } from './context';

export interface CheckCase {
  name?: string;
  html?: string;
  text?: string;
  now?: Date;
  /** Where the page came from (default: a file); `feed` for a government account's post. */
  origin?: SourceKind;
}

export interface ExpectedSpan {
  /** The exact text the span covers, or its `target` when it has no offsets (test vectors only: constructed, never real data). */
  match: string;
  severity?: Severity;
  hidden?: boolean;
}

export interface InvalidCase extends CheckCase {
  spans: ExpectedSpan[];
}

function pageOf(c: CheckCase) {
  return createPage({
    siteId: 'test',
    url: 'https://www.example.gov.cn/a.html',
    fetchedAt: FIXED_NOW.toISOString(),
    contentType: c.html !== undefined ? 'html' : 'text',
    source: c.html ?? c.text ?? '',
    origin: c.origin ?? 'file',
  });
}

function spansOf(check: PageCheck, c: CheckCase): Span[] {
  const r = check.run(pageOf(c), testContext(c.now ?? FIXED_NOW));
  return Array.isArray(r) ? r : [];
}

export function runCheckCases(check: PageCheck, cases: { valid: CheckCase[]; invalid: InvalidCase[] }): void {
  describe(`${check.meta.id}`, () => {
    describe('valid', () => {
      cases.valid.forEach((c, i) => {
        it(c.name ?? `valid #${i + 1}`, () => {
          expect(spansOf(check, c)).toEqual([]);
        });
      });
    });
    describe('invalid', () => {
      cases.invalid.forEach((c, i) => {
        it(c.name ?? `invalid #${i + 1}`, () => {
          const page = pageOf(c);
          const first = spansOf(check, c);
          expect(spansOf(check, c)).toEqual(first);
          const text = page.text.text;
          // A span without offsets names its `target` (a date, a URL) instead of a piece of text.
          expect(first.map((s) => (s.start === undefined ? s.target : text.slice(s.start, s.end)))).toEqual(c.spans.map((s) => s.match));
          const findings = pageFindings(check, first, page);
          c.spans.forEach((want, j) => {
            if (want.severity) expect(findings[j]!.severity).toBe(want.severity);
            if (want.hidden !== undefined) expect(findings[j]!.location.hidden ?? false).toBe(want.hidden);
          });
        });
      });
    });
  });
}
