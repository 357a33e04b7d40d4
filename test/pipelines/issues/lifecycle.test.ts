import { testStore } from '../../helpers/test-store';
import type { Family, Finding } from '../../../checks/types';
import { issueRows, listIssues, reconcile, suppress, type IssueEvent } from '../../../pipelines/store/lifecycle';
import { Store } from '../../../pipelines/store/store';
import { coverageOf } from '../../../pipelines/filing';
import { claimNext, enqueueSync, markRetry, outboxEntries } from '../../../pipelines/store/outbox';
import type { RunResult } from '../../../pipelines/run';

const URL_A = 'https://a.gov.cn/a.html';
const URL_B = 'https://a.gov.cn/b.html';

export function makeFinding(id: string, o: Partial<Finding> = {}): Finding {
  return {
    id, check: 'privacy', rule: 'privacy.id-card', severity: 'high', duty: 'privacy', title: '身份证号码泄露', site: 's', url: URL_A,
    location: { start: 0, end: 18 }, match: '11**************39', excerpt: '', basis: '个人信息保护法', evidence: {}, ...o,
  };
}

let day = 0;
/** One scan: stores the findings as runPipeline does, then reconciles. */
function scan(store: Store, findings: Finding[], o: { complete?: boolean; families?: Family[]; urls?: string[]; at?: string } = {}): IssueEvent[] {
  const families = new Set<string>(o.families ?? ['privacy', 'wording', 'headers']);
  const urls = new Set(o.urls ?? [URL_A, URL_B]);
  const at = o.at ?? new Date(Date.UTC(2026, 10, 1 + day++)).toISOString();
  const runId = store.beginRun('scan', 's', 's', at);
  store.upsertFindings(runId, findings, at);
  store.finishRun(runId, o.complete === false ? 'partial' : 'complete', at, {});
  return reconcile(store, {
    runId, siteId: 's', complete: o.complete !== false, at, findings,
    covers: (rule, url) => families.has(rule.split('.')[0]!) && urls.has(url),
  }, { closeAfter: 2, digestDays: 7 });
}

const kinds = (events: IssueEvent[]): string[] => events.map((e) => `${e.kind}:${e.fingerprints.length}`).sort();

describe('issue lifecycle', () => {
  let store: Store;
  beforeEach(() => {
    store = testStore();
    day = 0;
  });
  afterEach(() => store.close());

  it('opens one issue per site, family and duty, with a row per fingerprint', () => {
    const ev = scan(store, [makeFinding('p1'), makeFinding('p2', { url: URL_B }), makeFinding('w1', { check: 'wording', rule: 'wording.typo', duty: 'content' })]);
    expect(kinds(ev)).toEqual(['opened:0', 'opened:0']);
    const issues = listIssues(store);
    expect(issues.map((i) => `${i.family}/${i.duty}/${i.state}`)).toEqual(['privacy/privacy/open', 'wording/content/open']);
    expect(issueRows(store, issues[0]!.id).map((r) => r.fingerprint)).toEqual(['p1', 'p2']);
  });

  it('changes nothing when the same findings are seen again, and adds a row for a new one', () => {
    scan(store, [makeFinding('p1')]);
    expect(scan(store, [makeFinding('p1')])).toEqual([]);
    expect(kinds(scan(store, [makeFinding('p1'), makeFinding('p2')]))).toEqual(['rows-added:1']);
    expect(listIssues(store)).toHaveLength(1);
  });

  it('closes only after N consecutive complete scans without the finding; partial scans count for nothing', () => {
    scan(store, [makeFinding('p1')]);
    expect(scan(store, [], { complete: false })).toEqual([]);
    expect(scan(store, [])).toEqual([]); // 1 of 2
    expect(scan(store, [], { complete: false })).toEqual([]);
    expect(listIssues(store)[0]!.state).toBe('open');
    expect(kinds(scan(store, []))).toEqual(['closed:0', 'rows-fixed:1']); // 2 of 2
    expect(listIssues(store)[0]!.state).toBe('closed');
  });

  it('resets the count when the finding is seen in between', () => {
    scan(store, [makeFinding('p1')]);
    scan(store, []);
    scan(store, [makeFinding('p1')]);
    scan(store, []);
    expect(listIssues(store)[0]!.state).toBe('open');
  });

  it('does not count a scan that did not look at the URL, or did not run the family', () => {
    scan(store, [makeFinding('p1')]);
    scan(store, [], { urls: [URL_B] });
    scan(store, [], { families: ['headers'] });
    scan(store, [], { urls: [URL_B] });
    expect(listIssues(store)[0]!.state).toBe('open');
  });

  it('reopens a closed issue as a regression when a fixed finding comes back', () => {
    scan(store, [makeFinding('p1')]);
    scan(store, []);
    scan(store, []);
    const ev = scan(store, [makeFinding('p1')]);
    expect(kinds(ev)).toEqual(['regression:1']);
    const [issue] = listIssues(store);
    expect(issue).toMatchObject({ state: 'open', regressions: 1 });
    expect(issueRows(store, issue!.id)[0]!.status).toBe('open');
  });

  it('reopens without calling it a regression when a new finding lands in a closed issue', () => {
    scan(store, [makeFinding('p1')]);
    scan(store, []);
    scan(store, []);
    expect(kinds(scan(store, [makeFinding('p9')]))).toEqual(['reopened:1']);
    expect(listIssues(store)[0]).toMatchObject({ state: 'open', regressions: 0 });
  });

  it('records a suppressed finding but never files it, and closes an issue left with suppressed rows only', () => {
    scan(store, [makeFinding('p1'), makeFinding('p2')]);
    expect(suppress(store, ['p2'], 'false-positive')).toEqual({ suppressed: 1, unknown: [] });
    expect(suppress(store, ['nope'], 'accepted').unknown).toEqual(['nope']);
    expect(scan(store, [makeFinding('p2')])).toEqual([]); // seen, not filed (p1 gone: 1 of 2)
    const ev = scan(store, [makeFinding('p2'), makeFinding('p3', { check: 'secrecy', rule: 'secrecy.marking', duty: 'secrecy' })]);
    expect(kinds(ev)).toEqual(['closed:0', 'opened:0', 'rows-fixed:1']);
    const row = store.db.prepare('SELECT last_seen, suppressed FROM findings WHERE fingerprint = ?').get('p2') as { last_seen: string; suppressed: string };
    expect(row.suppressed).toBe('false-positive');
    expect(row.last_seen.startsWith('2026-11-03')).toBe(true);
  });

  it('says "still present" at most once per digest period', () => {
    scan(store, [makeFinding('p1')], { at: '2026-11-01T00:00:00.000Z' });
    expect(scan(store, [makeFinding('p1')], { at: '2026-11-05T00:00:00.000Z' })).toEqual([]);
    expect(kinds(scan(store, [makeFinding('p1')], { at: '2026-11-08T00:00:00.000Z' }))).toEqual(['still-present:0']);
    expect(scan(store, [makeFinding('p1')], { at: '2026-11-09T00:00:00.000Z' })).toEqual([]);
  });

  it('counts a run as having re-examined a finding only where its rule reached a verdict', () => {
    const result = {
      summary: { rulesRun: ['privacy.id-card', 'dates.future', 'headers.grade'] },
      pages: [{ url: URL_A, skipped: { 'dates.future': 'no publication date' } }, { url: URL_B }],
    } as unknown as RunResult;
    const covers = coverageOf(result, ['https://a.gov.cn/']);
    expect(covers('privacy.id-card', URL_A)).toBe(true);
    expect(covers('dates.future', URL_A)).toBe(false); // skipped on that page
    expect(covers('dates.future', URL_B)).toBe(true);
    expect(covers('tls.certificate', 'https://a.gov.cn/')).toBe(false); // a scan without a probe
    expect(covers('headers.grade', 'https://a.gov.cn/')).toBe(true);
    expect(covers('privacy.id-card', 'https://a.gov.cn/other.html')).toBe(false); // not looked at
  });
});

describe('outbox', () => {
  it('keeps one waiting sync per issue and sink, even when one being sent fails and goes back', () => {
    const store = testStore();
    store.db.prepare("INSERT INTO issues (key, site_id, family, duty, state, opened_at) VALUES ('k', 's', 'privacy', 'privacy', 'open', 't')").run();
    enqueueSync(store, 'gl', 1, '2026-01-01T00:00:00Z');
    enqueueSync(store, 'gl', 1, '2026-01-01T00:00:00Z');
    expect(outboxEntries(store)).toHaveLength(1);
    const sending = claimNext(store, 'gl', new Date('2026-01-01T00:00:01Z'))!;
    enqueueSync(store, 'gl', 1, '2026-01-01T00:00:02Z'); // a change while it is out
    expect(outboxEntries(store).map((e) => e.state)).toEqual(['sending', 'pending']);
    markRetry(store, sending.id, '2026-01-01T00:01:00Z', 'HTTP 500');
    expect(outboxEntries(store).map((e) => `${e.id} ${e.state}`)).toEqual([`${sending.id} pending`]);
    store.close();
  });
});
