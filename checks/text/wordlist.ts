/**
 * Wordlists (wordlists/*.json) -> compiled matchers. Validation is strict and complete: the JSON
 * Schema rejects unknown keys, then every semantic problem (bad regex, duplicate id, a pattern that
 * matches the empty string) is collected with the file and entry id, so a broken entry is named
 * and the other lists still load.
 */
import Ajv from 'ajv';
import schema from '../../wordlists/wordlist.schema.json';
import type { Severity, Span } from '../types';
import { severityRank } from '../types';

export interface WordlistSource {
  title: string;
  number?: string;
  url?: string;
  date?: string;
}

export interface WordlistEntry {
  id: string;
  pattern: string;
  severity: Severity;
  note: string;
  suggestion?: string;
  downgrade?: { context: string; before?: number; after?: number; severity: Severity; why: string }[];
  anchor?: { pattern: string; before: number };
  specs: { hit: (string | { text: string; severity: Severity })[]; miss: string[] };
}

export interface WordlistFile {
  meta: { id: string; rule: string; matcher: 'regex'; licence: string; description?: string; sources: WordlistSource[] };
  entries: WordlistEntry[];
}

export interface CompiledEntry {
  id: string;
  re: RegExp;
  /** When set, `re` is only tried from `before` characters ahead of each anchor match. */
  anchor?: { re: RegExp; before: number };
  severity: Severity;
  note: string;
  suggestion?: string;
  downgrade: { re: RegExp; before: number; after: number; severity: Severity; why: string }[];
}

export interface CompiledWordlist {
  id: string;
  rule: string;
  entries: CompiledEntry[];
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile<WordlistFile>(schema);

export class WordlistError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid wordlist\n  ${problems.join('\n  ')}`);
    this.name = 'WordlistError';
  }
}

function regex(source: string, where: string, problems: string[], flags = 'gu'): RegExp | undefined {
  try {
    const re = new RegExp(source, flags);
    if (re.test('')) {
      problems.push(`${where}: pattern matches the empty string`);
      return undefined;
    }
    re.lastIndex = 0;
    return re;
  } catch (e) {
    problems.push(`${where}: invalid regex: ${(e as Error).message}`);
    return undefined;
  }
}

/** Validate and compile; throws WordlistError listing every problem with its entry id. */
export function compileWordlist(data: unknown, file: string): CompiledWordlist {
  if (!validate(data)) {
    throw new WordlistError(file, (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}`));
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  const entries: CompiledEntry[] = [];
  for (const e of data.entries) {
    const where = `entry "${e.id}"`;
    if (seen.has(e.id)) problems.push(`${where}: duplicate id`);
    seen.add(e.id);
    const re = regex(e.pattern, where, problems);
    const downgrade = (e.downgrade ?? []).map((d, i) => ({
      re: regex(d.context, `${where} downgrade ${i + 1}`, problems, 'u'),
      before: d.before ?? 20,
      after: d.after ?? 20,
      severity: d.severity,
      why: d.why,
    }));
    const anchor = e.anchor ? regex(e.anchor.pattern, `${where} anchor`, problems) : undefined;
    if (re && downgrade.every((d) => d.re) && (!e.anchor || anchor)) {
      entries.push({
        id: e.id, re, severity: e.severity, note: e.note, suggestion: e.suggestion, downgrade: downgrade as CompiledEntry['downgrade'],
        ...(anchor ? { anchor: { re: anchor, before: e.anchor!.before } } : {}),
      });
    }
  }
  if (problems.length) throw new WordlistError(file, problems);
  return { id: data.meta.id, rule: data.meta.rule, entries };
}

/**
 * Matches of one entry. With an anchor, the full pattern is tried only just ahead of each anchor
 * hit: a pattern that opens with a broad class (any Han character) would otherwise be attempted at
 * every position of the page.
 */
function* matchesOf(text: string, e: CompiledEntry): Generator<RegExpExecArray> {
  if (!e.anchor) {
    e.re.lastIndex = 0;
    yield* text.matchAll(e.re) as Iterable<RegExpExecArray>;
    return;
  }
  let covered = 0;
  for (const a of text.matchAll(e.anchor.re)) {
    if (a.index < covered) continue;
    e.re.lastIndex = Math.max(covered, a.index - e.anchor.before);
    const m = e.re.exec(text);
    if (m && m.index <= a.index) {
      covered = m.index + m[0].length;
      yield m;
    }
  }
}

/** Every match of every entry, with the severity its surrounding text allows. */
export function matchWordlist(text: string, list: CompiledWordlist): (Span & { entry: string })[] {
  const out: (Span & { entry: string })[] = [];
  for (const e of list.entries) {
    for (const m of matchesOf(text, e)) {
      const start = m.index;
      const end = start + m[0].length;
      let severity = e.severity;
      let why: string | undefined;
      for (const d of e.downgrade) {
        const before = text.slice(Math.max(0, start - d.before), start);
        const after = text.slice(end, end + d.after);
        if ((d.before > 0 && d.re.test(before)) || (d.after > 0 && d.re.test(after))) {
          if (severityRank(d.severity) > severityRank(severity)) {
            severity = d.severity;
            why = d.why;
          }
        }
      }
      out.push({
        start,
        end,
        entry: e.id,
        severity,
        message: why ? `${e.note}（${why}）` : e.note,
        suggestion: e.suggestion,
        discriminator: `${e.id}|${m[0]}`,
      });
    }
  }
  return out.sort((a, b) => a.start! - b.start!);
}
