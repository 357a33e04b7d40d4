/**
 * Patterns people write — their own wordlists, a crawl's include and exclude — are vetted before
 * they run. A pattern whose backtracking has no bound hangs the check thread that meets the wrong
 * text or, on the run's own thread, the whole process: `(\S+\s?)+旧称` in an office's list took
 * hours on a paragraph of 30 Han characters without 旧称, and a daemon so stuck answers no signal
 * but SIGKILL. recheck (MIT) decides it, with an example of such text.
 *
 * Page text is refused anything worse than linear: a quadratic `[^。]*旧称` takes 33 s on a line of
 * 100,000 characters (a defaced page's megabyte: an hour, by the square). Addresses take quadratic
 * (`.*\.pdf$`, which people write in include/exclude lists), as they are short.
 */
import type { Diagnostics } from 'recheck';

/** A pattern recheck cannot settle within this is let through, as nothing shows it unsafe. */
const TIMEOUT_MS = 1_000;

/**
 * Why the pattern may run without end on some text, with how such text looks and how to mend it;
 * undefined when it is safe (or undecided).
 */
export function runawayPattern(source: string, flags: string, subject: 'page text' | 'addresses'): string | undefined {
  let d: Diagnostics;
  try {
    // Loaded on first use: most runs vet no pattern, and the checker is 6 MB of code.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { checkSync } = require('recheck') as typeof import('recheck');
    const f = flags.replace(/[gy]/g, '');
    // Automata theory settles most patterns exactly within milliseconds (a bounded `.{0,30}` that
    // sends recheck's own choice to fuzzing cost it its whole timeout); fuzzing takes the rest
    // (back-references, look-arounds).
    d = checkSync(source, f, { timeout: TIMEOUT_MS, checker: 'automaton' });
    if (d.status === 'unknown') d = checkSync(source, f, { timeout: TIMEOUT_MS, checker: 'fuzz' });
  } catch {
    // The checker itself failed (its helper could not start): the pattern is no less safe than before.
    return undefined;
  }
  if (d.status !== 'vulnerable') return undefined;
  const c = d.complexity;
  if (c.type === 'polynomial' && c.degree <= (subject === 'addresses' ? 2 : 1)) return undefined;
  const growth = c.type === 'exponential' ? 'exponential in' : `the ${c.degree === 2 ? 'square' : c.degree === 3 ? 'cube' : `${c.degree}th power`} of`;
  const example = d.attack.pattern.length <= 80 ? ` (text such as ${d.attack.pattern})` : '';
  return `matching can take time ${growth} the length of the text${example}, which would stall a scan that meets such ${subject === 'addresses' ? 'an address' : 'a page'}; bound each repetition (\`{1,20}\` instead of \`+\`) and do not repeat a group that itself repeats`;
}
