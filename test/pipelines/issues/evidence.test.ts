import { testStoreAddress } from '../../helpers/test-store';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CHECKS } from '../../../checks/registry';
import { parseConfig, type Config } from '../../../pipelines/config';
import { Ledger } from '../../../pipelines/evidence/ledger';
import { merkleRoot, parseManifest, renderManifest, ZERO_ROOT } from '../../../pipelines/evidence/manifest';
import { verifyLedger } from '../../../pipelines/evidence/verify';
import { ingest } from '../../../pipelines/jobs';
import { silentLogger } from '../../../pipelines/log';
import { Store } from '../../../pipelines/store/store';
import { ID_NUMBER, TestClock } from '../../helpers/filing';

const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>低保名单公示</title></head><body><h1>低保名单公示</h1>
<p>申请人：张三，身份证号：${ID_NUMBER}，住址略。</p></body></html>`;

function setUp(): { dir: string; site: string; config: Config; store: Store } {
  const dir = mkdtempSync(join(tmpdir(), 'xj-evidence-'));
  const site = join(dir, 'site');
  mkdirSync(site);
  writeFileSync(join(site, 'dibao.html'), PAGE);
  const config = parseConfig({
    store: testStoreAddress(join(dir, 'x.db')),
    evidence: { dir: join(dir, 'ledger') },
    sites: [{ id: 's', name: '测试市人民政府', urls: ['https://a.gov.cn/'] }],
    sinks: { files: { type: 'local' } },
    issues: { routing: { privacy: { sinks: ['files'] } } },
  }, join(dir, 'xunjian.config.json'), {});
  return { dir, site, config, store: Store.open(config.store) };
}

async function run(s: ReturnType<typeof setUp>, clock = new TestClock()) {
  return ingest({ config: s.config, clock, log: silentLogger, store: s.store }, s.site, CHECKS, { site: 's', baseUrl: 'https://a.gov.cn/' });
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
}

describe('Merkle manifest', () => {
  it('chains to the previous root and changes when any line changes', () => {
    const header = { type: 'run' as const, version: 1 as const, runId: 1, site: 's', command: 'scan', startedAt: 'a', finishedAt: 'b', status: 'complete', tool: 't', previous: null };
    const a = renderManifest(header, [{ type: 'finding', fingerprint: 'f', rule: 'r', severity: 'high', url: 'u' }]);
    const parsed = parseManifest(a.text, 'm');
    expect(parsed.recomputed).toBe(a.root);
    expect(parseManifest(a.text.replace('"high"', '"low"'), 'm').recomputed).not.toBe(a.root);
    expect(merkleRoot(ZERO_ROOT, ['x'])).not.toBe(merkleRoot('1'.repeat(64), ['x']));
    expect(() => parseManifest('{"type":"run"}\nnot json\n', 'm')).toThrow('m line 2: not JSON');
  });
});

describe('evidence ledger', () => {
  it('captures the page a finding was seen in, writes a manifest and a local issue, commits both, and verifies', async () => {
    const s = setUp();
    const r = await run(s);
    const f = r.findings.find((x) => x.rule === 'privacy.id-card')!;
    expect(f.evidence.snapshot).toMatch(/^warc\/s\/run-1-\d{8}T\d{6}Z-[0-9a-f]{6}\.warc\.gz#\d+$/);
    expect(r.summary.evidence).toEqual({ manifest: expect.stringMatching(/^manifests\/s\/run-1-/), root: expect.stringMatching(/^[0-9a-f]{64}$/), commit: expect.stringMatching(/^[0-9a-f]{40,64}$/) });
    const ledger = join(s.dir, 'ledger');
    // The raw page is in the WARC (the restricted ledger) and its digest is SHA-256 of the body.
    const [warc] = readdirSync(join(ledger, 'warc', 's'));
    const raw = gunzipSync(readFileSync(join(ledger, 'warc', 's', warc!))).toString('utf8');
    expect(raw).toContain('WARC/1.1');
    expect(raw).toContain('WARC-Payload-Digest: sha256:');
    expect(raw).toContain(ID_NUMBER);
    // The manifest and the issue file are committed; neither carries the number.
    const manifest = readFileSync(join(ledger, r.summary.evidence!.manifest), 'utf8');
    expect(manifest).not.toContain(ID_NUMBER);
    expect(manifest).toContain(f.id);
    const issueFile = readFileSync(join(ledger, 'issues', 's', 'privacy-privacy.md'), 'utf8');
    expect(issueFile).toContain('state: open');
    expect(issueFile).toContain('11**************2X');
    expect(issueFile).not.toContain(ID_NUMBER);
    expect(git(ledger, 'log', '--format=%s')).toMatch(/issues: 1 file\(s\) updated\nevidence: run 1 of s/);
    expect(git(ledger, 'rev-parse', '--show-object-format').trim()).toBe('sha256');
    const report = await verifyLedger(await Ledger.open(ledger));
    expect(report).toMatchObject({ manifests: 1, warcs: 1, problems: [] });
    expect(report.findings).toBeGreaterThanOrEqual(1);
    // The delivery receipts are committed too (what a drill cites as "time notified").
    const receipts = readFileSync(join(ledger, 'receipts', readdirSync(join(ledger, 'receipts'))[0]!), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(receipts).toEqual([expect.objectContaining({ sink: 'files', method: 'WRITE', ok: true })]);
    // An issue file edited by hand after its commit is named.
    writeFileSync(join(ledger, 'issues', 's', 'privacy-privacy.md'), issueFile.replace('state: open', 'state: closed'));
    expect((await verifyLedger(await Ledger.open(ledger))).problems).toEqual(['issues/s/privacy-privacy.md: changed after it was committed']);
    s.store.close();
  });

  it('chains runs and names every kind of tampering', async () => {
    const s = setUp();
    const first = await run(s);
    // Seen again the next day: the week-old rule keeps the first capture, writes nothing new.
    const again = await run(s, new TestClock('2026-11-28T01:00:00.000Z'));
    expect(again.summary.evidence).toBeUndefined();
    const snap = (r: typeof first) => r.findings.find((f) => f.rule === 'privacy.id-card')!.evidence.snapshot;
    expect(snap(again)).toBe(snap(first));
    // A week on, the page is captured again and the new manifest chains to the first.
    const second = await run(s, new TestClock('2026-12-05T01:00:00.000Z'));
    expect(snap(second)).not.toBe(snap(first));
    const ledgerDir = join(s.dir, 'ledger');
    const ledger = await Ledger.open(ledgerDir);
    expect((await verifyLedger(ledger)).problems).toEqual([]);
    const m2 = parseManifest(readFileSync(join(ledgerDir, second.summary.evidence!.manifest), 'utf8'), 'm2');
    expect(m2.header.previous?.root).toMatch(/^[0-9a-f]{64}$/);

    // A byte of a WARC changed.
    const warcPath = join(ledgerDir, m2.warcs[0]!.file);
    const bytes = readFileSync(warcPath);
    bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0xff;
    writeFileSync(warcPath, bytes);
    // A manifest line edited in place.
    const m1Path = join(ledgerDir, m2.header.previous!.manifest);
    writeFileSync(m1Path, readFileSync(m1Path, 'utf8').replace('"high"', '"low"'));
    const problems = (await verifyLedger(ledger)).problems.join('\n');
    expect(problems).toContain(`${m2.warcs[0]!.file}: SHA-256 differs`);
    expect(problems).toMatch(/run-1-.*changed after it was committed/);
    expect(problems).toMatch(/run-1-.*Merkle root .* does not match its lines/);
    s.store.close();
  });

  it('serialises writers of the chain head, and takes over a lock left by a dead process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-lock-'));
    const ledger = await Ledger.open(dir);
    const order: string[] = [];
    const section = (name: string) => ledger.exclusive(async () => {
      order.push(`${name}+`);
      await new Promise((r) => setTimeout(r, 30));
      order.push(`${name}-`);
    });
    await Promise.all([section('a'), section('b')]);
    expect(order).toEqual(['a+', 'a-', 'b+', 'b-']);
    const lock = join(dir, '.git', 'xunjian-ledger.lock');
    writeFileSync(lock, `${hostname()}:4194303`); // no such process
    await expect(ledger.exclusive(async () => 'ran')).resolves.toBe('ran');
    writeFileSync(lock, `${hostname()}:1`); // pid 1 is alive
    await expect(ledger.exclusive(async () => 'ran', 300)).rejects.toThrow(/locked by .*:1 for more than 300 ms/);
  });

  it('refuses a ledger folder that is not a git repository, and one it cannot write, without losing the findings', async () => {
    const s = setUp();
    const ledger = join(s.dir, 'ledger');
    mkdirSync(ledger);
    writeFileSync(join(ledger, 'notes.txt'), 'someone else’s files');
    const r = await run(s);
    expect(r.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'evidence-unavailable', message: expect.stringContaining('is not a git repository and is not empty') })]));
    expect(r.findings.some((f) => f.rule === 'privacy.id-card')).toBe(true);
    expect(s.store.db.prepare('SELECT count(*) AS n FROM findings').get()).toEqual({ n: expect.any(Number) });
    expect(existsSync(join(ledger, '.git'))).toBe(false);
    s.store.close();

    // A ledger path that cannot be a folder at all (under a file): said, not thrown.
    const u = setUp();
    writeFileSync(join(u.dir, 'afile'), '');
    const uc = parseConfig({ ...JSON.parse(JSON.stringify({ store: u.config.store, sites: u.config.sites })), evidence: { dir: join(u.dir, 'afile', 'ledger') } }, join(u.dir, 'c.json'), {});
    const r3 = await ingest({ config: uc, clock: new TestClock(), log: silentLogger, store: u.store }, u.site, CHECKS, { site: 's', baseUrl: 'https://a.gov.cn/' });
    expect(r3.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'evidence-unavailable', message: expect.stringContaining('cannot create the folder: ENOTDIR') })]));
    u.store.close();

    // A folder this process cannot write: a chmod 500 one, or (root writes anywhere) sysfs.
    const t = setUp();
    const asRoot = process.getuid?.() === 0;
    const ro = asRoot ? '/sys' : join(t.dir, 'ledger');
    if (!asRoot) {
      mkdirSync(ro);
      chmodSync(ro, 0o500);
    }
    const tc = parseConfig({ store: t.config.store, sites: t.config.sites, evidence: { dir: ro } }, join(t.dir, 'c.json'), {});
    const r2 = await ingest({ config: tc, clock: new TestClock(), log: silentLogger, store: t.store }, t.site, CHECKS, { site: 's', baseUrl: 'https://a.gov.cn/' });
    expect(r2.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'evidence-unavailable', message: expect.stringContaining('not writable') })]));
    expect(r2.findings.length).toBeGreaterThan(0);
    if (!asRoot) chmodSync(ro, 0o700);
    t.store.close();
  });
});
