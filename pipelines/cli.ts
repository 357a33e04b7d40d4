#!/usr/bin/env node
/**
 * argv -> command. Parses, picks a reporter, sets process.exitCode. Holds no scan logic
 * (pipelines/jobs.ts) and never calls process.exit() mid-run, so output is always flushed.
 */
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { CHECKS, selectChecks, UnknownCheckError } from '../checks/registry';
import { SEVERITIES, type Severity } from '../checks/types';
import { exitCodeFor } from './exit-code';
import { loadConfig, ConfigError, type Config } from './config';
import { checkContent, ingest, openStore, probe, PROBE_CHECKS, scan, UsageError, VERSION, type CheckInput, type JobContext } from './jobs';
import { createLogger } from './log';
import { Progress } from './progress';
import type { RunResult } from './run';
import { render, REPORT_FORMATS, type ReportFormat } from '../reports/render';
import { reportFromStore } from './report-from-store';
import { writeOutputs } from './outputs';
import { runDemo } from './demo/demo';
import { startServer } from './serve';
import { startDaemon } from './schedule';
import { closeOcr } from './sources/extract/ocr';
import { CommandError, evidenceCommand, issuesCommand, outboxCommand, type CommandIO } from './issue-commands';

type Format = ReportFormat;
const FORMATS = REPORT_FORMATS;

export const USAGE = `xunjian ${VERSION} — 巡检: security and content-risk scanner for government websites

Usage: xunjian <command> [options]

Commands:
  check [options] <path...> | -   check local content, no network (.html .txt .json .jsonl .pdf .docx .xlsx ...)
  scan <url|site-id>              crawl a site and run every enabled check
  ingest <export|dir|git-url>     scan a CMS export (JSON/JSONL), a folder, or a git repository (incremental)
  report                          render a stored run (--run N, default the latest)
  serve                           pre-publish HTTP API: POST /v1/check, GET /healthz
  daemon                          run the config's pipelines on their cron schedules (Asia/Shanghai)
  demo                            serve the bundled sample site on loopback, scan it, write a report
  rules                           list every rule: id, severity, duty, basis
  probe <url|site-id>             transport and availability: headers grade, HTTPS, TLS, certificate, IPv6;
                                  stores one availability probe (schedule it ≥ 20 a day for the 19号 rule)
  issues [list|suppress FP...]    the store's issues (one per site, family, duty); suppress false positives
  outbox [list|deliver|retry|receipts]
                                  what still waits for a tracker or chat robot; deliver now; receipts (drills)
  evidence verify                 recompute the evidence ledger: manifest chain, WARC hashes, git history
  lookalikes, drill               not available yet (planned: counterfeit sites, drill reports)

Options:
  --config FILE        configuration file (default: xunjian.config.json|yaml in the current folder)
  --format FMT         json | sarif | md | text (default: text on a terminal, json otherwise)
  --out DIR            also write findings.json and report.md to DIR
  --fail-on LEVEL      critical | high | medium | low | none (default: high)
  --checks LIST        comma-separated rule ids or families (default: all)
  --quiet              no progress display
  check:  --url URL  --published-at ISO  --type html|text|json (for stdin)  --site ID
  scan:   --max-pages N  --concurrency N
  ingest: --site ID  --base-url URL  --branch NAME
  report: --run N
  issues: --site ID  --reason false-positive|accepted      outbox: --sink NAME  --since ISO
  serve:  --port N (default 8080)  --host ADDR (default 127.0.0.1)
  --version, --help

Exit codes: 0 ran, nothing at or above --fail-on; 1 findings at or above it; 2 usage error or unreadable input.
`;

const OPTIONS = {
  config: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'fail-on': { type: 'string' },
  checks: { type: 'string' },
  quiet: { type: 'boolean' },
  url: { type: 'string' },
  'published-at': { type: 'string' },
  type: { type: 'string' },
  site: { type: 'string' },
  'max-pages': { type: 'string' },
  concurrency: { type: 'string' },
  'base-url': { type: 'string' },
  branch: { type: 'string' },
  run: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  reason: { type: 'string' },
  sink: { type: 'string' },
  since: { type: 'string' },
  version: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function positiveInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--${name} must be a positive integer, got "${v}"`);
  return Number(v);
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function main(argv: string[]): Promise<number> {
  dotenv.config({ quiet: true });
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    process.stderr.write(`xunjian: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values: o, positionals } = parsed;
  const [command, ...args] = positionals;
  if (o.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (o.help || !command) {
    process.stdout.write(USAGE);
    return command || o.help ? 0 : 2;
  }
  try {
    const format = (o.format ?? (process.stdout.isTTY ? 'text' : 'json')) as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    const failOn = (o['fail-on'] ?? 'high') as Severity | 'none';
    if (failOn !== 'none' && !SEVERITIES.includes(failOn)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, none`);
    const config: Config = loadConfig(o.config);
    const log = createLogger(process.env['XUNJIAN_LOG_LEVEL'] ?? config.logLevel);
    const checks = selectChecks(o.checks?.split(',').map((s) => s.trim()).filter(Boolean));
    const progress = new Progress(!o.quiet && process.stderr.isTTY === true);
    const clock = { now: () => new Date() };

    const finish = (r: RunResult, inputsMustBeReadable: boolean): number => {
      progress.done();
      process.stdout.write(render(r, format, config.timezone));
      if (o.out) for (const f of writeOutputs(r, o.out, config.timezone)) process.stderr.write(`wrote ${f}\n`);
      for (const e of r.errors.slice(0, 20)) {
        if (format !== 'text') process.stderr.write(`xunjian: ${e.input}${e.record !== undefined ? ` record ${e.record}` : ''}${e.field ? ` field ${e.field}` : ''}: ${e.message}\n`);
      }
      return exitCodeFor(r, failOn, inputsMustBeReadable);
    };

    switch (command) {
      case 'rules': {
        if (format === 'json') process.stdout.write(JSON.stringify(CHECKS.map((c) => c.meta), null, 2) + '\n');
        else {
          for (const c of CHECKS) {
            process.stdout.write(`${c.meta.id.padEnd(22)} ${c.meta.severity.padEnd(8)} ${c.meta.duty.padEnd(10)} ${c.meta.title}\n${' '.repeat(23)}basis: ${c.meta.basis}\n`);
          }
        }
        return 0;
      }
      case 'check': {
        if (args.length === 0) throw new UsageError('check needs at least one path, or - for stdin');
        const type = o.type as CheckInput['type'];
        if (type && !['html', 'text', 'json'].includes(type)) throw new UsageError('--type must be html, text or json');
        const inputs: CheckInput[] = [];
        for (const a of args) inputs.push(a === '-' ? { path: '-', content: await readStdin(), type } : { path: a, type });
        if (o.url && inputs.length > 1) throw new UsageError('--url applies to a single input');
        const r = await checkContent({ config, clock, log }, inputs, checks, { url: o.url, publishedAt: o['published-at'], site: o.site });
        return finish(r, true);
      }
      case 'scan': {
        if (args.length !== 1) throw new UsageError('scan needs one URL or site id');
        const store = openStore(config);
        const stop = new AbortController();
        const onSignal = (): void => {
          process.stderr.write('\nxunjian: stopping; the next scan of this site resumes where this one stopped\n');
          stop.abort();
        };
        process.once('SIGINT', onSignal);
        try {
          const ctx: JobContext = {
            config, clock, log, store, signal: stop.signal,
            onProgress: (p) => progress.update({ pages: p.pages, queued: p.queued ?? 0, failed: p.failed ?? 0, findings: p.findings }),
          };
          const r = await scan(ctx, args[0]!, checks, { maxPages: positiveInt('max-pages', o['max-pages']), concurrency: positiveInt('concurrency', o.concurrency) });
          return finish(r, false);
        } finally {
          process.removeListener('SIGINT', onSignal);
          store.close();
        }
      }
      case 'ingest': {
        if (args.length !== 1) throw new UsageError('ingest needs one export file, folder or git repository');
        const store = openStore(config);
        try {
          const ctx: JobContext = { config, clock, log, store, onProgress: (p) => progress.update({ pages: p.pages, attachments: p.documents, findings: p.findings, errors: p.errors }) };
          const r = await ingest(ctx, args[0]!, checks, { site: o.site, baseUrl: o['base-url'], branch: o.branch });
          return finish(r, false);
        } finally {
          store.close();
        }
      }
      case 'report': {
        const store = openStore(config);
        try {
          const r = reportFromStore(store, positiveInt('run', o.run));
          if (!r) throw new UsageError(o.run ? `no run ${o.run} in ${config.store}` : `no finished run in ${config.store}`);
          return finish(r, false);
        } finally {
          store.close();
        }
      }
      case 'demo': {
        const r = await runDemo({ outDir: o.out ?? 'xunjian-out', log, progress, checks });
        progress.done();
        process.stdout.write(r.text);
        return r.status === 'failed' ? 2 : 0;
      }
      case 'serve': {
        const port = positiveInt('port', o.port) ?? 8080;
        const srv = await startServer({ config, log, checks, failOn, port, host: o.host ?? '127.0.0.1' });
        process.stderr.write(`xunjian serve: listening on ${srv.url}\n`);
        await new Promise<void>((res) => {
          process.once('SIGINT', res);
          process.once('SIGTERM', res);
        });
        await srv.close();
        return 0;
      }
      case 'daemon': {
        const d = startDaemon({ config, log, clock });
        process.stderr.write(`xunjian daemon: ${d.scheduled.length} pipeline(s) scheduled: ${d.scheduled.join(', ') || 'none'}\n`);
        await new Promise<void>((res) => {
          process.once('SIGINT', res);
          process.once('SIGTERM', res);
        });
        await d.stop();
        return 0;
      }
      case 'probe': {
        if (args.length !== 1) throw new UsageError('probe needs one URL or site id');
        const store = openStore(config);
        try {
          const r = await probe({ config, clock, log, store }, args[0]!, o.checks ? checks : selectChecks(PROBE_CHECKS));
          return finish(r, false);
        } finally {
          store.close();
        }
      }
      case 'issues':
      case 'outbox':
      case 'evidence': {
        const store = openStore(config);
        try {
          const io: CommandIO = { config, store, clock, log, json: format === 'json', write: (t) => process.stdout.write(t) };
          if (command === 'issues') return issuesCommand(io, args, { site: o.site, reason: o.reason });
          if (command === 'outbox') return await outboxCommand(io, args, { sink: o.sink, since: o.since });
          return await evidenceCommand(io, args);
        } finally {
          store.close();
        }
      }
      case 'lookalikes':
      case 'drill':
        throw new UsageError(`${command} is not available yet in this version`);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof UnknownCheckError || e instanceof CommandError) {
      process.stderr.write(`xunjian: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`xunjian: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}

if (require.main === module) {
  // The OCR engine (a worker thread) is stopped once the command is done, so the process exits.
  main(process.argv.slice(2)).finally(closeOcr).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`xunjian: ${(e as Error).stack}\n`);
      process.exitCode = 2;
    },
  );
}
