/**
 * The 应急演练报告: scenario and plan, the timeline (injection, first detection, each notification
 * with its receipt, response, recovery), the times to detect, notify, contain and recover, the
 * evidence, what went wrong — a step that never happened is named, not hidden — and a signatures
 * block. Markdown, HTML and docx render the same model.
 */
import { AlignmentType, Paragraph, TextRun } from 'docx';
import { heading, packDocument, para, table } from './docx';
import { localTime } from './local-time';

export interface TimelineEntry {
  at: string;
  what: string;
  /** `human` (drill event), `detection`, `notification`, `issue`, `plan`. */
  source: string;
}

export interface DrillReport {
  id: string;
  scenario: string;
  site: string;
  siteName: string;
  status: string;
  plannedBy?: string;
  expected?: string;
  startedAt: string;
  finishedAt?: string;
  timeline: TimelineEntry[];
  /** Milliseconds, or undefined when a step is missing. */
  metrics: { detect?: number; notify?: number; contain?: number; recover?: number };
  /** Findings the payload caused: rule, severity, first seen, fingerprint, snapshot. */
  evidence: { rule: string; severity: string; url: string; firstSeen: string; fingerprint: string; snapshot?: string }[];
  gaps: string[];
  timezone: string;
  generatedAt: string;
  tool: string;
}

function duration(ms: number | undefined): string {
  if (ms === undefined) return '未发生';
  if (ms < 0) return '（时间顺序错误）';
  if (ms < 60_000) return `${Math.round(ms / 1000)} 秒`;
  const m = Math.round(ms / 60_000);
  return m < 60 ? `${m} 分钟` : m < 2880 ? `${Math.floor(m / 60)} 小时 ${m % 60} 分钟` : `${Math.round(m / 1440)} 天`;
}

const METRICS: [keyof DrillReport['metrics'], string][] = [['detect', '发现用时（注入 → 首次发现）'], ['notify', '通报用时（首次发现 → 首次送达）'], ['contain', '处置用时（首次发现 → 控制）'], ['recover', '恢复用时（注入 → 恢复）']];

export function renderDrillMarkdown(r: DrillReport): string {
  const tz = r.timezone;
  const lines = [
    `# 应急演练报告 ${r.id}`, '',
    `- 场景：${r.scenario}`, `- 站点：${r.siteName}（${r.site}）`, `- 组织：${r.plannedBy ?? '未记录'}`, `- 预期发现途径：${r.expected ?? '未记录'}`,
    `- 演练时间：${localTime(r.startedAt, tz)} 至 ${r.finishedAt ? localTime(r.finishedAt, tz) : '未结束'}（${tz}）`, '',
    '## 时间线', '', '| 时间 | 事件 | 来源 |', '|---|---|---|',
    ...r.timeline.map((t) => `| ${localTime(t.at, tz)} | ${t.what.replace(/\|/g, '\\|')} | ${t.source} |`), '',
    '## 用时', '', '| 指标 | 用时 |', '|---|---|', ...METRICS.map(([k, label]) => `| ${label} | ${duration(r.metrics[k])} |`), '',
    '## 证据', '', ...(r.evidence.length ? ['| 规则 | 级别 | 页面 | 首次发现 | 指纹 | 快照 |', '|---|---|---|---|---|---|', ...r.evidence.map((e) => `| ${e.rule} | ${e.severity} | ${e.url} | ${localTime(e.firstSeen, tz)} | ${e.fingerprint} | ${e.snapshot ?? ''} |`)] : ['演练载荷没有引起任何发现。']), '',
    '## 存在的问题', '', ...(r.gaps.length ? r.gaps.map((g) => `- ${g}`) : ['- 各环节均有记录。']), '',
    '## 签字', '', '| 角色 | 姓名 | 签字 | 日期 |', '|---|---|---|---|', '| 演练组织人 |  |  |  |', '| 安全运维负责人 |  |  |  |', '| 网站主管单位负责人 |  |  |  |', '',
    `生成：${localTime(r.generatedAt, tz)}，${r.tool}`, '',
  ];
  return lines.join('\n');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderDrillHtml(r: DrillReport): string {
  const tz = r.timezone;
  const row = (cells: string[]) => `<tr>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>应急演练报告 ${esc(r.id)}</title>
<style>body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px}table{border-collapse:collapse;width:100%;margin:8px 0}td,th{border:1px solid #ccc;padding:4px 6px;text-align:left}th{background:#f3f3f3}.gap{color:#a50f15}</style></head><body>
<h1>应急演练报告 ${esc(r.id)}</h1>
<table>${row(['场景', r.scenario])}${row(['站点', `${r.siteName}（${r.site}）`])}${row(['组织', r.plannedBy ?? '未记录'])}${row(['预期发现途径', r.expected ?? '未记录'])}${row(['演练时间', `${localTime(r.startedAt, tz)} 至 ${r.finishedAt ? localTime(r.finishedAt, tz) : '未结束'}（${tz}）`])}</table>
<h2>时间线</h2><table><tr><th>时间</th><th>事件</th><th>来源</th></tr>${r.timeline.map((t) => row([localTime(t.at, tz), t.what, t.source])).join('')}</table>
<h2>用时</h2><table>${METRICS.map(([k, label]) => row([label, duration(r.metrics[k])])).join('')}</table>
<h2>证据</h2>${r.evidence.length ? `<table><tr><th>规则</th><th>级别</th><th>页面</th><th>首次发现</th><th>指纹</th><th>快照</th></tr>${r.evidence.map((e) => row([e.rule, e.severity, e.url, localTime(e.firstSeen, tz), e.fingerprint, e.snapshot ?? ''])).join('')}</table>` : '<p>演练载荷没有引起任何发现。</p>'}
<h2>存在的问题</h2><ul>${r.gaps.length ? r.gaps.map((g) => `<li class="gap">${esc(g)}</li>`).join('') : '<li>各环节均有记录。</li>'}</ul>
<h2>签字</h2><table><tr><th>角色</th><th>姓名</th><th>签字</th><th>日期</th></tr>${['演练组织人', '安全运维负责人', '网站主管单位负责人'].map((x) => row([x, '', '', ''])).join('')}</table>
<p>生成：${esc(localTime(r.generatedAt, tz))}，${esc(r.tool)}</p></body></html>
`;
}

export async function renderDrillDocx(r: DrillReport): Promise<Buffer> {
  const tz = r.timezone;
  return packDocument(`应急演练报告 ${r.id}`, r.tool, [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `应急演练报告`, bold: true, size: 36 })] }),
    para(r.id, { center: true }),
    heading('一、演练概况'),
    table(['项目', '内容'], [['场景', r.scenario], ['站点', `${r.siteName}（${r.site}）`], ['组织', r.plannedBy ?? '未记录'], ['预期发现途径', r.expected ?? '未记录'], ['演练时间', `${localTime(r.startedAt, tz)} 至 ${r.finishedAt ? localTime(r.finishedAt, tz) : '未结束'}（${tz}）`]]),
    heading('二、时间线'),
    table(['时间', '事件', '来源'], r.timeline.map((t) => [localTime(t.at, tz), t.what, t.source])),
    heading('三、用时'),
    table(['指标', '用时'], METRICS.map(([k, label]) => [label, duration(r.metrics[k])])),
    heading('四、证据'),
    r.evidence.length ? table(['规则', '级别', '页面', '首次发现', '指纹'], r.evidence.map((e) => [e.rule, e.severity, e.url, localTime(e.firstSeen, tz), e.fingerprint])) : para('演练载荷没有引起任何发现。'),
    heading('五、存在的问题'),
    ...(r.gaps.length ? r.gaps.map((g) => para(`· ${g}`)) : [para('各环节均有记录。')]),
    heading('六、签字'),
    table(['角色', '姓名', '签字', '日期'], [['演练组织人', '', '', ''], ['安全运维负责人', '', '', ''], ['网站主管单位负责人', '', '', '']]),
    para(`生成：${localTime(r.generatedAt, tz)}，${r.tool}`),
  ]);
}
