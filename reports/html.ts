/**
 * The HTML report: one self-contained file (no network at view time) — window, sites and time
 * zone first, then charts rendered to SVG on the server by ECharts (trend of new findings by
 * family, open findings per site by severity, the pages with most findings), the 19号 scorecard,
 * and findings and ledger tables that sort when a header is clicked.
 */
import * as echarts from 'echarts';
import { FAMILIES, SEVERITIES, type Finding } from '../checks/types';
import { DUTY_ZH, FAMILY_ZH, SEVERITY_ZH, VERDICT_ZH, type PeriodReport } from './period';
import { localDate, localTime } from './local-time';

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';
const SEVERITY_COLOR: Record<string, string> = { critical: '#a50f15', high: '#de2d26', medium: '#fb6a4a', low: '#fcae91', info: '#bdbdbd' };
const MAX_ROWS = 2000;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function chart(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const c = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  c.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
  const svg = c.renderToSVGString();
  c.dispose();
  return svg;
}

function empty(title: string, width: number, height: number): string {
  return chart({ title: { text: title, subtext: '报告期内无数据', left: 'center', top: 'middle' } }, width, height);
}

function trendChart(r: PeriodReport): string {
  const byDay = new Map<string, Record<string, number>>();
  for (const s of r.sites) for (const p of s.trend) {
    const d = byDay.get(p.day) ?? {};
    for (const [fam, n] of Object.entries(p.byFamily)) d[fam] = (d[fam] ?? 0) + (n ?? 0);
    byDay.set(p.day, d);
  }
  const days = [...byDay.keys()].sort();
  if (!days.length) return empty('新发现问题趋势', 900, 320);
  const families = FAMILIES.filter((f) => days.some((d) => byDay.get(d)![f]));
  return chart({
    title: { text: '新发现问题趋势（按类别）', left: 'center' },
    tooltip: {}, legend: { bottom: 0 }, grid: { left: 50, right: 20, top: 50, bottom: 60 },
    xAxis: { type: 'category', data: days },
    yAxis: { type: 'value', minInterval: 1 },
    series: families.map((f) => ({ name: FAMILY_ZH[f], type: 'bar', stack: 'all', data: days.map((d) => byDay.get(d)![f] ?? 0) })),
  }, 900, 320);
}

function siteChart(r: PeriodReport): string {
  if (!r.sites.some((s) => s.findings.length)) return empty('各站点未整改问题', 900, 300);
  return chart({
    title: { text: '各站点问题（按严重程度）', left: 'center' },
    tooltip: {}, legend: { bottom: 0 }, grid: { left: 140, right: 20, top: 50, bottom: 50 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: r.sites.map((s) => s.name) },
    series: SEVERITIES.map((sev) => ({ name: SEVERITY_ZH[sev], type: 'bar', stack: 'all', itemStyle: { color: SEVERITY_COLOR[sev] }, data: r.sites.map((s) => s.findings.filter((f) => f.severity === sev).length) })),
  }, 900, Math.max(240, 60 + r.sites.length * 28));
}

function topChart(r: PeriodReport): string {
  const top = r.sites.flatMap((s) => s.topPages).sort((a, b) => b.count - a.count).slice(0, 10).reverse();
  if (!top.length) return empty('问题最多的页面', 900, 300);
  return chart({
    title: { text: '问题最多的页面', left: 'center' },
    tooltip: {}, grid: { left: 320, right: 30, top: 50, bottom: 30 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: top.map((t) => (t.url.length > 48 ? `…${t.url.slice(-47)}` : t.url)) },
    series: [{ type: 'bar', data: top.map((t) => t.count), itemStyle: { color: '#3182bd' } }],
  }, 900, 60 + top.length * 30 + 40);
}

function findingRows(fs: readonly Finding[], timezone: string): string {
  return fs.slice(0, MAX_ROWS).map((f) => `<tr><td data-v="${SEVERITIES.indexOf(f.severity)}">${SEVERITY_ZH[f.severity]}</td><td>${esc(f.rule)}</td><td>${esc(DUTY_ZH[f.duty])}</td><td class="u">${esc(f.url)}</td><td>${esc(f.title.slice(0, 160))}</td><td>${esc(f.match.slice(0, 80))}</td><td>${esc(f.evidence.fetchedAt ? localTime(f.evidence.fetchedAt, timezone) : '')}</td></tr>`).join('\n');
}

const SORT_SCRIPT = `document.querySelectorAll('table.sort th').forEach(function(th){th.addEventListener('click', function(){
var i=th.cellIndex, t=th.closest('table'), b=t.tBodies[0], rows=Array.prototype.slice.call(b.rows), asc=th.dataset.asc!=='1';
rows.sort(function(a,c){var x=a.cells[i], y=c.cells[i]; var p=x.dataset.v!==undefined?Number(x.dataset.v):x.textContent, q=y.dataset.v!==undefined?Number(y.dataset.v):y.textContent;
return (p<q?-1:p>q?1:0)*(asc?1:-1);}); rows.forEach(function(r){b.appendChild(r);}); t.querySelectorAll('th').forEach(function(h){delete h.dataset.asc;}); if(asc) th.dataset.asc='1';});});`;

export function renderHtml(r: PeriodReport): string {
  const tz = r.timezone;
  const total = r.sites.reduce((n, s) => n + s.findings.length, 0);
  const summaryRows = r.sites.map((s) => {
    const veto = s.scorecard.filter((i) => i.kind === 'veto' && i.verdict === 'fail').length;
    const unjudged = s.scorecard.filter((i) => i.verdict === 'not-judged').length;
    return `<tr><td>${esc(s.name)}</td><td>${esc(s.id)}</td><td>${s.run ? `${esc(s.run.status)}（${esc(localTime(s.run.startedAt, tz))}，${s.run.pages} 页）` : '报告期内无运行'}</td>${SEVERITIES.map((sev) => `<td data-v="${s.findings.filter((f) => f.severity === sev).length}">${s.findings.filter((f) => f.severity === sev).length}</td>`).join('')}<td data-v="${veto}">${veto ? `<b class="fail">${veto} 项否决</b>` : '无'}</td><td data-v="${unjudged}">${unjudged}</td></tr>`;
  }).join('\n');
  const cards = r.sites.map((s) => `<h3>${esc(s.name)}（${esc(s.id)}）</h3><table class="sort score"><thead><tr><th>类别</th><th>指标</th><th>结论</th><th>依据或原因</th></tr></thead><tbody>
${s.scorecard.map((i) => `<tr class="${i.verdict}"><td>${i.kind === 'veto' ? '单项否决' : '扣分指标'}</td><td>${esc(i.item)}</td><td>${VERDICT_ZH[i.verdict]}</td><td>${esc(i.evidence)}${i.runId ? `（运行 #${i.runId}）` : ''}</td></tr>`).join('\n')}</tbody></table>`).join('\n');
  const findings = r.sites.flatMap((s) => s.findings);
  const ledger = r.sites.flatMap((s) => s.ledger);
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(r.title)} ${esc(localDate(r.window.since, tz))} 至 ${esc(localDate(r.window.until, tz))}</title>
<style>body{font-family:${FONT};margin:24px;color:#222}h1{font-size:24px}h2{border-bottom:2px solid #a50f15;padding-bottom:4px;margin-top:32px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3;cursor:pointer;user-select:none}th[data-asc="1"]::after{content:" ▲"}td.u{word-break:break-all;max-width:320px}
tr.fail td{background:#fde0dd}tr.not-judged td{color:#666}.fail{color:#a50f15}.meta td:first-child{width:140px;background:#fafafa}.chart{margin:12px 0}</style></head>
<body><h1>${esc(r.title)}</h1>
<table class="meta"><tr><td>报告期</td><td>${esc(localTime(r.window.since, tz))} 至 ${esc(localTime(r.window.until, tz))}</td></tr>
<tr><td>站点</td><td>${r.sites.length ? r.sites.map((s) => esc(`${s.name}（${s.id}）`)).join('、') : '无'}</td></tr>
<tr><td>时区</td><td>${esc(tz)}（本报告中的时间均为该时区时间）</td></tr>
<tr><td>生成</td><td>${esc(localTime(r.generatedAt, tz))}，${esc(r.tool)}</td></tr>
<tr><td>问题</td><td>${total} 处未整改${r.drillFindings ? `（另有 ${r.drillFindings} 处由应急演练载荷引起，未计入）` : ''}</td></tr></table>
${r.sites.every((s) => !s.run) ? '<p><b>报告期内没有任何运行记录：</b>以下图表和表格为空，并非“无问题”。</p>' : ''}
<h2>一、总体情况</h2>
<table class="sort"><thead><tr><th>站点</th><th>标识</th><th>最近运行</th>${SEVERITIES.map((s) => `<th>${SEVERITY_ZH[s]}</th>`).join('')}<th>单项否决</th><th>未判定指标</th></tr></thead><tbody>${summaryRows}</tbody></table>
<div class="chart" id="chart-trend">${trendChart(r)}</div>
<div class="chart" id="chart-sites">${siteChart(r)}</div>
<div class="chart" id="chart-pages">${topChart(r)}</div>
<h2>二、国办秘函〔2019〕19号 检查指标</h2>
<p>“未判定”表示报告期内没有运行检查到该项（原因见右栏），不代表通过。</p>
${cards}
<h2>三、问题明细</h2>
<table class="sort" id="findings"><thead><tr><th>严重程度</th><th>规则</th><th>责任</th><th>页面</th><th>问题</th><th>内容</th><th>抓取时间</th></tr></thead><tbody>
${findingRows(findings, tz)}</tbody></table>${findings.length > MAX_ROWS ? `<p>仅列出前 ${MAX_ROWS} 条，共 ${findings.length} 条，完整列表见 JSON 报告。</p>` : ''}
<h2>四、整改台账</h2>
<table class="sort" id="ledger"><thead><tr><th>站点</th><th>页面</th><th>问题类型</th><th>严重程度</th><th>责任</th><th>发现时间</th><th>整改期限</th><th>状态</th><th>证据编号</th></tr></thead><tbody>
${ledger.slice(0, MAX_ROWS).map((l) => `<tr><td>${esc(l.siteName)}</td><td class="u">${esc(l.page)}</td><td>${esc(FAMILY_ZH[l.family])}</td><td data-v="${SEVERITIES.indexOf(l.severity)}">${SEVERITY_ZH[l.severity]}</td><td>${esc(DUTY_ZH[l.duty])}</td><td>${esc(localTime(l.foundAt, tz))}</td><td>${esc(l.dueDate ?? '')}</td><td>${l.state}</td><td>${esc(l.evidence)}</td></tr>`).join('\n')}</tbody></table>
<script>${SORT_SCRIPT}</script>
</body></html>
`;
}
