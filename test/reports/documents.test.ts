/**
 * The documents officials file, opened in the programs people use: the HTML report in headless
 * Chromium (no console error, three charts drawn, tables sort, a screenshot), the 整改台账 read
 * back by ExcelJS (frozen header, filters, dates as dates), the inspection report converted to PDF
 * by LibreOffice. Built from the store of a real demo scan; an empty window and an old store too.
 */
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';
import Database from 'better-sqlite3';
import { runDemo } from '../../pipelines/demo/demo';
import { Progress } from '../../pipelines/progress';
import { silentLogger } from '../../pipelines/log';
import { CHECKS } from '../../checks/registry';
import { loadConfig } from '../../pipelines/config';
import { Store } from '../../pipelines/store/store';
import { MIGRATIONS } from '../../pipelines/store/migrations';
import { buildPeriodReport } from '../../pipelines/period-report';
import { renderHtml } from '../../reports/html';
import { renderXlsx } from '../../reports/xlsx';
import { renderDocx } from '../../reports/docx';
import type { PeriodReport } from '../../reports/period';
import { CHROMIUM, CHROMIUM_ARGS, docxText } from '../helpers/office';

let report: PeriodReport;
let empty: PeriodReport;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xj-docs-'));
  await runDemo({ outDir: join(dir, 'out'), storePath: join(dir, 'demo.db'), log: silentLogger, progress: new Progress(false), checks: CHECKS });
  const config = loadConfig(join(dir, 'out', 'xunjian.config.json'));
  const store = Store.open(config.store);
  try {
    report = buildPeriodReport(store, config, { now: new Date() });
    empty = buildPeriodReport(store, config, { since: '2020-01-01', until: '2020-01-31', now: new Date() });
  } finally {
    store.close();
  }
}, 120_000);

describe('the HTML report in Chromium', () => {
  it('loads with no console error, draws its three charts, sorts a table, and is screenshotted', async () => {
    expect(existsSync(CHROMIUM)).toBe(true);
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(report));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (r) => !r.url().startsWith('file:') && requests.push(r.url()));
      await page.goto(`file://${file}`);
      expect(errors).toEqual([]);
      // Self-contained: nothing fetched from the network at view time.
      expect(requests).toEqual([]);
      for (const id of ['chart-trend', 'chart-sites', 'chart-pages']) {
        expect(await page.locator(`#${id} svg`).count()).toBe(1);
        expect(await page.locator(`#${id} svg path, #${id} svg rect`).count()).toBeGreaterThan(5);
      }
      await expect(page.locator('body').textContent()).resolves.toMatch(/报告期.*至.*时区.*Asia\/Shanghai/s);
      const firstCell = () => page.locator('#findings tbody tr:first-child td:nth-child(2)').textContent();
      const before = await firstCell();
      await page.locator('#findings th:nth-child(2)').click();
      const asc = await firstCell();
      await page.locator('#findings th:nth-child(2)').click();
      const desc = await firstCell();
      expect({ before, asc, desc }).toEqual({ before, asc: expect.any(String), desc: expect.not.stringMatching(new RegExp(`^${asc}$`)) });
      expect(asc! <= desc!).toBe(true);
      const shot = join(dir, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(20_000);
    } finally {
      await browser.close();
    }
  }, 60_000);
  it('says an empty window is empty instead of clean', () => {
    const html = renderHtml(empty);
    expect(html).toContain('报告期内没有任何运行记录');
    expect(html).toContain('报告期内无数据');
    expect(empty.sites[0]!.scorecard.filter((i) => i.verdict !== 'not-judged')).toEqual([]);
  });
});

describe('the 整改台账 spreadsheet', () => {
  it('has one row per issue row, a frozen header with filters, and dates as dates', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(report)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('整改台账')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['站点', '栏目/页面', '问题类型', '规则', '问题', '严重程度', '责任', '发现时间', '整改期限', '状态', '证据编号']);
    expect(ws.rowCount - 1).toBe(report.sites.flatMap((s) => s.ledger).length);
    expect(ws.rowCount).toBeGreaterThan(10);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getRow(2).getCell(8).value).toBeInstanceOf(Date);
    expect(ws.getRow(2).getCell(8).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws.getRow(2).getCell(10).value).toBe('待整改');
    const about = wb.getWorksheet('说明')!;
    expect(String(about.getRow(4).getCell(2).value)).toContain('Asia/Shanghai');
  });
});

describe('the inspection report as Word', () => {
  it('opens in LibreOffice (or is valid OOXML) with its window, scorecard and Chinese intact', async () => {
    const file = join(dir, 'report.docx');
    writeFileSync(file, await renderDocx(report));
    const { text } = await docxText(file);
    for (const s of ['政府网站巡检报告', '报告期', 'Asia/Shanghai', '国办秘函〔2019〕19号', '严重表述错误', '不通过', '未判定', '示范市人民政府']) expect(text).toContain(s);
  }, 120_000);
});

describe('an old store', () => {
  it('is migrated, not broken, and reports its runs', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xj-old-')), 'old.db');
    const db = new Database(file);
    for (const m of MIGRATIONS.slice(0, 7)) db.exec(m);
    db.pragma('user_version = 7');
    db.prepare("INSERT INTO runs (command, target, site_id, started_at, finished_at, status, summary) VALUES ('scan', 'x', 'old', ?, ?, 'complete', ?)")
      .run(new Date().toISOString(), new Date().toISOString(), JSON.stringify({ rulesRun: [], pages: 3, documents: 0 }));
    db.close();
    const store = Store.open(file);
    try {
      const r = buildPeriodReport(store, loadConfig(undefined, tmpdir()), { now: new Date() });
      expect(r.sites.map((s) => [s.id, s.run?.pages])).toEqual([['old', 3]]);
    } finally {
      store.close();
    }
  });
});
