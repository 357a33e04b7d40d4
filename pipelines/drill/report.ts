/**
 * A drill's report assembled from the store: the steps people recorded, the findings its payload
 * caused (first detection), the issues they were filed in and every delivery receipt (when the
 * tracker accepted the issue, when each robot message was accepted), and when the issues closed.
 * The times are measured from those records; a step with no record is a gap, named.
 */
import type { DrillReport, TimelineEntry } from '../../reports/drill';
import type { Store } from '../store/store';
import { drillFindings, drillNotifications, issueTimes, type Drill } from '../store/drills';
import pkg from '../../package.json';

const EVENT_ZH: Record<string, string> = {
  started: '演练开始（计划登记）', payload: '生成演练载荷', injected: '载荷注入（发布到站点）', reported: '人工上报', contained: '控制（下线、隔离）',
  restored: '恢复', note: '备注', finished: '演练结束',
};

export function buildDrillReport(store: Store, d: Drill, o: { siteName: string; timezone: string; now: Date }): DrillReport {
  const timeline: TimelineEntry[] = d.events.map((e) => ({ at: e.at, what: `${EVENT_ZH[e.type] ?? e.type}${e.note ? `：${e.note}` : ''}`, source: e.type === 'started' || e.type === 'finished' || e.type === 'payload' ? 'plan' : 'human' }));
  const found = drillFindings(store, d.id);
  for (const f of found.slice(0, 20)) timeline.push({ at: f.firstSeen, what: `发现：${f.finding.rule}（${f.finding.severity}）${f.finding.url}`, source: 'detection' });
  const issueIds = [...new Set(found.map((f) => f.issueId).filter((x): x is number => x !== undefined))];
  const notes = drillNotifications(store, issueIds);
  for (const n of notes) timeline.push({ at: n.at, what: `通报：${n.sink} ${n.kind === 'sync' ? '工单' : n.kind === 'digest' ? '群消息' : '评论'} ${n.method} ${n.ok ? '已送达' : '失败'}${n.status !== undefined ? `（HTTP ${n.status}）` : ''}，工单 #${n.issueId}`, source: 'notification' });
  const issues = issueTimes(store, issueIds);
  for (const i of issues) {
    timeline.push({ at: i.openedAt, what: `立案：工单 #${i.id}`, source: 'issue' });
    if (i.closedAt) timeline.push({ at: i.closedAt, what: `关闭：工单 #${i.id}（问题已消失）`, source: 'issue' });
  }
  timeline.sort((a, b) => a.at.localeCompare(b.at));

  const first = (type: string) => d.events.find((e) => e.type === type)?.at;
  const injected = first('injected');
  const detected = found[0]?.firstSeen;
  const notified = notes.find((n) => n.ok)?.at;
  const contained = first('contained');
  const closed = issues.length && issues.every((i) => i.closedAt) ? issues.map((i) => i.closedAt!).sort().at(-1) : undefined;
  const restored = first('restored') ?? closed;
  const span = (a?: string, b?: string) => (a && b ? Date.parse(b) - Date.parse(a) : undefined);
  const start = injected ?? d.startedAt;

  const gaps: string[] = [];
  if (!injected) gaps.push('未记录载荷注入时间（drill event --type injected）：发现用时按演练开始时间计算');
  if (!detected) gaps.push('演练载荷未被发现：没有任何发现带有本演练的标识（检查载荷是否发布、扫描是否覆盖该页面）');
  if (detected && !issueIds.length) gaps.push('发现没有立案：该职责未配置路由（issues.routing 或 issues.drillRouting）');
  if (issueIds.length && !notes.length) gaps.push('没有任何送达记录：工单或群消息未发出');
  const failed = notes.filter((n) => !n.ok);
  if (failed.length) gaps.push(`${failed.length} 次送达失败（${[...new Set(failed.map((n) => n.sink))].join('、')}）`);
  if (!first('reported')) gaps.push('未记录人工上报（drill event --type reported）');
  if (!contained) gaps.push('未记录控制措施（drill event --type contained）');
  if (!restored) gaps.push('未恢复：没有恢复记录，问题也未全部消失');
  if (detected && Date.parse(detected) < Date.parse(start)) gaps.push('首次发现早于注入时间：核对注入时间的记录');

  return {
    id: d.id, scenario: d.scenario, site: d.site, siteName: o.siteName, status: d.status,
    ...(d.plannedBy ? { plannedBy: d.plannedBy } : {}), ...(d.expected ? { expected: d.expected } : {}),
    startedAt: d.startedAt, ...(d.finishedAt ? { finishedAt: d.finishedAt } : {}),
    timeline,
    metrics: { detect: span(start, detected), notify: span(detected, notified), contain: span(detected, contained), recover: span(start, restored) },
    evidence: found.map((f) => ({ rule: f.finding.rule, severity: f.finding.severity, url: f.finding.url, firstSeen: f.firstSeen, fingerprint: f.finding.id.slice(0, 16), ...(f.finding.evidence.snapshot ? { snapshot: f.finding.evidence.snapshot } : {}) })),
    gaps, timezone: o.timezone, generatedAt: o.now.toISOString(), tool: `xunjian ${pkg.version}`,
  };
}
