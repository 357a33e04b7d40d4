/** A Markdown report for people: summary first, then findings grouped by duty and rule. */
import type { RunResult } from '../pipelines/run';
import { DEFAULT_TIMEZONE, localTime } from './local-time';
import { groupBy } from '../checks/group-by';

const SEVERITY_ZH: Record<string, string> = { critical: '严重', high: '高', medium: '中', low: '低', info: '提示' };
const DUTY_ZH: Record<string, string> = { secrecy: '保密审查', privacy: '隐私保护', content: '内容审核', security: '安全运维', operations: '网站运维' };

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

export function renderMarkdown(r: RunResult, timezone = DEFAULT_TIMEZONE): string {
  const s = r.summary;
  const lines: string[] = [];
  lines.push(`# 巡检报告 (xunjian report)`, '');
  lines.push(`- 目标 (target): ${s.target}`);
  lines.push(`- 时间 (time): ${localTime(s.startedAt, timezone)} — ${localTime(s.finishedAt, timezone)}`);
  lines.push(`- 状态 (status): ${s.status}${s.status !== 'complete' ? ' — coverage incomplete, see errors' : ''}`);
  lines.push(`- 页面 / 附件 (pages / attachments): ${s.pages} / ${s.documents}`);
  lines.push(`- 问题 (findings): ${s.findings}` + (s.newFindings !== undefined ? ` (new: ${s.newFindings})` : ''));
  lines.push('');
  lines.push('| 严重程度 severity | 数量 count |', '|---|---|');
  for (const [sev, n] of Object.entries(s.bySeverity)) lines.push(`| ${SEVERITY_ZH[sev]} ${sev} | ${n} |`);
  lines.push('');
  const groups = groupBy(r.findings, (f) => f.rule);
  for (const [rule, fs] of groups) {
    const first = fs[0]!;
    lines.push(`## ${rule} — ${first.title.split(':')[0]}`, '');
    lines.push(`责任 (duty): ${DUTY_ZH[first.duty] ?? first.duty} · 依据 (basis): ${first.basis}`, '');
    lines.push('| 严重 | 位置 location | 内容 match | 上下文 excerpt |', '|---|---|---|---|');
    for (const f of fs.slice(0, 200)) {
      const where = [f.url, f.location.attachment, f.location.part, f.location.selector, f.location.hidden ? '(hidden)' : '']
        .filter(Boolean)
        .join(' ');
      lines.push(`| ${SEVERITY_ZH[f.severity]} | ${cell(where)} | ${cell(f.match)} | ${cell(f.excerpt)} |`);
    }
    if (fs.length > 200) lines.push('', `… ${fs.length - 200} more in findings.json`);
    lines.push('');
  }
  if (r.errors.length) {
    lines.push(`## 未能读取 (inputs not read): ${r.errors.length}`, '', '| input | record | code | message |', '|---|---|---|---|');
    for (const e of r.errors.slice(0, 200)) lines.push(`| ${cell(e.input)} | ${e.record ?? ''} | ${e.code} | ${cell(e.message)} |`);
    lines.push('');
  }
  return lines.join('\n');
}
