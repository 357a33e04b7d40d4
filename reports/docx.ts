/**
 * Word documents officials file (docx): the monthly inspection report — window, sites and time
 * zone, overall figures, the 19号 scorecard, main problems and the ledger summary — built with the
 * `docx` package. Chinese text uses 宋体/黑体 with East-Asian font slots set, so Word and
 * LibreOffice render it without substitution warnings. The table and heading helpers are shared
 * with the drill report.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type ISectionOptions } from 'docx';
import { SEVERITIES } from '../checks/types';
import { DUTY_ZH, FAMILY_ZH, SEVERITY_ZH, VERDICT_ZH, type PeriodReport } from './period';
import { localDate, localTime } from './local-time';

const BODY_FONT = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun', cs: 'SimSun' };
const HEAD_FONT = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei', cs: 'SimHei' };
/** Problems listed per site in the Word report; the spreadsheet ledger has every row. */
const MAX_ROWS = 30;

export function heading(text: string, level: 1 | 2 = 1): Paragraph {
  return new Paragraph({ heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun({ text, font: HEAD_FONT, bold: true })] });
}

export function para(text: string, o: { bold?: boolean; center?: boolean } = {}): Paragraph {
  return new Paragraph({ ...(o.center ? { alignment: AlignmentType.CENTER } : {}), children: [new TextRun({ text, font: BODY_FONT, ...(o.bold ? { bold: true } : {}) })] });
}

export function table(header: string[], rows: string[][]): Table {
  const cell = (t: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: t, font: BODY_FONT, size: 20, bold })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((t) => cell(t)) }))],
  });
}

export async function packDocument(title: string, creator: string, children: ISectionOptions['children']): Promise<Buffer> {
  const doc = new Document({
    creator, title,
    styles: { default: { document: { run: { font: BODY_FONT, size: 22 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

export async function renderDocx(r: PeriodReport): Promise<Buffer> {
  const tz = r.timezone;
  const since = localDate(r.window.since, tz);
  const until = localDate(r.window.until, tz);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: r.title, font: HEAD_FONT, bold: true, size: 36 })] }),
    para(`（${since} 至 ${until}）`, { center: true }),
    heading('报告说明'),
    table(['项目', '内容'], [
      ['报告期', `${localTime(r.window.since, tz)} 至 ${localTime(r.window.until, tz)}`],
      ['站点', r.sites.map((s) => `${s.name}（${s.id}）`).join('、') || '无'],
      ['时区', `${tz}（本报告中的时间均为该时区时间）`],
      ['生成', `${localTime(r.generatedAt, tz)}，${r.tool}`],
      ['应急演练', r.drillFindings ? `${r.drillFindings} 处问题由演练载荷引起，未计入本报告统计` : '无'],
    ]),
    heading('一、总体情况'),
  ];
  if (r.sites.every((s) => !s.run)) children.push(para('报告期内没有任何运行记录。以下各表为空，并非“无问题”。', { bold: true }));
  children.push(table(['站点', '最近运行', ...SEVERITIES.map((s) => SEVERITY_ZH[s]), '单项否决'], r.sites.map((s) => [
    s.name,
    s.run ? `${s.run.status}，${localTime(s.run.startedAt, tz)}，${s.run.pages} 页` : '无',
    ...SEVERITIES.map((sev) => String(s.findings.filter((f) => f.severity === sev).length)),
    String(s.scorecard.filter((i) => i.kind === 'veto' && i.verdict === 'fail').length),
  ])));
  children.push(heading('二、国办秘函〔2019〕19号 检查指标'));
  children.push(para('“未判定”表示报告期内没有运行检查到该项，不代表通过。'));
  for (const s of r.sites) {
    children.push(heading(`${s.name}（${s.id}）`, 2));
    children.push(table(['类别', '指标', '结论', '依据或原因'], s.scorecard.map((i) => [i.kind === 'veto' ? '单项否决' : '扣分指标', i.item, VERDICT_ZH[i.verdict], i.evidence])));
  }
  children.push(heading('三、主要问题'));
  for (const s of r.sites) {
    const main = s.findings.filter((f) => f.severity === 'critical' || f.severity === 'high');
    children.push(heading(`${s.name}：严重和高危问题 ${main.length} 处`, 2));
    if (main.length) children.push(table(['严重程度', '类别', '责任', '页面', '问题'], main.slice(0, MAX_ROWS).map((f) => [SEVERITY_ZH[f.severity], FAMILY_ZH[f.check], DUTY_ZH[f.duty], f.url, f.title.slice(0, 200)])));
    if (main.length > MAX_ROWS) children.push(para(`仅列出前 ${MAX_ROWS} 处，共 ${main.length} 处；完整列表见整改台账（xlsx）。`));
  }
  children.push(heading('四、整改台账摘要'));
  const ledger = r.sites.flatMap((s) => s.ledger);
  const count = (state: string) => ledger.filter((l) => l.state === state).length;
  children.push(para(`待整改 ${count('待整改')} 处，报告期内已整改 ${count('已整改')} 处，已忽略 ${count('已忽略')} 处。逐条明细见整改台账（xlsx）。`));
  if (ledger.length) {
    children.push(table(['站点', '待整改', '已整改', '已忽略', '最早发现', '最近整改期限'], r.sites.filter((s) => s.ledger.length).map((s) => {
      const open = s.ledger.filter((l) => l.state === '待整改');
      const dues = open.map((l) => l.dueDate).filter((d): d is string => d !== undefined).sort();
      return [s.name, String(open.length), String(s.ledger.filter((l) => l.state === '已整改').length), String(s.ledger.filter((l) => l.state === '已忽略').length), open[0] ? localTime(open[0].foundAt, tz) : '', dues[0] ?? ''];
    })));
  }
  return packDocument(r.title, r.tool, children);
}
