/**
 * Lookalike domains of a gov.cn site, generated the way they are registered (reference
 * counterfeit-tamper.md §2.5): fuzzing inside gov.cn is noise (outsiders cannot register there),
 * so the site's label is moved into suffixes anyone can register (C1/C2), glued to a gov token
 * (C3), given an appended TLD (C4), combined with department tokens (C6), and typo-fuzzed into
 * those suffixes (C7). Each candidate says which pattern made it, for the score's reasons.
 */
import { asciiHost } from './hosts';

export type Pattern = 'suffix-swap' | 'wrong-sld' | 'gov-token' | 'appended-tld' | 'department-token' | 'typo';

export interface Candidate {
  domain: string;
  pattern: Pattern;
}

const OPEN_SUFFIXES = ['cn', 'com', 'net', 'org', 'top', 'xyz', 'cc', 'vip', 'com.cn', 'net.cn', 'org.cn'];
const GOV_TOKENS = ['gov', 'zf', 'zw', 'zwfw', 'zhengfu'];
const DEPT_TOKENS = ['rs', 'rsj', 'hrss', '12333', 'gjj', 'yb', 'sw', 'tax', 'jy', 'ga', 'cz', 'zjj', 'wjw', 'ks'];
const HOMOGLYPH: Record<string, string[]> = { o: ['0'], l: ['1', 'i'], i: ['1', 'l'], m: ['rn', 'nn'], n: ['m'], w: ['vv'], g: ['q'], d: ['cl'] };

/** The distinguishing label of a gov.cn host: `www.hd.gov.cn` → `hd`, `slj.bd.gov.cn` → `slj-bd` parts. */
export function labelsOf(host: string): { label: string; sub: string[] } | undefined {
  const parts = asciiHost(host).split('.');
  const gov = parts.lastIndexOf('gov');
  if (gov < 1 || parts.slice(gov).join('.') !== 'gov.cn') return undefined;
  const label = parts[gov - 1]!;
  const sub = parts.slice(0, gov - 1).filter((p) => p !== 'www');
  return { label, sub };
}

function typos(label: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < label.length; i++) {
    if (label.length > 3) out.add(label.slice(0, i) + label.slice(i + 1)); // omission
    out.add(label.slice(0, i) + label[i] + label.slice(i)); // repetition
    if (i + 1 < label.length) out.add(label.slice(0, i) + label[i + 1] + label[i] + label.slice(i + 2)); // transposition
    for (const g of HOMOGLYPH[label[i]!] ?? []) out.add(label.slice(0, i) + g + label.slice(i + 1));
    if (i > 0) out.add(`${label.slice(0, i)}-${label.slice(i)}`); // hyphenation
  }
  out.delete(label);
  return [...out];
}

const VALID = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/;

/** Candidates for one gov.cn host, most likely first, at most `max`. */
export function lookalikeCandidates(host: string, max = 2000): Candidate[] {
  const l = labelsOf(host);
  if (!l) return [];
  const stems = [l.label, ...(l.sub.length ? [`${l.sub.join('')}${l.label}`, `${l.sub.join('-')}-${l.label}`, `${l.label}${l.sub.join('')}`] : [])];
  const seen = new Map<string, Pattern>();
  const add = (domain: string, pattern: Pattern) => {
    if (VALID.test(domain) && !seen.has(domain) && !domain.endsWith('.gov.cn')) seen.set(domain, pattern);
  };
  for (const stem of stems) {
    for (const t of GOV_TOKENS) for (const s of ['cn', 'com', 'com.cn', 'net', 'top']) {
      add(`${stem}${t}.${s}`, 'gov-token');
      add(`${stem}-${t}.${s}`, 'gov-token');
      add(`${t}${stem}.${s}`, 'gov-token');
    }
    add(`${stem}-gov-cn.com`, 'gov-token');
    add(`${stem}govcn.com`, 'gov-token');
    for (const s of ['com', 'net', 'cc', 'top', 'xyz']) add(`${stem}.gov.cn.${s}`, 'appended-tld');
    for (const s of OPEN_SUFFIXES) add(`${stem}.${s}`, s.includes('.') ? 'wrong-sld' : 'suffix-swap');
    for (const d of DEPT_TOKENS) for (const s of ['cn', 'com', 'net', 'top']) {
      add(`${stem}${d}.${s}`, 'department-token');
      add(`${d}${stem}.${s}`, 'department-token');
    }
    for (const t of typos(stem)) for (const s of ['cn', 'com', 'com.cn']) {
      add(`${t}.${s}`, 'typo');
      add(`${t}gov.${s}`, 'typo');
    }
  }
  return [...seen].slice(0, max).map(([domain, pattern]) => ({ domain, pattern }));
}
