/**
 * What the documents officials file are made of: a report window over one or more sites, each
 * with its latest run, its open findings, the trend of new findings, the rectification ledger
 * (整改台账) rows and the 19号 scorecard. Built from the store by pipelines/period-report.ts;
 * every renderer in reports/ is a pure function of it.
 */
import type { Duty, Family, Finding, Severity } from '../checks/types';

export interface RunRef {
  id: number;
  command: string;
  status: string;
  startedAt: string;
  finishedAt?: string;
  pages: number;
  documents: number;
}

export interface LedgerRow {
  siteId: string;
  siteName: string;
  /** The page (or column) the problem is on. */
  page: string;
  column?: string;
  family: Family;
  rule: string;
  title: string;
  severity: Severity;
  duty: Duty;
  /** ISO 8601 instant the finding was first seen. */
  foundAt: string;
  /** Local calendar day (yyyy-mm-dd) by which it must be fixed, from the duty's routing. */
  dueDate?: string;
  state: '待整改' | '已整改' | '已忽略';
  /** The finding's fingerprint (12 hex) and its WARC record, what an auditor looks up. */
  evidence: string;
}

export type Verdict = 'pass' | 'fail' | 'not-judged';

export interface ScoreItem {
  kind: 'veto' | 'deduction';
  /** The indicator as 19号 names it. */
  item: string;
  rules: string[];
  verdict: Verdict;
  /** What was found (counts, examples), or why it could not be judged. */
  evidence: string;
  /** The run that judged it. */
  runId?: number;
}

export interface TrendPoint {
  /** Local calendar day. */
  day: string;
  bySeverity: Record<Severity, number>;
  byFamily: Partial<Record<Family, number>>;
}

export interface SiteSection {
  id: string;
  name: string;
  urls: string[];
  /** The latest finished run in the window (complete preferred). */
  run?: RunRef;
  /** Open findings of that run, drills left out. */
  findings: Finding[];
  trend: TrendPoint[];
  topPages: { url: string; count: number }[];
  ledger: LedgerRow[];
  scorecard: ScoreItem[];
}

export interface PeriodReport {
  title: string;
  generatedAt: string;
  timezone: string;
  window: { since: string; until: string };
  sites: SiteSection[];
  /** Findings caused by drill payloads: kept out of every count here. */
  drillFindings: number;
  tool: string;
}

export const SEVERITY_ZH: Record<Severity, string> = { critical: '严重', high: '高', medium: '中', low: '低', info: '提示' };
export const DUTY_ZH: Record<Duty, string> = { secrecy: '保密审查', privacy: '隐私保护', content: '内容审核', security: '安全运维', operations: '网站运维' };
export const FAMILY_ZH: Record<Family, string> = {
  wording: '表述错误', dates: '发稿日期', privacy: '个人信息', secrecy: '保密', links: '链接', health: '网站运行', headers: '安全响应头',
  tls: '传输安全', counterfeit: '假冒网站', tamper: '篡改与挂马', newmedia: '政务新媒体',
};
export const VERDICT_ZH: Record<Verdict, string> = { pass: '通过', fail: '不通过', 'not-judged': '未判定' };
