/**
 * The documents of `xunjian report` (built CLI, end to end) over a store of 100,000 open findings
 * of 50 sites, each filed in its issues: the HTML report, the xlsx 整改台账 (every row) and the docx
 * inspection report, each timed beside the JSON rendering of the same store; goal under 10 s each.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEVERITIES, type Finding } from '../../checks/types';
import { Store } from '../../pipelines/store/store';
import { emit } from './emit';

const CLI = join(__dirname, '..', '..', 'pipelines', 'cli.js');
const SITES = 50;
const PER_SITE = 2000;
const RULES = ['privacy.id-card', 'privacy.mobile', 'links.broken', 'wording.typo', 'dates.future', 'health.meta-tags', 'tamper.hidden-link', 'secrecy.marking'];
const DUTY: Record<string, Finding['duty']> = { privacy: 'privacy', links: 'operations', wording: 'content', dates: 'content', health: 'operations', tamper: 'security', secrecy: 'secrecy' };

function fill(file: string): void {
  const store = Store.open(file);
  const db = store.db;
  const now = Date.now();
  const insertRun = db.prepare("INSERT INTO runs (command, target, site_id, started_at, finished_at, status, summary) VALUES ('scan', ?, ?, ?, ?, 'complete', ?)");
  const insertIssue = db.prepare("INSERT INTO issues (key, site_id, family, duty, state, opened_at) VALUES (?, ?, ?, ?, 'open', ?)");
  const insertFinding = db.prepare('INSERT INTO findings (fingerprint, site_id, rule, severity, url, first_seen, last_seen, first_run, last_run, status, data, issue_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let s = 0; s < SITES; s++) {
      const site = `site${s}`;
      const at = new Date(now - 86_400_000).toISOString();
      const runId = Number(insertRun.run(`https://www.s${s}.gov.cn/`, site, at, at, JSON.stringify({ command: 'scan', target: site, status: 'complete', startedAt: at, finishedAt: at, pages: 5000, documents: 100, findings: PER_SITE, bySeverity: {}, byRule: {}, outcomes: { finding: PER_SITE, pass: 0, skipped: 0, error: 0 }, skippedUrls: 0, errors: 0, rulesRun: RULES })).lastInsertRowid);
      const issues = new Map<string, number>();
      for (let i = 0; i < PER_SITE; i++) {
        const rule = RULES[i % RULES.length]!;
        const family = rule.split('.')[0] as Finding['check'];
        const duty = DUTY[family]!;
        const key = `${site}|${family}|${duty}`;
        if (!issues.has(key)) issues.set(key, Number(insertIssue.run(key, site, family, duty, at).lastInsertRowid));
        const seen = new Date(now - (i % 30) * 86_400_000 - (i % 24) * 3_600_000).toISOString();
        const url = `https://www.s${s}.gov.cn/zwgk/2026${String((i % 12) + 1).padStart(2, '0')}/t2026_${i % 400}.html`;
        const id = `${s.toString(16).padStart(4, '0')}${i.toString(16).padStart(60, '0')}`;
        const f: Finding = {
          id, check: family, rule, severity: SEVERITIES[i % 4]!, duty, title: `规则标题：第 ${i} 个问题的说明文字，包括位置和原因`, site, url,
          location: { start: 100, end: 118, selector: 'div.TRS_Editor > p' }, match: '11**************39', excerpt: '公示名单：张三 11**************39 联系电话 13*******00',
          basis: '国办秘函〔2019〕19号', evidence: { fetchedAt: seen, status: 200, sha256: 'ab'.repeat(32), snapshot: `warc/${site}/run-${runId}.warc.gz#${i * 100}` },
        };
        insertFinding.run(id, site, rule, f.severity, url, seen, at, runId, runId, 'open', JSON.stringify(f), issues.get(key)!);
      }
    }
  })();
  store.close();
}

function cli(dir: string, args: string[]): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`xunjian ${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(0, 500)}`);
  return Number(process.hrtime.bigint() - t) / 1e9;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'xj-bench-reports-'));
  writeFileSync(join(dir, 'xunjian.config.json'), JSON.stringify({ store: 'x.db', out: 'out' }));
  fill(join(dir, 'x.db'));
  const json = cli(dir, ['report', '--format', 'json']);
  for (const format of ['html', 'xlsx', 'docx']) {
    const s = cli(dir, ['report', '--format', format, '--out', 'out']);
    emit({ bench: `report-${format}-100k-findings-50-sites`, metric: 'seconds', value: Number(s.toFixed(2)), unit: 's', vs: `report --format json of the same store ${json.toFixed(2)} s; goal 10 s`, ratio: Number((s / 10).toFixed(2)) });
  }
  const xlsx = statSync(join(dir, 'out', `xunjian-ledger-${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)}.xlsx`)).size;
  emit({ bench: 'report-xlsx-100k-findings-50-sites', metric: 'bytes', value: xlsx, unit: 'B', vs: `${SITES * PER_SITE} ledger rows`, ratio: null });
}

main();
