/**
 * The wording family's shared scan. Every terms list (built-in and the user's) and the term sets
 * of the leader and canonical-phrase rules are compiled into one automaton per scan mode, so a
 * page is read once per mode however many wording rules run; each rule then takes its own hits.
 */
import type { UserWordlists } from '../types';
import { TermAutomaton } from '../text/aho-corasick';
import { compileBuiltInWordlist, judgeMatch, matchWordlist, termsOf, type CompiledEntry, type CompiledWordlist, type WordlistSpan } from '../text/wordlist';
import typos from '../../wordlists/typos.json';
import canonicalVariants from '../../wordlists/canonical-variants.json';
import banned from '../../wordlists/xinhua-banned.json';
import cautious from '../../wordlists/xinhua-cautious.json';
import prohibited from '../../wordlists/prohibited.json';
import variantForms from '../../wordlists/variant-forms.json';
import sounds from '../../wordlists/generated/char-sounds.json';
import { SoundMatcher, type SoundSet } from './sound-match';

export const BUILTIN_LISTS: readonly CompiledWordlist[] = [
  compileBuiltInWordlist(typos, 'wordlists/typos.json'),
  compileBuiltInWordlist(canonicalVariants, 'wordlists/canonical-variants.json'),
  compileBuiltInWordlist(banned, 'wordlists/xinhua-banned.json'),
  compileBuiltInWordlist(cautious, 'wordlists/xinhua-cautious.json'),
  compileBuiltInWordlist(prohibited, 'wordlists/prohibited.json'),
  compileBuiltInWordlist(variantForms, 'wordlists/variant-forms.json'),
];

/** Literal terms a rule wants located but judges itself (leader names, phrase anchors). */
export interface TermSet {
  id: string;
  terms: readonly string[];
}

type Owner = { list: CompiledWordlist; entry: CompiledEntry } | { set: string; index: number };

interface Group {
  automaton: TermAutomaton;
  owners: Owner[];
}

export interface LexiconScan {
  /** Judged spans of the terms lists, by rule id. */
  byRule: Map<string, WordlistSpan[]>;
  /** Raw hits of each term set, and of each sound set where the text sounds like a term but is written otherwise: [start, end, index into the set's terms]. */
  bySet: Map<string, [number, number, number][]>;
  /** Where the user's allow phrases stand: no wording hit inside them. */
  allowed: { start: number; end: number }[];
}

export class Lexicon {
  private readonly groups: Group[] = [];
  private readonly regexLists: CompiledWordlist[];
  private readonly allow?: TermAutomaton;
  private readonly sounds?: SoundMatcher;
  private lastText?: string;
  private lastScan?: LexiconScan;

  constructor(lists: readonly CompiledWordlist[], sets: readonly TermSet[], allow: readonly string[] = [], soundSets: readonly SoundSet[] = []) {
    const modes = new Map<string, { lists: CompiledWordlist[]; sets: readonly TermSet[]; skipNoise: boolean; simplify: boolean }>();
    const mode = (skipNoise: boolean, simplify: boolean) => {
      const key = `${skipNoise}|${simplify}`;
      let m = modes.get(key);
      if (!m) modes.set(key, (m = { lists: [], sets: [], skipNoise, simplify }));
      return m;
    };
    mode(false, false).sets = sets;
    for (const l of lists) if (l.matcher === 'terms') mode(l.scan.skipNoise, l.scan.simplify).lists.push(l);
    this.regexLists = lists.filter((l) => l.matcher === 'regex');
    for (const m of modes.values()) {
      const terms: string[] = [];
      const owners: Owner[] = [];
      for (const list of m.lists) {
        for (const { term, entry } of termsOf(list)) {
          terms.push(term);
          owners.push({ list, entry });
        }
      }
      for (const s of m.sets) {
        s.terms.forEach((term, index) => {
          terms.push(term);
          owners.push({ set: s.id, index });
        });
      }
      this.groups.push({ automaton: new TermAutomaton(terms, { skipNoise: m.skipNoise, simplify: m.simplify }), owners });
    }
    if (allow.length) this.allow = new TermAutomaton(allow);
    if (soundSets.length) this.sounds = new SoundMatcher(soundSets, Object.values(sounds.sounds as Record<string, string>));
  }

  /** Scan once per text; the rules of one page share the result. */
  scan(text: string): LexiconScan {
    if (this.lastText === text && this.lastScan) {
      this.lastText = text; // equal text in another string: compare by pointer from now on
      return this.lastScan;
    }
    const allowed = this.allow ? this.allow.hits(text) : [];
    const isAllowed = (s: number, e: number) => allowed.some((a) => a.start <= s && e <= a.end);
    const byRule = new Map<string, WordlistSpan[]>();
    const bySet = new Map<string, [number, number, number][]>();
    const addSpan = (rule: string, span: WordlistSpan | undefined) => {
      if (!span || isAllowed(span.start, span.end)) return;
      let l = byRule.get(rule);
      if (!l) byRule.set(rule, (l = []));
      l.push(span);
    };
    for (const g of this.groups) {
      g.automaton.scan(text, (start, end, term) => {
        const o = g.owners[term]!;
        if ('set' in o) {
          let l = bySet.get(o.set);
          if (!l) bySet.set(o.set, (l = []));
          l.push([start, end, o.index]);
        } else {
          addSpan(o.list.rule, judgeMatch(text, start, end, o.entry));
        }
      });
    }
    this.sounds?.scan(text, (set, index, start, end) => {
      if (isAllowed(start, end)) return;
      let l = bySet.get(set);
      if (!l) bySet.set(set, (l = []));
      l.push([start, end, index]);
    });
    for (const list of this.regexLists) for (const s of matchWordlist(text, list)) addSpan(list.rule, s);
    for (const l of byRule.values()) l.sort((a, b) => a.start - b.start || a.end - b.end);
    this.lastText = text;
    this.lastScan = { byRule, bySet, allowed };
    return this.lastScan;
  }

  spans(text: string, rule: string): WordlistSpan[] {
    return mergeOverlaps(this.scan(text).byRule.get(rule) ?? []);
  }
}

/**
 * Overlapping hits of one rule are one finding over their union (澳门葡京 + 葡京娱乐 → 澳门葡京娱乐),
 * worded by the longest of them.
 */
function mergeOverlaps(spans: WordlistSpan[]): WordlistSpan[] {
  const out: WordlistSpan[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    if (prev && s.start < prev.end) {
      const longer = s.end - s.start > prev.end - prev.start ? s : prev;
      out[out.length - 1] = { ...longer, start: prev.start, end: Math.max(prev.end, s.end) };
      continue;
    }
    out.push(s);
  }
  return out;
}

const SETS: TermSet[] = [];
const SOUND_SETS: SoundSet[] = [];
let builtin: Lexicon | undefined;
let custom = new WeakMap<UserWordlists, Lexicon>();

/** Rules that judge raw terms register their sets here when their module loads. */
export function registerTermSet(set: TermSet): void {
  SETS.push(set);
  // A lexicon built before this module loaded lacks the set: build again on next use.
  builtin = undefined;
  custom = new WeakMap();
}

/** Rules that look for same-sound misspellings of fixed names register the names here. */
export function registerSoundSet(set: SoundSet): void {
  SOUND_SETS.push(set);
  builtin = undefined;
  custom = new WeakMap();
}

/** The lexicon for a run: the built-in lists plus the user's own, built once per configuration. */
export function lexiconFor(user: UserWordlists | undefined): Lexicon {
  if (!user || (user.lists.length === 0 && user.allow.length === 0)) {
    return (builtin ??= new Lexicon(BUILTIN_LISTS, SETS, [], SOUND_SETS));
  }
  let l = custom.get(user);
  if (!l) custom.set(user, (l = new Lexicon([...BUILTIN_LISTS, ...user.lists], SETS, user.allow, SOUND_SETS)));
  return l;
}
