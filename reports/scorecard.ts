/** The 19号 scorecard of a report window as text, Markdown or JSON: each item pass, fail or not judged, with why. */
import type { PeriodReport } from './period';
import { VERDICT_ZH } from './period';
import { localTime } from './local-time';

export function renderScorecard(r: PeriodReport, format: string): string {
  if (format === 'json') {
    return JSON.stringify({ window: r.window, timezone: r.timezone, sites: r.sites.map((s) => ({ id: s.id, name: s.name, run: s.run ?? null, scorecard: s.scorecard })) }, null, 2) + '\n';
  }
  const md = format === 'md';
  const lines: string[] = [];
  lines.push(md ? `# 国办秘函〔2019〕19号 检查指标` : '国办秘函〔2019〕19号 检查指标', '');
  lines.push(`报告期 ${localTime(r.window.since, r.timezone)} 至 ${localTime(r.window.until, r.timezone)}（${r.timezone}）`, '');
  for (const s of r.sites) {
    lines.push(md ? `## ${s.name}（${s.id}）` : `${s.name}（${s.id}）`, '');
    if (md) lines.push('| 类别 | 指标 | 结论 | 依据或原因 |', '|---|---|---|---|');
    for (const i of s.scorecard) {
      const kind = i.kind === 'veto' ? '单项否决' : '扣分指标';
      lines.push(md ? `| ${kind} | ${i.item} | ${VERDICT_ZH[i.verdict]} | ${i.evidence.replace(/\|/g, '\\|')} |` : `  ${VERDICT_ZH[i.verdict].padEnd(4, '　')} ${kind} ${i.item}：${i.evidence}`);
    }
    lines.push('');
  }
  if (!r.sites.length) lines.push('没有站点：配置中没有站点，库中也没有运行记录。');
  return lines.join('\n') + '\n';
}
