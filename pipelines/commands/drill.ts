/**
 * `xunjian drill start|payload|event|finish|report|list`: an emergency drill (应急演练) from plan
 * to report. The pipelines run as usual; what the drill's payload causes is tagged with the drill
 * and filed as a drill issue. With `--format json` every command prints `{"drill": {…}}`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openStore, resolveSite, UsageError } from '../jobs';
import { addEvent, EVENT_TYPES, finishDrill, getDrill, listDrills, runningDrills, SCENARIOS, startDrill, type Drill, type EventType, type Scenario } from '../store/drills';
import type { Store } from '../store/store';
import { buildDrillReport } from '../drill/report';
import { localTime } from '../../reports/local-time';
import { str, type Command, type CommandEnv } from './command';

const SUBCOMMANDS = ['start', 'payload', 'event', 'finish', 'report', 'list'];

/** `2026-12-05 14:30` (Beijing time unless a zone is given) or ISO 8601. */
function parseAt(v: string | undefined, now: Date): string {
  if (!v) return now.toISOString();
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)$/.exec(v.trim());
  const t = Date.parse(local ? `${local[1]}T${local[2]}+08:00` : v);
  if (Number.isNaN(t)) throw new UsageError(`--at must be a time such as "2026-12-05 14:30" (Beijing time) or ISO 8601, not "${v}"`);
  return new Date(t).toISOString();
}

function selected(store: Store, id: string | undefined): Drill {
  if (id) {
    const d = getDrill(store, id);
    if (!d) throw new UsageError(`there is no drill "${id}" (xunjian drill list shows them)`);
    return d;
  }
  const running = runningDrills(store);
  if (running.length === 1) return running[0]!;
  if (!running.length) {
    // Nothing in progress: the latest drill, so `finish` twice and `report` after `finish` mean the drill just run.
    const latest = listDrills(store)[0];
    if (latest) return latest;
    throw new UsageError('there is no drill yet: start one with `xunjian drill start --scenario … --site …`');
  }
  throw new UsageError(`${running.length} drills are in progress (${running.map((d) => d.id).join(', ')}): name one with --drill ID`);
}

function print(e: CommandEnv, d: Drill, text: string): void {
  if (e.format === 'json') process.stdout.write(JSON.stringify({ drill: d }, null, 2) + '\n');
  else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export const drill: Command = {
  name: 'drill',
  synopsis: 'drill start|payload|event|finish|report|list [--drill ID]',
  summary: 'emergency drills (应急演练): record the plan, produce a safe payload, record the human steps,\nand write the drill report (timeline, times to detect/notify/contain/recover, gaps, signatures)',
  options: [
    { name: 'scenario', arg: 'S', help: `start: ${SCENARIOS.join('|')}` },
    { name: 'drill', arg: 'ID', help: 'the drill (default: the one in progress, else the latest)' },
    { name: 'type', arg: 'T', help: `event: ${EVENT_TYPES.join('|')}` },
    { name: 'at', arg: 'TIME', help: 'event: when it happened ("2026-12-05 14:30" is Beijing time; default now)' },
    { name: 'note', arg: 'TEXT', help: 'event: what happened; start: nothing' },
    { name: 'by', arg: 'NAME', help: 'start: who runs the drill' },
    { name: 'expect', arg: 'TEXT', help: 'start: the detection path expected (e.g. "夜间 scan → 安全运维群")' },
  ],
  async run(e) {
    const [sub] = e.args;
    if (!sub || !SUBCOMMANDS.includes(sub)) throw new UsageError(`drill needs one of ${SUBCOMMANDS.join(', ')}`);
    const store = openStore(e.config);
    const now = e.clock.now();
    try {
      if (sub === 'list') {
        const all = listDrills(store);
        if (e.format === 'json') process.stdout.write(JSON.stringify({ drills: all }, null, 2) + '\n');
        else process.stdout.write(all.map((d) => `${d.id}  ${d.status.padEnd(8)} ${d.scenario}  ${d.site}  ${localTime(d.startedAt, e.config.timezone)}`).join('\n') + (all.length ? '\n' : 'no drills\n'));
        return 0;
      }
      if (sub === 'start') {
        const scenario = str(e.values, 'scenario') as Scenario | undefined;
        if (!scenario || !SCENARIOS.includes(scenario)) throw new UsageError(`drill start needs --scenario ${SCENARIOS.join('|')}`);
        const siteArg = str(e.values, 'site');
        if (!siteArg) throw new UsageError('drill start needs --site ID');
        const { site } = resolveSite(e.config, siteArg);
        const by = str(e.values, 'by');
        const expect = str(e.values, 'expect');
        const d = startDrill(store, { scenario, site: site.id, at: now.toISOString(), ...(by ? { plannedBy: by } : {}), ...(expect ? { expected: expect } : {}) });
        print(e, d, `drill ${d.id} started: ${scenario} on ${site.id}. Next: xunjian drill payload --drill ${d.id} --out DIR`);
        return 0;
      }
      const d = selected(store, str(e.values, 'drill'));
      if (sub === 'payload') {
        if (d.status === 'finished') throw new UsageError(`drill ${d.id} is finished; start a new one`);
        const { site } = resolveSite(e.config, d.site);
        const dir = resolve(str(e.values, 'out') ?? join(e.config.out, 'drills', d.id));
        // ExcelJS and docx load only here and in `report`: other commands start without them.
        const files = await (await import('../drill/payload')).writePayload(d, dir, site);
        addEvent(store, d.id, 'payload', now.toISOString(), files.map((f) => f.name).join(', '), now.toISOString());
        print(e, getDrill(store, d.id)!, [`payload of drill ${d.id} (${d.scenario}) in ${dir}:`, ...files.map((f) => `  ${f.name}  ${f.what}`)].join('\n'));
        return 0;
      }
      if (sub === 'event') {
        const type = str(e.values, 'type') as EventType | undefined;
        if (!type || !(EVENT_TYPES as readonly string[]).includes(type)) throw new UsageError(`drill event needs --type ${EVENT_TYPES.join('|')}`);
        if (d.status === 'finished') throw new UsageError(`drill ${d.id} is finished; its timeline is closed`);
        const at = parseAt(str(e.values, 'at'), now);
        addEvent(store, d.id, type, at, str(e.values, 'note'), now.toISOString());
        print(e, getDrill(store, d.id)!, `drill ${d.id}: ${type} at ${localTime(at, e.config.timezone)} recorded`);
        return 0;
      }
      if (sub === 'finish') {
        if (d.status === 'finished') throw new UsageError(`drill ${d.id} was already finished at ${localTime(d.finishedAt!, e.config.timezone)}`);
        finishDrill(store, d.id, now.toISOString());
        print(e, getDrill(store, d.id)!, `drill ${d.id} finished. Next: xunjian drill report --drill ${d.id} --format docx --out DIR`);
        return 0;
      }
      // report
      if (d.status !== 'finished') throw new UsageError(`drill ${d.id} is still in progress: \`xunjian drill finish\` first, so the report covers the whole drill`);
      const siteName = e.config.sites.find((s) => s.id === d.site)?.name ?? d.site;
      const r = buildDrillReport(store, d, { siteName, timezone: e.config.timezone, now });
      const { renderDrillDocx, renderDrillHtml, renderDrillMarkdown } = await import('../../reports/drill');
      const out = str(e.values, 'out');
      const write = (name: string, data: string | Buffer) => {
        const dir = resolve(out ?? e.config.out);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, name), data);
        process.stderr.write(`wrote ${join(dir, name)}\n`);
      };
      if (e.format === 'docx') write(`drill-${d.id}.docx`, await renderDrillDocx(r));
      else if (e.format === 'html') {
        if (out) write(`drill-${d.id}.html`, renderDrillHtml(r));
        else process.stdout.write(renderDrillHtml(r));
      } else if (e.format === 'json') process.stdout.write(JSON.stringify({ drill: d, report: r }, null, 2) + '\n');
      else if (e.format === 'md' || e.format === 'text') {
        const md = renderDrillMarkdown(r);
        if (out) write(`drill-${d.id}.md`, md);
        else process.stdout.write(md);
      } else throw new UsageError('drill report takes --format md, html, docx or json');
      return 0;
    } finally {
      store.close();
    }
  },
};
