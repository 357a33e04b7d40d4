import { mkdtempSync, readFileSync, writeFileSync, existsSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { USAGE } from '../../pipelines/cli';
import { CHECKS } from '../../checks/registry';
import { runCli } from '../helpers/cli';
import { htmlPage, startLoopback } from '../helpers/loopback';

const dir = mkdtempSync(join(tmpdir(), 'xj-cli-'));
const leak = join(dir, 'leak.html');
const clean = join(dir, 'clean.html');
writeFileSync(leak, '<html><body><p>申请人身份证号码：110105199003071239</p></body></html>');
writeFileSync(clean, '<html><body><p>示范市召开经济形势分析会。</p></body></html>');

describe('xunjian check', () => {
  it('exits 1 on a high finding and prints the contract JSON, masked', async () => {
    const r = await runCli(['check', leak, '--format', 'json', '--url', 'https://www.example.gov.cn/a.html'], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.schemaVersion).toBe(1);
    expect(Object.keys(out).sort()).toEqual(['errors', 'findings', 'pages', 'schemaVersion', 'sites', 'summary']);
    const f = out.findings[0];
    for (const k of ['id', 'check', 'rule', 'severity', 'duty', 'title', 'url', 'location', 'match', 'excerpt', 'basis', 'evidence']) expect(f).toHaveProperty(k);
    expect(f.url).toBe('https://www.example.gov.cn/a.html');
    expect(out.pages[0]).toMatchObject({ url: 'https://www.example.gov.cn/a.html', findings: 1, publishedAt: null, dateSources: [] });
    expect(r.stdout + r.stderr).not.toContain('110105199003071239');
  });
  it('exits 0 on clean content and when --fail-on is above the finding', async () => {
    expect((await runCli(['check', clean, '--format', 'json'], dir)).code).toBe(0);
    expect((await runCli(['check', leak, '--format', 'json', '--fail-on', 'critical'], dir)).code).toBe(0);
    expect((await runCli(['check', leak, '--format', 'json', '--fail-on', 'none'], dir)).code).toBe(0);
  });
  it('exits 2 naming an unreadable file, and still checks the others', async () => {
    const r = await runCli(['check', join(dir, 'missing.html'), leak, '--format', 'json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.html');
    expect(JSON.parse(r.stdout).findings).toHaveLength(1);
  });
  it('refuses a 500 MB attachment by its size without reading it, and checks the rest', async () => {
    const big = join(dir, 'big.xlsx');
    writeFileSync(big, '');
    truncateSync(big, 500 * 2 ** 20); // sparse: no disk used, and never read
    const r = await runCli(['check', big, leak, '--format', 'json'], dir);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).errors).toEqual([expect.objectContaining({ code: 'too-large', message: expect.stringContaining('500 MiB exceeds') })]);
    expect(JSON.parse(r.stdout).findings).toHaveLength(1);
  });
  it('names the record and field of a broken export line', async () => {
    const exp = join(dir, 'e.jsonl');
    writeFileSync(exp, '{"id":1,"text":"ok"}\n{"id":2,"text":"x","publishedAt":"soon"}\n');
    const r = await runCli(['check', exp, '--format', 'json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/e\.jsonl record 2 field \/publishedAt/);
  });
  it('writes findings.json and report.md with --out', async () => {
    const out = join(dir, 'out');
    await runCli(['check', leak, '--format', 'text', '--out', out], dir);
    expect(existsSync(join(out, 'findings.json'))).toBe(true);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('privacy.id-card');
  });
  it('renders sarif and markdown', async () => {
    const s = JSON.parse((await runCli(['check', leak, '--format', 'sarif'], dir)).stdout);
    expect(s.runs[0].results[0]).toMatchObject({ ruleId: 'privacy.id-card', level: 'error' });
    expect((await runCli(['check', leak, '--format', 'md'], dir)).stdout).toContain('# 巡检报告');
  });
});

describe('xunjian ingest of an export or folder that holds nothing', () => {
  it('is a partial run exiting 2, not a clean one: a failed CMS export or an unmounted share looks like this', async () => {
    const { mkdirSync } = await import('node:fs');
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    const r = await runCli(['ingest', empty, '--format', 'json'], dir);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.summary.status).toBe('partial');
    expect(out.errors).toEqual([expect.objectContaining({ code: 'empty', input: empty })]);
    expect(r.stderr).toMatch(/empty\.jsonl: the export holds no articles/);
    const allBad = join(dir, 'all-bad.jsonl');
    writeFileSync(allBad, '{"id":1}\n');
    const b = await runCli(['ingest', allBad, '--format', 'json'], dir);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/record 1 field \/html[\s\S]*none of its 1 record could be read/);
    const folder = join(dir, 'empty-folder');
    mkdirSync(folder);
    const d = await runCli(['ingest', folder, '--format', 'json'], dir);
    expect(d.code).toBe(2);
    expect(JSON.parse(d.stdout).summary.status).toBe('partial');
    // One good record among bad ones is a run: the bad ones are named, the good one checked.
    const half = join(dir, 'half.jsonl');
    writeFileSync(half, '{"id":1}\n{"id":2,"html":"<p>示范市召开经济形势分析会。</p>"}\n');
    const h = await runCli(['ingest', half, '--format', 'json'], dir);
    expect(h.code).toBe(0);
    expect(JSON.parse(h.stdout).summary.status).toBe('complete');
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['check'], /at least one path/],
    [['frobnicate'], /unknown command/],
    [['check', 'x.html', '--format', 'xml'], /--format/],
    [['check', 'x.html', '--fail-on', 'severe'], /--fail-on/],
    [['check', 'x.html', '--checks', 'privacy.id-crad'], /unknown check/],
    [['scan', 'https://a.gov.cn/', '--max-pages', '0'], /--max-pages/],
    [['check', 'x.html', '--bogus'], /Unknown option/],
    [['lookalikes'], /lookalikes needs one site id or domain/],
    [['probe'], /probe needs one URL or site id/],
    [['ingest', 'x.jsonl', '--type', 'rss'], /--type rss: expected feed, export, dir or git/],
    [['ingest', '.', '--type', 'export'], /--type export needs a JSON or JSONL file/],
    [['ingest', '--type', 'feed'], /ingest needs one export file, folder, git repository or feed/],
    [['ingest', '--account', 'nope'], /no account "nope"/],
  ])('%j', async (args, msg) => {
    const r = await runCli(args as string[], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
  });
  it('names the config file and path of a bad config', async () => {
    const cfgDir = mkdtempSync(join(tmpdir(), 'xj-cfg-'));
    writeFileSync(join(cfgDir, 'xunjian.config.json'), JSON.stringify({ crawl: { maxPages: 'lots' } }));
    const r = await runCli(['check', leak], cfgDir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/xunjian\.config\.json: invalid configuration\n {2}\/crawl\/maxPages: must be integer/);
  });
});

describe('xunjian rules and help', () => {
  it('lists every rule', async () => {
    const r = await runCli(['rules', '--format', 'text'], dir);
    for (const c of CHECKS) expect(r.stdout).toContain(c.meta.id);
    const j = JSON.parse((await runCli(['rules', '--format', 'json'], dir)).stdout);
    expect(j.map((m: { id: string }) => m.id)).toEqual(CHECKS.map((c) => c.meta.id));
  });
  it('documents every command of --help in the README', async () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const commands = [...USAGE.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]!);
    expect(commands.length).toBeGreaterThan(8);
    for (const c of commands) expect(readme).toMatch(new RegExp(`xunjian ${c}\\b|\`${c}\``));
    expect((await runCli(['--help'], dir)).stdout).toBe(USAGE);
  });
});

describe('xunjian scan and report', () => {
  it('crawls a loopback site into the store, and report renders the stored run', async () => {
    const srv = await startLoopback((req, res) => {
      res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(htmlPage('首页', '身份证 110105199003071239', ['/gone.html']));
    });
    const work = mkdtempSync(join(tmpdir(), 'xj-scan-'));
    writeFileSync(join(work, 'xunjian.config.json'), JSON.stringify({ crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false } }));
    try {
      const r = await runCli(['scan', `${srv.origin}/`, '--format', 'json'], work);
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout);
      // The homepage dates nothing, which 国办发〔2015〕15号 counts as not updated; it carries no 网页标签 and no identity marks.
      expect(out.summary).toMatchObject({ status: 'complete', pages: 1, newFindings: 5 });
      expect(out.findings.map((f: { rule: string }) => f.rule).sort()).toEqual(['health.homepage-stale', 'health.identity', 'health.meta-tags', 'links.broken', 'privacy.id-card']);
      const rep = await runCli(['report', '--format', 'json'], work);
      expect(JSON.parse(rep.stdout).findings).toHaveLength(5);
      expect(JSON.parse(rep.stdout).errors[0]).toMatchObject({ code: 'http-404' });
      const again = JSON.parse((await runCli(['scan', `${srv.origin}/`, '--format', 'json'], work)).stdout);
      expect(again.summary.newFindings).toBe(0);
      expect(again.pages[0].dateSources.find((d: { source: string }) => d.source === 'first-seen').value).toBe(out.pages[0].dateSources.find((d: { source: string }) => d.source === 'first-seen').value);
    } finally {
      await srv.close();
    }
  });
  it('files issues into a local ledger, lists them, suppresses one, and verifies the evidence', async () => {
    const srv = await startLoopback((req, res) => {
      res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(htmlPage('首页', '身份证 110105199003071239', []));
    });
    const work = mkdtempSync(join(tmpdir(), 'xj-issues-'));
    writeFileSync(join(work, 'xunjian.config.json'), JSON.stringify({
      crawl: { minIntervalMs: 0, jitterMs: 0, sitemaps: false },
      evidence: { dir: 'ledger' },
      sinks: { files: { type: 'local' } },
      issues: { routing: { privacy: { sinks: ['files'] }, operations: { sinks: ['files'] } } },
    }));
    try {
      const r = JSON.parse((await runCli(['scan', `${srv.origin}/`, '--format', 'json'], work)).stdout);
      expect(r.summary.issues).toMatchObject({ events: { opened: 2 }, delivered: 2, pending: 0, dead: 0 });
      const issues = JSON.parse((await runCli(['issues', '--format', 'json'], work)).stdout);
      expect(issues.map((i: { family: string; open: number; remotes: unknown[] }) => `${i.family} ${i.open} ${i.remotes.length}`).sort()).toEqual(['health 3 1', 'privacy 1 1']);
      const id = r.findings.find((f: { rule: string }) => f.rule === 'privacy.id-card').id as string;
      const sup = await runCli(['issues', 'suppress', id.slice(0, 12), '--reason', 'false-positive', '--format', 'text'], work);
      expect(sup).toMatchObject({ code: 0, stdout: 'suppressed 1 finding(s) as false-positive\n' });
      expect((await runCli(['issues', 'suppress', 'deadbeefdeadbeef'], work)).code).toBe(2);
      expect(await runCli(['outbox', '--format', 'text'], work)).toMatchObject({ code: 0, stdout: 'outbox empty: everything was delivered\n' });
      const v = await runCli(['evidence', 'verify', '--format', 'text'], work);
      expect(v.code).toBe(0);
      expect(v.stdout).toContain('the chain is intact');
      expect((await runCli(['evidence', 'verify'], mkdtempSync(join(tmpdir(), 'xj-none-')))).stderr).toContain('no evidence ledger configured');
    } finally {
      await srv.close();
    }
  });
});
