/**
 * What an issue says, rendered from the store at delivery time (so a sink that was down gets the
 * latest state, once). Everything here comes from findings, which are masked already; the excerpt
 * is masked again on the way out in case a rule's message carried a number.
 */
import { createHash } from 'node:crypto';
import { SEVERITIES, severityRank, type Duty, type Family } from '../../checks/types';
import { routeOf, type DutyRoute, type IssueSettings } from '../config';
import { maskIdentifiers } from '../evidence/masking';
import { drillOfIssue, issueRows, type IssueEvent, type IssueRecord, type IssueRow } from '../store/lifecycle';
import type { Store } from '../store/store';
import { dueDate } from './working-days';
import { DEFAULT_TIMEZONE, localDate } from '../../reports/local-time';

export const FAMILY_NAMES: Record<Family, string> = {
  wording: '严重表述错误 wording',
  dates: '发稿日期 dates',
  privacy: '个人信息泄露 privacy',
  secrecy: '涉密信息 secrecy',
  links: '链接可用性 links',
  health: '网站运行 health',
  headers: '安全响应头 headers',
  tls: 'HTTPS/TLS',
  counterfeit: '假冒网站 counterfeit',
  tamper: '网页篡改 tamper',
  newmedia: '政务新媒体 newmedia',
};

export const DUTY_NAMES: Record<Duty, string> = {
  secrecy: '保密审查',
  privacy: '个人信息保护',
  content: '内容审校',
  security: '安全运维',
  operations: '网站运维',
};

const STATE_NAMES = { open: '待整改', fixed: '已整改' } as const;

/** The marker that finds an issue again in a tracker (after a crash, or with a fresh store). */
export function issueMarker(issue: Pick<IssueRecord, 'key'>): string {
  return `xunjian:issue=${createHash('sha256').update(issue.key).digest('hex').slice(0, 32)}`;
}

export interface IssueText {
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
  dueDate?: string;
  state: 'open' | 'closed';
  marker: string;
  /** A file-system-safe name: `<site>/<family>-<duty>`. */
  slug: string;
  /** Open rows, for chat digests. */
  openRows: number;
}

function cell(s: string): string {
  return maskIdentifiers(s).replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

function severityOf(rows: IssueRow[]): string {
  const open = rows.filter((r) => r.status === 'open' && !r.suppressed);
  return open.length ? SEVERITIES[Math.min(...open.map((r) => severityRank(r.finding.severity)))]! : 'info';
}

export function renderIssue(store: Store, issue: IssueRecord, settings: IssueSettings, siteName?: string, timezone = DEFAULT_TIMEZONE): IssueText {
  const route: DutyRoute = routeOf(settings, issue) ?? { sinks: [], labels: [], assignees: [] };
  const drill = drillOfIssue(issue.key);
  const rows = issueRows(store, issue.id);
  const open = rows.filter((r) => r.status === 'open' && !r.suppressed);
  const marker = issueMarker(issue);
  const severity = severityOf(rows);
  const lines: string[] = [];
  lines.push(`<!-- ${marker} v=1 -->`);
  if (drill) lines.push(`**【应急演练 ${drill}】** 本工单由演练载荷引起，不计入真实统计。`, '');
  lines.push(`**站点** ${siteName ? `${siteName} (${issue.siteId})` : issue.siteId} · **类别** ${FAMILY_NAMES[issue.family]} · **责任** ${DUTY_NAMES[issue.duty]} (${issue.duty})`);
  lines.push('');
  lines.push(`待整改 ${open.length} 处，已整改 ${rows.filter((r) => r.status === 'fixed').length} 处` +
    (rows.some((r) => r.suppressed) ? `，已标记误报/接受 ${rows.filter((r) => r.suppressed).length} 处` : '') +
    `。首次发现 ${localDate(issue.openedAt, timezone)}` + (issue.regressions ? `，反复出现 ${issue.regressions} 次 (regression)` : '') + '。');
  lines.push('');
  lines.push('| 状态 | 级别 | 规则 | 页面 | 位置 | 内容 (已脱敏) | 首次发现 | 指纹 |');
  lines.push('|---|---|---|---|---|---|---|---|');
  const shown = rows.slice(0, settings.maxRows);
  for (const r of shown) {
    const f = r.finding;
    const where = [f.location.attachment ? `附件 ${f.location.attachment.split('/').pop()}` : '', f.location.part ?? '', f.location.hidden ? '隐藏' : '', f.location.selector ?? '']
      .filter(Boolean).join(' ');
    const state = r.suppressed ? (r.suppressed === 'accepted' ? '已接受' : '误报') : STATE_NAMES[r.status];
    lines.push(`| ${state} | ${f.severity} | \`${f.rule}\` | ${cell(f.url)} | ${cell(where)} | ${cell(f.match || f.title)} | ${localDate(r.firstSeen, timezone)} | \`${r.fingerprint.slice(0, 16)}\` |`);
  }
  if (rows.length > shown.length) lines.push('', `另有 ${rows.length - shown.length} 处未列出；完整清单见证据库 (evidence ledger) 或 \`xunjian report\`。`);
  const basis = [...new Set(open.map((r) => r.finding.basis))].slice(0, 5);
  if (basis.length) lines.push('', `依据: ${basis.join('；')}`);
  lines.push('', '标记误报: `xunjian issues suppress <指纹> --reason false-positive`，或给本工单加标签 `false-positive` / `accepted`。');
  const labels = ['xunjian', `duty:${issue.duty}`, `family:${issue.family}`, `severity:${severity}`, ...route.labels];
  if (issue.regressions > 0) labels.push('regression');
  if (drill) labels.push('演练', `drill:${drill}`);
  const due = route.dueWorkingDays ? dueDate(issue.openedAt, route.dueWorkingDays, settings, timezone) : undefined;
  return {
    title: `${drill ? `[演练 ${drill}]` : '[巡检]'} ${siteName ?? issue.siteId}: ${FAMILY_NAMES[issue.family]} (${issue.family})`,
    body: lines.join('\n') + '\n',
    labels: [...new Set(labels)],
    assignees: route.assignees,
    ...(due ? { dueDate: due } : {}),
    state: issue.state,
    marker,
    slug: `${issue.siteId}/${issue.family}-${issue.duty}${drill ? `-${drill}` : ''}`,
    openRows: open.length,
  };
}

const EVENT_TEXT: Record<IssueEvent['kind'], string> = {
  opened: '新发现',
  reopened: '重新打开 (新问题)',
  'rows-added': '新增',
  regression: '再次出现 (regression)',
  'rows-fixed': '已整改',
  closed: '已关闭',
  'still-present': '仍存在',
};

/** The comment a tracker gets for an event; `opened` and `rows-added` are in the body already. */
export function eventComment(e: IssueEvent, closeAfter: number): string | undefined {
  const n = e.fingerprints.length;
  switch (e.kind) {
    case 'regression':
      return `再次出现 (regression): ${n} 处已整改的问题重新出现：${e.fingerprints.slice(0, 20).map((f) => `\`${f.slice(0, 16)}\``).join(', ')}`;
    case 'reopened':
      return `重新打开：发现 ${n} 处新问题。`;
    case 'closed':
      return `已关闭：连续 ${closeAfter} 次完整巡检未再发现。`;
    case 'still-present':
      return '仍存在：本周巡检仍发现以下问题，请尽快整改。';
    default:
      return undefined;
  }
}

export function eventLine(e: IssueEvent, text: IssueText): string {
  const n = e.fingerprints.length;
  return `${EVENT_TEXT[e.kind]}${n ? ` ${n} 处` : ''}: ${text.title} (待整改 ${text.openRows})${text.dueDate ? ` 整改期限 ${text.dueDate}` : ''}`;
}
