/**
 * What a person may read of a run: ID and mobile numbers masked in every URL, title, target and
 * error message (findings' matches and excerpts are masked where they are made). Every report
 * format goes through this, so a number in a URL (`/gone-13700031676.html`) or a `<title>` does
 * not leak through a report, an issue attachment or stderr. The store keeps the real URLs.
 */
import type { Finding } from '../checks/types';
import { maskIdentifiers, maskPersonal } from '../pipelines/evidence/masking';
import type { PageSummary, RunResult } from '../pipelines/run';

function finding(f: Finding): Finding {
  return {
    ...f,
    url: maskPersonal(f.url),
    title: maskPersonal(f.title),
    match: maskPersonal(f.match),
    excerpt: maskPersonal(f.excerpt),
    location: { ...f.location, ...(f.location.attachment ? { attachment: maskPersonal(f.location.attachment) } : {}) },
  };
}

/** Findings made outside a run (a lookalikes sweep), masked the same way. */
export function forPeopleFindings(fs: Finding[]): Finding[] {
  return fs.map(finding);
}

const page = (p: PageSummary): PageSummary => ({ ...p, url: maskPersonal(p.url), title: maskIdentifiers(maskPersonal(p.title)) });

/**
 * The run as `forPeople` gives it, but its findings and pages masked one at a time as they are
 * read (a streamed report): a copy of a 100,000-page run's pages is not made at once.
 */
export function forPeopleLazily(r: RunResult): RunResult {
  const lazily = <T>(items: T[], mask: (t: T) => T): T[] => new Proxy(items, {
    get: (target, key, receiver) => (typeof key === 'string' && /^\d+$/.test(key) ? mask(target[Number(key)]!) : Reflect.get(target, key, receiver) as unknown),
  });
  return { ...forPeople({ ...r, findings: [], pages: [] }), findings: lazily(r.findings, finding), pages: lazily(r.pages, page) };
}

export function forPeople(r: RunResult): RunResult {
  return {
    ...r,
    findings: r.findings.map(finding),
    pages: r.pages.map(page),
    sites: r.sites.map((s) => ({ ...s, url: maskPersonal(s.url) })),
    summary: { ...r.summary, target: maskPersonal(r.summary.target) },
    errors: r.errors.map((e) => ({ ...e, input: maskPersonal(e.input), message: maskIdentifiers(maskPersonal(e.message)) })),
  };
}
