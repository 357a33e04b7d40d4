/** `--help` and `xunjian <command> --help`, generated from the command modules. */
import type { Command, OptionSpec } from './command';

export const COMMON_OPTIONS: OptionSpec[] = [
  { name: 'config', arg: 'FILE', help: 'configuration file (default: xunjian.config.json|yaml in the current folder)' },
  { name: 'format', arg: 'FMT', help: 'json | sarif | md | text (default: text on a terminal, json otherwise); report and drill report also html | xlsx | docx' },
  { name: 'out', arg: 'DIR', help: 'also write findings.json and report.md to DIR' },
  { name: 'fail-on', arg: 'LEVEL', help: 'critical | high | medium | low | none (default: high)' },
  { name: 'checks', arg: 'LIST', help: 'comma-separated rule ids or families (default: all)' },
  { name: 'quiet', help: 'no progress display' },
  { name: 'help', help: 'this page; `xunjian <command> --help` for one command' },
  { name: 'version', help: 'the version' },
];

const EXIT = 'Exit codes: 0 ran, nothing at or above --fail-on; 1 findings at or above it; 2 usage error, unreadable input or a failed run;\n            130/143 stopped by SIGINT/SIGTERM (the next run resumes).\n' +
  'Environment: XUNJIAN_LOG_LEVEL (default warn; info shows each phase); XUNJIAN_CHECK_THREADS (threads checking pages\n' +
  '             beside the run\'s own; default one fewer than the cores, 0 for none); XUNJIAN_BROWSER (Chromium that scan\n' +
  '             renders key pages with; default /usr/bin/chromium when installed, none to turn rendering off).\n';

function optionLines(options: OptionSpec[]): string[] {
  const left = (o: OptionSpec) => `  --${o.name}${o.arg ? ` ${o.arg}` : ''}`;
  const width = Math.max(22, ...options.map((o) => left(o).length + 2));
  return options.map((o) => `${left(o).padEnd(width)}${o.help}`);
}

export function usage(version: string, commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.synopsis.length)) + 4;
  const lines = [`xunjian ${version} — 巡检: security and content-risk scanner for government websites`, '', 'Usage: xunjian <command> [options]', '', 'Commands:'];
  for (const c of commands) {
    const [first, ...rest] = c.summary.split('\n');
    lines.push(`  ${c.synopsis.padEnd(width - 2)}${first}`, ...rest.map((r) => `${' '.repeat(width)}${r}`));
  }
  lines.push('', 'Options:', ...optionLines(COMMON_OPTIONS), '', 'Run `xunjian <command> --help` for the options of one command.', '', EXIT);
  return lines.join('\n');
}

export function commandHelp(version: string, c: Command): string {
  return [
    `xunjian ${version} — ${c.name}`, '', `Usage: xunjian ${c.synopsis}`, '', c.summary, '',
    ...(c.options.length ? ['Options:', ...optionLines(c.options), ''] : []),
    'Common options:', ...optionLines(COMMON_OPTIONS), '', EXIT,
  ].join('\n');
}
