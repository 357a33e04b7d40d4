/**
 * An emergency drill end to end through the CLI against a loopback site: plan, payload, the payload
 * published, a scan that finds it (tagged with the drill, filed as a drill issue labelled 演练,
 * kept out of the report's statistics), human steps, the page taken down (the issue closes by
 * itself), finish, and the report with its timeline, receipts and times. Every bad input too.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { startLoopback, type Loopback } from '../helpers/loopback';
import { docxText } from '../helpers/office';

let srv: Loopback;
let published: string | undefined;
beforeAll(async () => {
  srv = await startLoopback((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
    if (req.url === '/') return res.end(`<html><head><title>首页_示范市人民政府</title></head><body><a href="/a.html">通知</a>${published ? '<a href="/gs.html">公示</a>' : ''}<p>联系人 张三 13912345678</p></body></html>`);
    if (req.url === '/a.html') return res.end('<html><body><p>关于做好冬季供暖工作的通知 2026-12-01</p></body></html>');
    if (req.url === '/gs.html' && published) return res.end(published);
    res.writeHead(404).end();
  });
});
afterAll(() => srv.close());

describe('xunjian drill', () => {
  it('runs a 隐私泄露 drill from plan to report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-drill-'));
    writeFileSync(join(dir, 'xunjian.config.json'), JSON.stringify({
      store: 'x.db', crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false, retries: 0 },
      sites: [{ id: 'gxzf', name: '示范市人民政府', urls: [`${srv.origin}/`] }],
      evidence: { dir: 'ledger' }, sinks: { files: { type: 'local' } },
      issues: { routing: { privacy: { sinks: ['files'] } }, drillRouting: { sinks: ['files'], labels: ['应急演练'] } },
    }));
    const cli = (args: string[]) => runCli(args, dir);
    const json = async (args: string[]) => JSON.parse((await cli([...args, '--format', 'json'])).stdout);

    expect((await cli(['drill', 'report'])).stderr).toMatch(/there is no drill yet/);
    expect((await cli(['drill', 'start', '--scenario', '地震', '--site', 'gxzf'])).code).toBe(2);
    const start = await json(['drill', 'start', '--scenario', '隐私泄露', '--site', 'gxzf', '--by', '安全运维 李四', '--expect', '夜间 scan → 工单']);
    const id = start.drill.id as string;
    expect(start.drill).toMatchObject({ scenario: '隐私泄露', site: 'gxzf', status: 'running', events: [expect.objectContaining({ type: 'started' })] });
    expect((await cli(['drill', 'report'])).stderr).toMatch(/still in progress/);

    const pay = await json(['drill', 'payload', '--out', join(dir, 'payload')]);
    expect(pay.drill.events.map((e: { type: string }) => e.type)).toEqual(['started', 'payload']);
    const files = readdirSync(join(dir, 'payload'));
    expect(files.sort()).toEqual([`${id}-README.md`, `${id}-privacy.docx`, `${id}-privacy.html`, `${id}-privacy.xlsx`]);
    published = readFileSync(join(dir, 'payload', `${id}-privacy.html`), 'utf8');
    expect(published).toContain('演练');
    expect(published).toContain(`XJDRILL-${id}`);
    await json(['drill', 'event', '--type', 'injected', '--note', '发布到公示栏目']);

    const scan = await json(['scan', 'gxzf']);
    const drillFindings = scan.findings.filter((f: { drill?: string }) => f.drill === id);
    expect(drillFindings.map((f: { rule: string }) => f.rule).sort()).toEqual(['privacy.id-card', 'privacy.id-card', 'privacy.id-card', 'privacy.mobile', 'privacy.mobile', 'privacy.mobile']);
    // The real mobile on the homepage stays a real finding.
    expect(scan.findings.filter((f: { rule: string; drill?: string }) => f.rule === 'privacy.mobile' && !f.drill)).toHaveLength(1);
    const issueFiles = readdirSync(join(dir, 'ledger', 'issues', 'gxzf'));
    const drillIssue = issueFiles.find((f) => f.includes(id))!;
    expect(readFileSync(join(dir, 'ledger', 'issues', 'gxzf', drillIssue), 'utf8')).toMatch(/labels: \[.*"应急演练".*"演练".*\]/);
    // The report's statistics leave the drill out.
    const card = await json(['report', '--scorecard']);
    expect(card.sites[0].scorecard.find((i: { item: string }) => i.item.startsWith('泄露个人信息'))).toMatchObject({ verdict: 'pass' });

    await json(['drill', 'event', '--type', 'reported', '--note', '值班员在工单中看到']);
    // A time people type is Beijing time.
    const contained = await json(['drill', 'event', '--type', 'contained', '--at', '2099-01-01 10:00']);
    expect(contained.drill.events.find((e: { type: string }) => e.type === 'contained').at).toBe('2099-01-01T02:00:00.000Z');
    published = undefined;
    await cli(['scan', 'gxzf']);
    const after = await json(['scan', 'gxzf']);
    expect(after.summary.issues.events).toMatchObject({ closed: 1 });
    await json(['drill', 'event', '--type', 'restored']);
    const fin = await json(['drill', 'finish']);
    expect(fin.drill.status).toBe('finished');
    expect((await cli(['drill', 'finish'])).stderr).toMatch(/already finished/);
    expect((await cli(['drill', 'event', '--type', 'note'])).code).toBe(2);
    expect((await cli(['drill', 'report', '--drill', 'DR-20990101-0000'])).stderr).toMatch(/there is no drill "DR-20990101-0000"/);

    const r = (await json(['drill', 'report'])).report;
    const sources = r.timeline.map((t: { source: string }) => t.source);
    for (const s of ['plan', 'human', 'detection', 'issue', 'notification']) expect(sources).toContain(s);
    expect(r.timeline.some((t: { what: string }) => /关闭：工单/.test(t.what))).toBe(true);
    expect(r.metrics.detect).toBeGreaterThanOrEqual(0);
    expect(r.metrics.notify).toBeGreaterThanOrEqual(0);
    expect(r.evidence).toHaveLength(6);
    expect(r.gaps).toEqual([]);
    expect(r.metrics.contain).toBeGreaterThan(0);

    const md = (await cli(['drill', 'report', '--format', 'md'])).stdout;
    expect(md).toMatch(/# 应急演练报告/);
    expect(md).toMatch(/## 签字/);
    await cli(['drill', 'report', '--format', 'docx', '--out', join(dir, 'rep')]);
    const docx = join(dir, 'rep', `drill-${id}.docx`);
    expect(existsSync(docx)).toBe(true);
    const { text } = await docxText(docx);
    for (const s of ['应急演练报告', '隐私泄露', '时间线', '发现用时', '签字']) expect(text).toContain(s);
    expect((await json(['drill', 'list'])).drills.map((d: { id: string }) => d.id)).toEqual([id]);
  }, 180_000);

  it('names the steps that never happened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-drill-gaps-'));
    writeFileSync(join(dir, 'xunjian.config.json'), JSON.stringify({ store: 'x.db', sites: [{ id: 'gxzf', name: '示范市人民政府', urls: [`${srv.origin}/`] }] }));
    await runCli(['drill', 'start', '--scenario', '暗链', '--site', 'gxzf'], dir);
    await runCli(['drill', 'finish'], dir);
    const r = JSON.parse((await runCli(['drill', 'report', '--format', 'json'], dir)).stdout).report;
    expect(r.gaps).toEqual(expect.arrayContaining([expect.stringMatching(/未记录载荷注入时间/), expect.stringMatching(/演练载荷未被发现/), expect.stringMatching(/未记录人工上报/), expect.stringMatching(/未记录控制措施/), expect.stringMatching(/未恢复/)]));
    expect(r.metrics).toEqual({});
  }, 60_000);
});
