/**
 * The answer a CMS acts on: publish, review or block. Configurable rules (config `serve.verdict`):
 * a finding matching a `block` condition blocks, one matching a `review` condition sends the
 * draft to a person; by default any critical or high finding blocks, and privacy and secrecy
 * findings of any severity and medium wording findings go to review — a citizen's mobile number
 * in a draft is never waved through.
 */
import { severityRank, type Family, type Finding, type Severity } from '../../checks/types';

export type Verdict = 'publish' | 'review' | 'block';

/** A finding matches when every given field matches: the family, the rule, and a severity at or above. */
export interface VerdictCondition {
  family?: Family;
  rule?: string;
  severity?: Severity;
}

export interface VerdictRules {
  block: VerdictCondition[];
  review: VerdictCondition[];
}

export const DEFAULT_VERDICT: VerdictRules = {
  block: [{ severity: 'high' }],
  review: [{ family: 'privacy' }, { family: 'secrecy' }, { family: 'wording', severity: 'medium' }],
};

function matches(f: Finding, c: VerdictCondition): boolean {
  return (c.family === undefined || f.check === c.family) && (c.rule === undefined || f.rule === c.rule) && (c.severity === undefined || severityRank(f.severity) <= severityRank(c.severity));
}

export function verdictOf(findings: readonly Finding[], rules: VerdictRules): { verdict: Verdict; because: string[] } {
  const block = findings.filter((f) => rules.block.some((c) => matches(f, c)));
  if (block.length) return { verdict: 'block', because: [...new Set(block.map((f) => f.rule))] };
  const review = findings.filter((f) => rules.review.some((c) => matches(f, c)));
  if (review.length) return { verdict: 'review', because: [...new Set(review.map((f) => f.rule))] };
  return { verdict: 'publish', because: [] };
}
