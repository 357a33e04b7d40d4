/**
 * The leaders table (wordlists/leaders.json) and its generated homophone variants, as one term
 * set in the wording scan, plus the page date the title rules judge against.
 */
import type { Page } from '../types';
import { claimOf } from '../dates/claims';
import { registerSoundSet, registerTermSet } from './lexicon';
import data from '../../wordlists/leaders.json';
import generated from '../../wordlists/generated/leader-variants.json';

interface Post {
  title: string;
  from: string;
  to?: string;
}

export interface Leader {
  name: string;
  posts: Post[];
  misspellings: string[];
}

export interface Body {
  id: string;
  name: string;
  from: string;
  to?: string;
  order: string[];
}

export interface LeadersTable {
  titles: { id: string; forms: string[] }[];
  leaders: Leader[];
  bodies: Body[];
}

export const TABLE: LeadersTable = data;

/** What a term of the `leaders` set stands for. */
export type LeaderTerm =
  | { kind: 'name'; leader: Leader }
  /** `seen`: a misspelling from a published case (leaders.json), not only a generated homophone. */
  | { kind: 'variant'; leader: Leader; seen: boolean }
  | { kind: 'title'; title: string };

const terms: string[] = [];
export const LEADER_TERMS: LeaderTerm[] = [];
const variants = generated.variants as Record<string, string[]>;
for (const leader of TABLE.leaders) {
  terms.push(leader.name);
  LEADER_TERMS.push({ kind: 'name', leader });
  for (const v of variants[leader.name] ?? leader.misspellings) {
    terms.push(v);
    LEADER_TERMS.push({ kind: 'variant', leader, seen: leader.misspellings.includes(v) });
  }
}
for (const t of TABLE.titles) {
  for (const form of t.forms) {
    terms.push(form);
    LEADER_TERMS.push({ kind: 'title', title: t.id });
  }
}
registerTermSet({ id: 'leaders', terms });

export const TITLE_NAMES = new Map(TABLE.titles.map((t) => [t.id, t.forms[0]!]));

/**
 * Each leader's name followed by a title they have held (习近平总书记, 李强总理) or 同志, found by
 * sound: 习近平总书计 and 李强总里 are the title typed through the input method. 同志 only after a
 * three-character name: 李强同志 is also any village's 李强.
 */
/** The word a title form ends with, as a title follows a name in prose (国家主席 → 习近平主席). */
const TITLE_WORD = /(?:总书记|副主席|主席|副总理|总理|委员长|书记)$/u;

export const TITLED_NAMES: { leader: Leader; form: string }[] = TABLE.leaders.flatMap((leader) => {
  const forms = TABLE.titles.filter((t) => heldEver(leader, t.id)).flatMap((t) => t.forms);
  const titles = new Set([...forms, ...forms.map((f) => TITLE_WORD.exec(f)?.[0] ?? f), ...(leader.name.length > 2 ? ['同志'] : [])]);
  return [...titles].map((title) => ({ leader, form: `${leader.name}${title}` }));
});
registerSoundSet({ id: 'leader-titles', terms: TITLED_NAMES.map((t) => t.form) });

/**
 * yyyy-mm-dd of the page's claimed publication (export, meta, JSON-LD, byline or URL; not a date
 * merely found in the text); undefined when it claims none. The scan date is
 * no substitute: archives are full of 李克强总理 on pages of 2015 that are right as they stand.
 */
export function pageDay(page: Page): string | undefined {
  return claimOf(page)?.claim.value.slice(0, 10);
}

export function heldAt(leader: Leader, title: string, day: string): boolean {
  return leader.posts.some((p) => p.title === title && p.from <= day && (p.to === undefined || day < p.to));
}

/** Whether the leader has held the title at all. */
export function heldEver(leader: Leader, title: string): boolean {
  return leader.posts.some((p) => p.title === title);
}

/** Whether the leader held the title at any time in the year. */
export function heldIn(leader: Leader, title: string, year: number): boolean {
  return leader.posts.some((p) => p.title === title && Number(p.from.slice(0, 4)) <= year && (p.to === undefined || year <= Number(p.to.slice(0, 4))));
}
