/**
 * `xunjian report`: a stored run as json/sarif/md/text (every site's latest finished run unless
 * --site or --run narrows it), or the documents officials file for a window of the store: an HTML
 * report with charts, the 整改台账 as xlsx, the inspection report as docx, and the 19号 scorecard.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openStore, UsageError } from '../jobs';
import { reportFromStore } from '../report-from-store';
import { buildPeriodReport } from '../period-report';
import { renderScorecard } from '../../reports/scorecard';
import { localDate } from '../../reports/local-time';
import { isDocumentFormat } from '../../reports/render';
import { positiveInt } from './options';
import { str, type Command } from './command';
import { maskedStoreName } from '../store/sql';

export const report: Command = {
  name: 'report',
  synopsis: 'report [--format html|xlsx|docx] [--scorecard] [--since DAY] [--until DAY] [--site ID] [--run N]',
  summary: 'render the store: a run as json|sarif|md|text, or for a window the HTML report with charts,\nthe 整改台账 (xlsx), the inspection report (docx) and the 19号 scorecard',
  options: [
    { name: 'run', arg: 'N', help: 'the run to render (default: every site\'s latest finished run)' },
    { name: 'site', arg: 'ID', help: 'one site only' },
    { name: 'since', arg: 'DAY', help: 'start of the report window (2026-11-01 or ISO 8601; default 30 days before --until)' },
    { name: 'until', arg: 'DAY', help: 'end of the report window (default now)' },
    { name: 'scorecard', help: 'the 国办秘函〔2019〕19号 scorecard per site: each item pass, fail or not judged, with why' },
  ],
  async run(e) {
    const store = openStore(e.config);
    try {
      const site = str(e.values, 'site');
      const since = str(e.values, 'since');
      const until = str(e.values, 'until');
      const runId = positiveInt('run', str(e.values, 'run'));
      const scorecard = e.values['scorecard'] === true;
      if (isDocumentFormat(e.format) || scorecard || since || until) {
        if (runId !== undefined) throw new UsageError('--run renders one run; the documents and the scorecard cover a window (--since/--until)');
        const model = buildPeriodReport(store, e.config, { ...(since ? { since } : {}), ...(until ? { until } : {}), ...(site ? { site } : {}), now: e.clock.now() });
        const day = localDate(model.window.until, model.timezone);
        const out = str(e.values, 'out');
        const write = (name: string, data: string | Buffer): void => {
          const dir = resolve(out ?? e.config.out);
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, name), data);
          process.stderr.write(`wrote ${join(dir, name)}\n`);
        };
        // The document libraries (ECharts, ExcelJS, docx) load only when a document is asked for:
        // every other command starts without them.
        if (e.format === 'html') {
          const html = (await import('../../reports/html')).renderHtml(model);
          if (out) write(`xunjian-report-${day}.html`, html);
          else process.stdout.write(html);
        } else if (e.format === 'xlsx') write(`xunjian-ledger-${day}.xlsx`, await (await import('../../reports/xlsx')).renderXlsx(model));
        else if (e.format === 'docx') write(`xunjian-report-${day}.docx`, await (await import('../../reports/docx')).renderDocx(model));
        else process.stdout.write(renderScorecard(model, e.format));
        return 0;
      }
      const r = reportFromStore(store, runId, site);
      if (!r) throw new UsageError(runId ? `no run ${runId} in ${maskedStoreName(e.config.store)}` : `no finished run${site ? ` of site ${site}` : ''} in ${maskedStoreName(e.config.store)}${e.config.file === '(defaults)' ? ' (no config file was found, so this is the default store; `xunjian demo` keeps its own, named in its output)' : ''}`);
      return await e.finish(r, false);
    } finally {
      store.close();
    }
  },
};
