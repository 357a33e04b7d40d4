/**
 * The report window of the store as the documents officials file see it (reports/period.ts):
 * every configured site (or the ones the store holds runs for) with its latest finished run in
 * the window, open findings, daily trend of new findings, 整改台账 rows and 19号 scorecard. Drill
 * findings are counted apart and kept out of everything else. An empty window is an honest empty
 * report, not an error.
 */
import type { Finding, Severity } from '../checks/types';
import { SEVERITIES } from '../checks/types';
import type { Config } from './config';
import type { Store } from './store/store';
import type { LedgerRow, PeriodReport, RunRef, SiteSection, TrendPoint } from '../reports/period';
import { localDate } from '../reports/local-time';
import { dueDate } from './sinks/working-days';
import { ACCOUNT_ITEMS, ITEMS, scorecard, type RuleJudgement } from './scorecard';
import { accountSiteId, isAccountSite } from './account-site';
import { UsageError } from './jobs';
import type { RunSummary } from './run';
import pkg from '../package.json';
import { maskedStoreName } from './store/sql';

export interface PeriodOptions {
  since?: string;
  until?: string;
  site?: string;
  now: Date;
  title?: string;
}

const DAY_MS = 86_400_000;
const TOP_PAGES = 10;

interface RunRow {
  id: number;
  command: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  summary: string | null;
}

function parseInstant(v: string | undefined, name: string): string | undefined {
  if (v === undefined) return undefined;
  // A bare day is that day in Beijing time, the way people write a report window.
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00+08:00` : v;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new UsageError(`--${name} must be a date (2026-11-01) or an ISO 8601 time, not "${v}"`);
  return new Date(t).toISOString();
}

function isDrill(f: Finding): boolean {
  return (f as Finding & { drill?: string }).drill !== undefined;
}

/** Open findings of a site, and those fixed in the window, each parsed once and shared by every part of the report. */
interface StoredFinding {
  finding: Finding;
  lastRun: number;
  firstSeen: string;
  status: string;
  suppressed: string | null;
  inIssue: boolean;
}

function storedFindings(store: Store, siteId: string, since: string): StoredFinding[] {
  const rows = store.db.prepare(
    `SELECT data, last_run, first_seen, status, suppressed, issue_id FROM findings
     WHERE site_id = ? AND (status = 'open' OR fixed_at >= ?) ORDER BY first_seen`,
  ).all(siteId, since) as { data: string; last_run: number; first_seen: string; status: string; suppressed: string | null; issue_id: number | null }[];
  return rows.map((r) => ({ finding: JSON.parse(r.data) as Finding, lastRun: r.last_run, firstSeen: r.first_seen, status: r.status, suppressed: r.suppressed, inIssue: r.issue_id !== null }));
}

function ledgerRows(store: Store, config: Config, siteId: string, siteName: string, found: readonly StoredFinding[]): LedgerRow[] {
  const column = store.db.prepare('SELECT column_name FROM page_versions WHERE site_id = ? AND url = ? AND column_name IS NOT NULL ORDER BY run_id DESC LIMIT 1');
  const columns = new Map<string, string | undefined>();
  const dues = new Map<string, string>();
  const out: LedgerRow[] = [];
  for (const r of found) {
    const f = r.finding;
    if (!r.inIssue || isDrill(f)) continue;
    const route = config.issues.routing[f.duty];
    if (!columns.has(f.url)) columns.set(f.url, (column.get(siteId, f.url) as { column_name: string } | undefined)?.column_name);
    const col = columns.get(f.url);
    let due: string | undefined;
    if (route?.dueWorkingDays) {
      const k = `${r.firstSeen.slice(0, 13)}|${route.dueWorkingDays}`;
      due = dues.get(k) ?? dueDate(r.firstSeen, route.dueWorkingDays, config.issues, config.timezone);
      dues.set(k, due);
    }
    out.push({
      siteId, siteName, page: f.url, ...(col ? { column: col } : {}), family: f.check, rule: f.rule, title: f.title, severity: f.severity, duty: f.duty,
      foundAt: r.firstSeen, ...(due ? { dueDate: due } : {}),
      state: r.suppressed ? '已忽略' : r.status === 'fixed' ? '已整改' : '待整改',
      evidence: `${f.id.slice(0, 12)}${f.evidence.snapshot ? ` ${f.evidence.snapshot}` : ''}`,
    });
  }
  return out;
}

function trendOf(store: Store, siteId: string, since: string, until: string, timezone: string): TrendPoint[] {
  // Grouped by hour in SQL (100,000 findings stay one cheap query), then by the readers' calendar day.
  const rows = store.db.prepare(
    `SELECT substr(first_seen, 1, 13) AS hour, substr(rule, 1, instr(rule, '.') - 1) AS family, severity, count(*) AS n
     FROM findings WHERE site_id = ? AND first_seen >= ? AND first_seen <= ? AND json_extract(data, '$.drill') IS NULL
     GROUP BY hour, family, severity`,
  ).all(siteId, since, until) as { hour: string; family: string; severity: Severity; n: number }[];
  const byDay = new Map<string, TrendPoint>();
  for (const r of rows) {
    const day = localDate(`${r.hour}:00:00Z`, timezone);
    const p = byDay.get(day) ?? { day, bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>, byFamily: {} };
    p.bySeverity[r.severity] += r.n;
    p.byFamily[r.family as keyof TrendPoint['byFamily']] = (p.byFamily[r.family as keyof TrendPoint['byFamily']] ?? 0) + r.n;
    byDay.set(day, p);
  }
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** For each rule, the latest run of the window that judged it, and its open findings there. */
function judgements(runs: RunRow[], found: readonly StoredFinding[]): Map<string, RuleJudgement> {
  const out = new Map<string, RuleJudgement>();
  const byRun = new Map<number, Finding[]>();
  for (const r of found) {
    if (r.status !== 'open' || r.suppressed || isDrill(r.finding)) continue;
    const list = byRun.get(r.lastRun);
    if (list) list.push(r.finding);
    else byRun.set(r.lastRun, [r.finding]);
  }
  for (const run of runs) {
    if (!run.summary) continue;
    const s = JSON.parse(run.summary) as RunSummary;
    const fresh = (s.rulesRun ?? []).filter((r) => !out.has(r));
    if (!fresh.length) continue;
    const findings = byRun.get(run.id) ?? [];
    for (const rule of fresh) {
      out.set(rule, { rule, runId: run.id, at: run.finished_at ?? run.started_at, complete: run.status === 'complete', findings: findings.filter((f) => f.rule === rule) });
    }
  }
  return out;
}

export function buildPeriodReport(store: Store, config: Config, o: PeriodOptions): PeriodReport {
  const until = parseInstant(o.until, 'until') ?? o.now.toISOString();
  const since = parseInstant(o.since, 'since') ?? new Date(Date.parse(until) - 30 * DAY_MS).toISOString();
  if (since > until) throw new UsageError(`--since ${o.since} is after --until ${o.until ?? until}`);
  const stored = (store.db.prepare('SELECT DISTINCT site_id FROM runs').all() as { site_id: string }[]).map((r) => r.site_id);
  const known = new Map<string, { name: string; urls: string[] }>(config.sites.map((s) => [s.id, s]));
  // A government account's runs are filed under its own site id; the report names it as configured.
  for (const a of config.accounts) known.set(accountSiteId(a.id), { name: `${a.name}（${a.platform}）`, urls: [a.feed] });
  let ids = [...new Set([...config.sites.map((s) => s.id), ...stored])];
  if (o.site) {
    if (!ids.includes(o.site)) throw new UsageError(`unknown site "${o.site}": not in ${config.file} and no run of it in ${maskedStoreName(config.store)}`);
    ids = [o.site];
  }
  const runsOf = store.db.prepare("SELECT id, command, status, started_at, finished_at, summary FROM runs WHERE site_id = ? AND status != 'running' AND started_at >= ? AND started_at <= ? ORDER BY id DESC");
  let drillFindings = 0;
  const sites: SiteSection[] = ids.map((id) => {
    const conf = known.get(id);
    const runs = runsOf.all(id, since, until) as RunRow[];
    const found = storedFindings(store, id, since);
    // The scan that saw the most: a complete crawl before a probe or a partial run.
    const main = runs.find((r) => r.status === 'complete' && r.command !== 'probe' && r.command !== 'lookalikes') ?? runs.find((r) => r.status === 'complete') ?? runs[0];
    let findings: Finding[] = [];
    let run: RunRef | undefined;
    if (main) {
      const s = main.summary ? (JSON.parse(main.summary) as RunSummary) : undefined;
      run = { id: main.id, command: main.command, status: main.status, startedAt: main.started_at, ...(main.finished_at ? { finishedAt: main.finished_at } : {}), pages: s?.pages ?? 0, documents: s?.documents ?? 0 };
      const all = found.filter((r) => r.lastRun === main.id && r.status === 'open' && !r.suppressed).map((r) => r.finding);
      drillFindings += all.filter(isDrill).length;
      findings = all.filter((f) => !isDrill(f));
    }
    const perPage = new Map<string, number>();
    for (const f of findings) perPage.set(f.url, (perPage.get(f.url) ?? 0) + 1);
    return {
      id, name: conf?.name ?? id, urls: conf?.urls ?? [],
      ...(run ? { run } : {}),
      findings,
      trend: trendOf(store, id, since, until, config.timezone),
      topPages: [...perPage].map(([url, count]) => ({ url, count })).sort((a, b) => b.count - a.count || a.url.localeCompare(b.url)).slice(0, TOP_PAGES),
      ledger: ledgerRows(store, config, id, conf?.name ?? id, found),
      scorecard: scorecard(judgements(runs, found), isAccountSite(id) ? ACCOUNT_ITEMS : ITEMS),
    };
  });
  return {
    title: o.title ?? '政府网站巡检报告',
    generatedAt: o.now.toISOString(),
    timezone: config.timezone,
    window: { since, until },
    sites,
    drillFindings,
    tool: `xunjian ${pkg.version}`,
  };
}
