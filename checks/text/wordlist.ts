/**
 * Wordlists (wordlists/*.json) -> compiled matchers. Validation is strict and complete: the JSON
 * Schema rejects unknown keys, then every semantic problem (bad regex, duplicate id, a pattern that
 * matches the empty string) is collected with the file and entry id, so a broken entry is named
 * and the other lists still load.
 */
import type { ValidateFunction } from 'ajv';
import { validate as compiledValidate } from '../generated/wordlist-validate';
import type { Severity, Span } from '../types';
import { severityRank } from '../types';
import { TermAutomaton, type ScanOptions } from './aho-corasick';
import { runawayPattern } from './runaway-pattern';

export interface WordlistSource {
  title: string;
  number?: string;
  url?: string;
  date?: string;
}

interface ContextRule {
  context: string;
  before?: number;
  after?: number;
  why: string;
}

export interface WordlistEntry {
  id: string;
  pattern?: string;
  terms?: string[];
  allow?: ContextRule[];
  source?: string;
  severity: Severity;
  note: string;
  suggestion?: string;
  downgrade?: (ContextRule & { severity: Severity })[];
  anchor?: { pattern: string; before: number };
  specs: { hit: (string | { text: string; severity: Severity })[]; miss: string[] };
}

export interface WordlistFile {
  meta: {
    id: string;
    rule: string;
    matcher: 'regex' | 'terms';
    scan?: ScanOptions;
    licence: string;
    description?: string;
    sources: WordlistSource[];
  };
  entries: WordlistEntry[];
}

interface CompiledContext {
  re: RegExp;
  before: number;
  after: number;
  why: string;
}

export interface CompiledEntry {
  id: string;
  /** Regex lists. */
  re?: RegExp;
  /** Terms lists. */
  terms?: string[];
  allow: CompiledContext[];
  /** When set, `re` is only tried from `before` characters ahead of each anchor match. */
  anchor?: { re: RegExp; before: number };
  severity: Severity;
  note: string;
  suggestion?: string;
  downgrade: (CompiledContext & { severity: Severity })[];
}

export interface CompiledWordlist {
  id: string;
  rule: string;
  file: string;
  matcher: 'regex' | 'terms';
  scan: { skipNoise: boolean; simplify: boolean };
  entries: CompiledEntry[];
}

/** wordlist.schema.json compiled ahead of time (pipelines/generate-validators.ts). */
const validate = compiledValidate as ValidateFunction<WordlistFile>;

export class WordlistError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid wordlist\n  ${problems.join('\n  ')}`);
    this.name = 'WordlistError';
  }
}

function regex(source: string, where: string, problems: string[], vet: boolean, flags = 'gu'): RegExp | undefined {
  try {
    const re = new RegExp(source, flags);
    if (re.test('')) {
      problems.push(`${where}: pattern matches the empty string`);
      return undefined;
    }
    const runaway = vet ? runawayPattern(source, flags, 'page text') : undefined;
    if (runaway) {
      problems.push(`${where}: ${runaway}`);
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
  return compileValid(data, file, true);
}

/**
 * A wordlist shipped in wordlists/: compiled without the schema pass and the patterns' vetting,
 * which test/wordlists makes once for each, instead of every process and check thread at start.
 */
export function compileBuiltInWordlist(data: unknown, file: string): CompiledWordlist {
  return compileValid(data as WordlistFile, file, false);
}

function compileValid(data: WordlistFile, file: string, vet: boolean): CompiledWordlist {
  const problems: string[] = [];
  const seen = new Set<string>();
  const entries: CompiledEntry[] = [];
  const matcher = data.meta.matcher;
  const contexts = (rules: ContextRule[] | undefined, where: string): (CompiledContext | undefined)[] =>
    (rules ?? []).map((d, i) => {
      const re = regex(d.context, `${where} ${i + 1}`, problems, vet, 'u');
      return re && { re, before: d.before ?? 20, after: d.after ?? 20, why: d.why };
    });
  for (const e of data.entries) {
    const where = `entry "${e.id}"`;
    if (seen.has(e.id)) problems.push(`${where}: duplicate id`);
    seen.add(e.id);
    if (matcher === 'regex' && e.pattern === undefined) problems.push(`${where}: a regex list needs \`pattern\``);
    if (matcher === 'terms' && e.terms === undefined) problems.push(`${where}: a terms list needs \`terms\``);
    const re = e.pattern !== undefined ? regex(e.pattern, where, problems, vet) : undefined;
    const allow = contexts(e.allow, `${where} allow`);
    const downgrade = contexts(e.downgrade, `${where} downgrade`).map((c, i) => c && { ...c, severity: e.downgrade![i]!.severity });
    const anchor = e.anchor ? regex(e.anchor.pattern, `${where} anchor`, problems, vet) : undefined;
    if ((re || e.terms) && allow.every(Boolean) && downgrade.every(Boolean) && (!e.anchor || anchor)) {
      entries.push({
        id: e.id,
        ...(re ? { re } : { terms: e.terms! }),
        severity: e.severity,
        note: e.note,
        suggestion: e.suggestion,
        allow: allow as CompiledContext[],
        downgrade: downgrade as CompiledEntry['downgrade'],
        ...(anchor ? { anchor: { re: anchor, before: e.anchor!.before } } : {}),
      });
    }
  }
  if (problems.length) throw new WordlistError(file, problems);
  return {
    id: data.meta.id,
    rule: data.meta.rule,
    file,
    matcher,
    scan: { skipNoise: data.meta.scan?.skipNoise ?? false, simplify: data.meta.scan?.simplify ?? false },
    entries,
  };
}

/**
 * Matches of one entry. With an anchor, the full pattern is tried only just ahead of each anchor
 * hit: a pattern that opens with a broad class (any Han character) would otherwise be attempted at
 * every position of the page.
 */
function* matchesOf(text: string, e: CompiledEntry): Generator<RegExpExecArray> {
  const re = e.re!;
  if (!e.anchor) {
    re.lastIndex = 0;
    yield* text.matchAll(re) as Iterable<RegExpExecArray>;
    return;
  }
  let covered = 0;
  for (const a of text.matchAll(e.anchor.re)) {
    if (a.index < covered) continue;
    re.lastIndex = Math.max(covered, a.index - e.anchor.before);
    const m = re.exec(text);
    if (m && m.index <= a.index) {
      covered = m.index + m[0].length;
      yield m;
    }
  }
}

const SENTENCE_END = /[。！？!?\n]/u;

/**
 * Whether a context rule's pattern is found just before or after the match. `allow` contexts stop
 * at the sentence: 打击… in the previous sentence does not excuse an ad in this one.
 */
function around(text: string, start: number, end: number, c: CompiledContext, sentence = false): boolean {
  let before = text.slice(Math.max(0, start - c.before), start);
  let after = text.slice(end, end + c.after);
  if (sentence) {
    const b = Math.max(before.lastIndexOf('。'), before.lastIndexOf('！'), before.lastIndexOf('？'), before.lastIndexOf('!'), before.lastIndexOf('?'), before.lastIndexOf('\n'));
    if (b !== -1) before = before.slice(b + 1);
    const a = after.search(SENTENCE_END);
    if (a !== -1) after = after.slice(0, a);
  }
  return (c.before > 0 && c.re.test(before)) || (c.after > 0 && c.re.test(after));
}

export type WordlistSpan = Span & { start: number; end: number; entry: string };

/**
 * One match judged in its context: undefined where an `allow` context says the words are used
 * correctly, otherwise a span with the severity its surroundings leave it.
 */
export function judgeMatch(text: string, start: number, end: number, e: CompiledEntry): WordlistSpan | undefined {
  if (e.allow.some((c) => around(text, start, end, c, true))) return undefined;
  let severity = e.severity;
  let why: string | undefined;
  for (const d of e.downgrade) {
    if (around(text, start, end, d) && severityRank(d.severity) > severityRank(severity)) {
      severity = d.severity;
      why = d.why;
    }
  }
  return {
    start,
    end,
    entry: e.id,
    severity,
    message: why ? `${e.note}（${why}）` : e.note,
    suggestion: e.suggestion,
    discriminator: `${e.id}|${text.slice(start, end)}`,
  };
}

/** The terms of a terms list, flattened, with the entry each belongs to. */
export function termsOf(list: CompiledWordlist): { term: string; entry: CompiledEntry }[] {
  return list.entries.flatMap((entry) => (entry.terms ?? []).map((term) => ({ term, entry })));
}

const automata = new WeakMap<CompiledWordlist, { automaton: TermAutomaton; entries: CompiledEntry[] }>();

function automatonOf(list: CompiledWordlist): { automaton: TermAutomaton; entries: CompiledEntry[] } {
  let a = automata.get(list);
  if (!a) {
    const terms = termsOf(list);
    a = { automaton: new TermAutomaton(terms.map((t) => t.term), list.scan), entries: terms.map((t) => t.entry) };
    automata.set(list, a);
  }
  return a;
}

/** Every match of every entry, with the severity its surrounding text allows. */
export function matchWordlist(text: string, list: CompiledWordlist): WordlistSpan[] {
  const out: WordlistSpan[] = [];
  if (list.matcher === 'terms') {
    const { automaton, entries } = automatonOf(list);
    automaton.scan(text, (start, end, term) => {
      const span = judgeMatch(text, start, end, entries[term]!);
      if (span) out.push(span);
    });
    return out.sort((a, b) => a.start - b.start || a.end - b.end);
  }
  for (const e of list.entries) {
    for (const m of matchesOf(text, e)) {
      const span = judgeMatch(text, m.index, m.index + m[0].length, e);
      if (span) out.push(span);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
