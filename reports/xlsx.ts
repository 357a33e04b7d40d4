/**
 * The rectification ledger (整改台账) as a spreadsheet, the way offices keep it: one row per issue
 * row — 站点, 栏目/页面, 问题类型, 规则, 严重程度, 责任, 发现时间, 整改期限, 状态, 证据编号 —
 * with a frozen header, filters, column widths, and dates as dates (shown in the report's time
 * zone). A second sheet states the window, sites and time zone, and the scorecard.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { DUTY_ZH, FAMILY_ZH, SEVERITY_ZH, VERDICT_ZH, type PeriodReport } from './period';
import { localTime } from './local-time';

/** Excel has no time zones: a date cell holds the local wall-clock time of the report's zone. */
function wallClock(iso: string, timezone: string): Date {
  const local = localTime(iso, timezone); // 2026-12-02 10:05:43 (UTC+08:00)
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(local);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : new Date(iso);
}

function day(d: string): Date {
  const [y, m, dd] = d.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, dd!));
}

const PLAIN: Partial<ExcelJS.Style> = {};
const CELL_STYLES: Partial<ExcelJS.Style>[] = [PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, { numFmt: 'yyyy-mm-dd hh:mm' }, { numFmt: 'yyyy-mm-dd' }, PLAIN, PLAIN];

export async function renderXlsx(r: PeriodReport): Promise<Buffer> {
  // The streaming writer: a 100,000-row ledger is written row by row instead of built in memory.
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((res, rej) => {
    sink.on('end', () => res());
    sink.on('error', rej);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  wb.creator = r.tool;
  wb.created = new Date(r.generatedAt);
  const ws = wb.addWorksheet('整改台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '站点', key: 'site', width: 22 },
    { header: '栏目/页面', key: 'page', width: 60 },
    { header: '问题类型', key: 'type', width: 12 },
    { header: '规则', key: 'rule', width: 26 },
    { header: '问题', key: 'title', width: 60 },
    { header: '严重程度', key: 'severity', width: 10 },
    { header: '责任', key: 'duty', width: 10 },
    { header: '发现时间', key: 'found', width: 20 },
    { header: '整改期限', key: 'due', width: 12 },
    { header: '状态', key: 'state', width: 10 },
    { header: '证据编号', key: 'evidence', width: 40 },
  ];
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  const rows = r.sites.reduce((n, s) => n + s.ledger.length, 0);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows + 1), column: 11 } };
  header.commit();
  for (const s of r.sites) {
    for (const l of s.ledger) {
      const row = ws.addRow([
        l.siteName, l.column ? `${l.column} ${l.page}` : l.page, FAMILY_ZH[l.family], l.rule, l.title, SEVERITY_ZH[l.severity],
        DUTY_ZH[l.duty], wallClock(l.foundAt, r.timezone), l.dueDate ? day(l.dueDate) : null, l.state, l.evidence,
      ]);
      // One style object per column, shared by every row: ExcelJS resolves a style once per object.
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cell.style = CELL_STYLES[col - 1] ?? PLAIN;
      });
      row.commit();
    }
  }
  ws.commit();

  const about = wb.addWorksheet('说明');
  about.columns = [{ width: 18 }, { width: 90 }];
  for (const row of [
    ['报告', r.title],
    ['报告期', `${localTime(r.window.since, r.timezone)} 至 ${localTime(r.window.until, r.timezone)}`],
    ['站点', r.sites.map((s) => `${s.name}（${s.id}）`).join('、') || '无'],
    ['时区', `${r.timezone}：发现时间为该时区的时间`],
    ['生成', `${localTime(r.generatedAt, r.timezone)}，${r.tool}`],
    ['应急演练', r.drillFindings ? `${r.drillFindings} 处由演练载荷引起的问题未列入台账` : '无'],
    [''],
    ['站点', '国办秘函〔2019〕19号 指标 — 结论 — 依据或原因'],
  ]) about.addRow(row).commit();
  for (const s of r.sites) for (const i of s.scorecard) about.addRow([s.name, `${i.kind === 'veto' ? '单项否决' : '扣分指标'}「${i.item}」— ${VERDICT_ZH[i.verdict]} — ${i.evidence}`]).commit();
  about.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
