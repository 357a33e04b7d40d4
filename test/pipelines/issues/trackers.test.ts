import { testStore } from '../../helpers/test-store';
import type { Finding } from '../../../checks/types';
import { silentLogger } from '../../../pipelines/log';
import { deliverPending, LedgerHandle } from '../../../pipelines/filing';
import { outboxEntries, receipts } from '../../../pipelines/store/outbox';
import { Store } from '../../../pipelines/store/store';
import { dueDate } from '../../../pipelines/sinks/working-days';
import { startFakeGitea, startFakeGitlab, type FakeServer } from '../../helpers/fake-trackers';
import { fileRun, filingConfig, finding, ID_NUMBER, TestClock } from '../../helpers/filing';

const TOKEN = 'glpat-test-token';

function gitlabConfig(gl: FakeServer, gt: FakeServer, extra: Record<string, unknown> = {}) {
  return filingConfig({
    sinks: {
      baomi: { type: 'gitlab', url: gl.url, project: 'gov/baomi', token: TOKEN, timeoutMs: 500 },
      content: { type: 'gitea', url: gt.url, owner: 'web', repo: 'content', token: TOKEN, timeoutMs: 500 },
    },
    issues: {
      routing: {
        secrecy: { sinks: ['baomi'], labels: ['保密审查'], assignees: ['baomi-li'], dueWorkingDays: 1 },
        privacy: { sinks: ['baomi'], labels: ['隐私'] },
        content: { sinks: ['content'], labels: ['找错'], assignees: ['editor'], dueWorkingDays: 3 },
      },
      holidays: ['2026-12-01'],
    },
    ...extra,
  });
}

const secrecy = (id: string) => finding(id, { check: 'secrecy', rule: 'secrecy.marking', duty: 'secrecy', title: '密级标志 (classification marking)', match: '机密★' });
const typo = (id: string, o: Partial<Finding> = {}) => finding(id, { check: 'wording', rule: 'wording.typo', duty: 'content', severity: 'medium', title: '错别字', match: '按装', ...o });

describe('tracker sinks', () => {
  let gl: FakeServer;
  let gt: FakeServer;
  let store: Store;
  beforeEach(async () => {
    gl = await startFakeGitlab(TOKEN);
    gt = await startFakeGitea(TOKEN);
    store = testStore();
  });
  afterEach(async () => {
    store.close();
    await gl.close();
    await gt.close();
  });

  it('routes each duty to its own tracker, with labels, assignees and working-day due dates', async () => {
    const clock = new TestClock('2026-11-27T01:00:00.000Z'); // a Friday in Beijing
    const config = gitlabConfig(gl, gt);
    await fileRun(store, config, clock, [secrecy('s1'), finding('p1'), typo('w1')]);
    expect(gl.issues.map((i) => i.title).sort()).toEqual(['[巡检] 测试市人民政府: 个人信息泄露 privacy (privacy)', '[巡检] 测试市人民政府: 涉密信息 secrecy (secrecy)']);
    expect(gt.issues.map((i) => i.title)).toEqual(['[巡检] 测试市人民政府: 严重表述错误 wording (wording)']);
    const sec = gl.issues.find((i) => i.title.includes('secrecy'))!;
    expect(sec.labels).toEqual(expect.arrayContaining(['xunjian', 'duty:secrecy', 'family:secrecy', 'severity:high', '保密审查']));
    expect(sec.assignees).toEqual([42]);
    expect(sec.due).toBe('2026-11-30'); // Friday + 1 working day = Monday
    expect(sec.description).toMatch(/<!-- xunjian:issue=[0-9a-f]{32} v=1 -->/);
    expect(sec.description).toContain('`s1`');
    const content = gt.issues[0]!;
    expect(content.labels).toEqual(expect.arrayContaining(['xunjian', 'duty:content', '找错']));
    expect(content.due).toBe('2026-12-03T23:59:59+08:00'); // Mon 30, (Tue 1 Dec holiday), Wed 2, Thu 3
    // Nothing unmasked went out, and the credential is not in any receipt.
    for (const r of [...gl.log, ...gt.log]) expect(JSON.stringify(r.body ?? '')).not.toContain(ID_NUMBER);
    expect(receipts(store).length).toBeGreaterThan(3);
    for (const r of receipts(store)) expect(`${r.url} ${r.request ?? ''}`).not.toContain(TOKEN);
  });

  it('files nothing new when the same scan runs again, and closes after two clean complete scans', async () => {
    const clock = new TestClock();
    const config = gitlabConfig(gl, gt);
    await fileRun(store, config, clock, [finding('p1'), finding('p2')]);
    await fileRun(store, config, clock, [finding('p1'), finding('p2')]);
    expect(gl.issues).toHaveLength(1);
    expect(gl.log.filter((r) => r.method !== 'GET')).toHaveLength(1); // the create, nothing since
    await fileRun(store, config, clock, [], { complete: false });
    await fileRun(store, config, clock, []);
    expect(gl.issues[0]!.state).toBe('opened');
    await fileRun(store, config, clock, []);
    expect(gl.issues[0]!.state).toBe('closed');
    expect(gl.issues[0]!.notes.map((n) => n.body)).toEqual([expect.stringContaining('已关闭：连续 2 次完整巡检未再发现')]);
    expect(gl.issues[0]!.description).toContain('已整改');
  });

  it('reopens a regression with a label and a comment, on GitLab and Gitea alike', async () => {
    const clock = new TestClock();
    const config = gitlabConfig(gl, gt);
    for (const fs of [[finding('p1'), typo('w1')], [], [], [finding('p1'), typo('w1')]]) await fileRun(store, config, clock, fs);
    for (const issue of [gl.issues[0]!, gt.issues[0]!]) {
      expect(issue.state).toMatch(/^open/);
      expect(issue.labels).toContain('regression');
      expect(issue.notes.map((n) => n.body)).toEqual([expect.stringContaining('已关闭'), expect.stringContaining('再次出现 (regression)')]);
    }
    expect(gl.issues).toHaveLength(1);
    expect(gt.issues).toHaveLength(1);
  });

  it('suppresses the findings of an issue labelled false-positive in the tracker', async () => {
    const clock = new TestClock();
    const config = gitlabConfig(gl, gt);
    await fileRun(store, config, clock, [finding('p1')]);
    gl.issues[0]!.labels.push('false-positive');
    await fileRun(store, config, clock, [finding('p1'), finding('p2')]);
    const rows = store.db.prepare('SELECT fingerprint, suppressed FROM findings ORDER BY fingerprint').all();
    expect(rows).toEqual([{ fingerprint: 'p1', suppressed: 'false-positive' }, { fingerprint: 'p2', suppressed: 'false-positive' }]);
  });

  it('reads a false-positive label at the weekly reminder even when nothing else changed', async () => {
    const clock = new TestClock();
    const config = gitlabConfig(gl, gt);
    await fileRun(store, config, clock, [finding('p1')]);
    gl.issues[0]!.labels.push('误报');
    await fileRun(store, config, clock, [finding('p1')]); // a day later: nothing said, nothing read
    expect(store.db.prepare('SELECT suppressed FROM findings').get()).toEqual({ suppressed: null });
    clock.advance(7 * 86_400_000);
    await fileRun(store, config, clock, [finding('p1')]); // the weekly "still present"
    expect(store.db.prepare('SELECT suppressed FROM findings').get()).toEqual({ suppressed: 'false-positive' });
    await fileRun(store, config, clock, [finding('p1')]);
    await fileRun(store, config, clock, [finding('p1')]);
    expect(gl.issues[0]!.state).toBe('closed'); // no open row left: closed after the complete scan
    expect(gl.issues).toHaveLength(1);
  });

  it('keeps issues in the outbox while the tracker answers 500, and files each once when it is back', async () => {
    const clock = new TestClock();
    const config = gitlabConfig(gl, gt);
    gl.fault = () => ({ status: 500, body: '{"message":"500 Internal Server Error"}' });
    const r = await fileRun(store, config, clock, [finding('p1'), secrecy('s1')]);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'sink-error', message: expect.stringContaining('HTTP 500') })]);
    expect(outboxEntries(store).filter((e) => e.sink === 'baomi').map((e) => e.state)).toEqual(['pending', 'pending']);
    gl.fault = () => undefined;
    const opts = { config, store, clock, log: silentLogger, ledger: new LedgerHandle(config) };
    expect((await deliverPending(opts)).sent).toBe(2); // the clock moved a day: backoff over
    expect((await deliverPending(opts)).sent).toBe(0);
    expect(gl.issues).toHaveLength(2);
  });

  it('waits as long as a 429 says, and treats a hung tracker as down', async () => {
    const clock = new TestClock();
    const config = gitlabConfig(gl, gt);
    gl.fault = () => ({ status: 429, headers: { 'retry-after': '120' }, body: '{"message":"Retry later"}' });
    const at = clock.now().getTime();
    await fileRun(store, config, clock, [finding('p1')]);
    expect(Date.parse(outboxEntries(store)[0]!.notBefore) - at).toBe(120_000);
    gl.fault = () => 'hang';
    const started = Date.now();
    const s = await deliverPending({ config, store, clock, log: silentLogger, ledger: new LedgerHandle(config) });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(s.errors[0]!.message).toMatch(/no answer within 500 ms/);
    expect(outboxEntries(store)[0]).toMatchObject({ state: 'pending', attempts: 2 });
  });

  it('waits out a GitLab rate-limit window that RateLimit-Remaining says is used up', async () => {
    const clock = new TestClock();
    const times: number[] = [];
    let reset = 0;
    gl.headers = () => {
      times.push(Date.now());
      reset ||= Math.ceil(Date.now() / 1000) + 1;
      return { 'ratelimit-remaining': times.length === 1 ? '0' : '99', 'ratelimit-reset': String(reset) };
    };
    await fileRun(store, gitlabConfig(gl, gt), clock, [finding('p1')]);
    expect(gl.issues).toHaveLength(1);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(reset * 1000 - times[0]! - 50);
  });

  it('gives up on a 200 that is not an issue (a proxy login page) and on a refused token, keeping the entry', async () => {
    const clock = new TestClock();
    gl.fault = (m) => (m === 'POST' ? { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>统一身份认证 登录</html>' } : undefined);
    await fileRun(store, gitlabConfig(gl, gt), clock, [finding('p1')]);
    expect(outboxEntries(store)[0]).toMatchObject({ state: 'dead', lastError: expect.stringContaining('unexpected answer (HTTP 200)') });
    const wrong = filingConfig({ sinks: { baomi: { type: 'gitlab', url: gl.url, project: 'gov/baomi', token: 'wrong', timeoutMs: 500 } }, issues: { routing: { privacy: { sinks: ['baomi'] } } } });
    gl.fault = () => undefined;
    const store2 = testStore();
    await fileRun(store2, wrong, clock, [finding('p1')]);
    expect(outboxEntries(store2)[0]).toMatchObject({ state: 'dead', lastError: expect.stringContaining('HTTP 401') });
    store2.close();
  });

  it('finds an issue it filed before by its marker instead of filing it again (store lost)', async () => {
    const clock = new TestClock();
    const config = gitlabConfig(gl, gt);
    await fileRun(store, config, clock, [finding('p1'), typo('w1')]);
    const fresh = testStore();
    await fileRun(fresh, config, clock, [finding('p1'), typo('w1')]);
    fresh.close();
    expect(gl.issues).toHaveLength(1);
    expect(gt.issues).toHaveLength(1);
  });

  it('creates each Gitea label once and refers to it by id', async () => {
    const clock = new TestClock();
    const config = gitlabConfig(gl, gt);
    await fileRun(store, config, clock, [typo('w1')]);
    await fileRun(store, config, clock, [typo('w1'), typo('w2', { severity: 'high' })]);
    const created = gt.log.filter((r) => r.method === 'POST' && r.path.endsWith('/labels') && !r.path.includes('/issues/')).map((r) => (r.body as { name: string }).name);
    expect(new Set(created).size).toBe(created.length);
    expect(gt.issues[0]!.labels).toContain('severity:high');
    expect(gt.issues[0]!.labels).not.toContain('severity:medium');
  });
});

describe('working days', () => {
  const cal = { holidays: ['2026-10-01', '2026-10-02', '2026-10-05'], workdays: ['2026-10-10'] };
  it('skips weekends and holidays and counts 调休 Saturdays', () => {
    expect(dueDate('2026-09-30T02:00:00Z', 1, cal)).toBe('2026-10-06');
    expect(dueDate('2026-10-09T02:00:00Z', 1, cal)).toBe('2026-10-10');
    expect(dueDate('2026-11-27T17:00:00Z', 1, cal)).toBe('2026-11-30'); // 01:00 Saturday in Beijing
  });
});
