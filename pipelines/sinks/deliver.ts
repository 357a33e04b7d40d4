/**
 * From lifecycle events to the outbox, and from the outbox to the sinks.
 *
 * Trackers are filed exactly once: before an issue is created the tracker is searched for the
 * issue's marker, and the tracker's reference is stored in the same transaction that completes
 * the entry, so a process killed between the two finds its issue again instead of filing a second
 * one. Comments carry a marker for the same reason. Chat robots have no way to look a message up:
 * an in-doubt digest is sent again (at least once), and that is said in the README.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../../checks/types';
import { routeOf, type Config, type IssueSettings, type SinkConfig } from '../config';
import type { Ledger } from '../evidence/ledger';
import { getIssue, suppress, type IssueEvent } from '../store/lifecycle';
import {
  addReceipt, claimNext, dueSinks, enqueueSync, enqueueText, markDead, markRetry, markSent, recordSynced, remoteOf, type OutboxEntry,
} from '../store/outbox';
import type { Store } from '../store/store';
import { DingtalkSink } from './dingtalk';
import { eventComment, eventLine, renderIssue, type IssueText } from './issue-text';
import { DEFAULT_TIMEZONE } from '../../reports/local-time';
import { FeishuSink } from './feishu';
import { GiteaSink } from './gitea';
import { GitlabSink } from './gitlab';
import { LocalSink } from './local';
import { SinkError, type ChatSink, type IssueSink, type TrackerSink } from './sink';
import { WecomSink } from './wecom';

/** Labels people put on an issue to say its findings are not to be filed again. */
const SUPPRESS_LABELS: Record<string, 'false-positive' | 'accepted'> = {
  'false-positive': 'false-positive',
  误报: 'false-positive',
  accepted: 'accepted',
  接受风险: 'accepted',
};
const MAX_BACKOFF_MS = 60 * 60_000;
const BASE_BACKOFF_MS = 30_000;
export const MAX_ATTEMPTS = 20;

export function buildSinks(config: Pick<Config, 'sinks'> & Partial<Pick<Config, 'timezone'>>, ledger: () => Ledger | undefined): Map<string, IssueSink> {
  const out = new Map<string, IssueSink>();
  for (const [name, c] of Object.entries(config.sinks)) {
    const s = makeSink(name, c, ledger, config.timezone ?? DEFAULT_TIMEZONE);
    if (s) out.set(name, s);
  }
  return out;
}

function makeSink(name: string, c: SinkConfig, ledger: () => Ledger | undefined, timezone: string): IssueSink | undefined {
  switch (c.type) {
    case 'gitlab':
      return new GitlabSink(name, c);
    case 'gitea':
      return new GiteaSink(name, c);
    case 'wecom':
      return new WecomSink(name, c);
    case 'dingtalk':
      return new DingtalkSink(name, c);
    case 'feishu':
      return new FeishuSink(name, c);
    case 'local': {
      const l = ledger();
      if (!l) return undefined;
      return new LocalSink(name, l, c.dir ?? 'issues', undefined, timezone);
    }
    default:
      return undefined;
  }
}

export interface FilingContext {
  store: Store;
  settings: IssueSettings;
  sinks: Record<string, SinkConfig>;
  siteNames: Record<string, string>;
  /** Where the readers are: dates in issue texts and digests. */
  timezone: string;
}

function textOf(fc: FilingContext, issueId: number): IssueText {
  const issue = getIssue(fc.store, issueId)!;
  return renderIssue(fc.store, issue, fc.settings, fc.siteNames[issue.siteId], fc.timezone);
}

/** Turn a run's lifecycle events into outbox entries for the sinks their duty is routed to. */
export function enqueueEvents(fc: FilingContext, events: readonly IssueEvent[], at: string): number {
  let n = 0;
  const digests = new Map<string, string[]>();
  fc.store.db.transaction(() => {
    for (const e of events) {
      const issue = getIssue(fc.store, e.issueId);
      if (!issue) continue;
      const route = routeOf(fc.settings, issue);
      if (!route) continue;
      for (const sinkName of route.sinks) {
        const type = fc.sinks[sinkName]?.type;
        if (type === 'gitlab' || type === 'gitea' || type === 'local') {
          enqueueSync(fc.store, sinkName, issue.id, at);
          const c = eventComment(e, fc.settings.closeAfter);
          if (c) {
            enqueueText(fc.store, sinkName, 'comment', issue.id, c, at);
            n++;
          }
          n++;
        } else if (type) {
          const lines = digests.get(sinkName) ?? [];
          lines.push(`- ${eventLine(e, textOf(fc, issue.id))}`);
          digests.set(sinkName, lines);
        }
      }
    }
    for (const [sinkName, lines] of digests) {
      enqueueText(fc.store, sinkName, 'digest', undefined, lines.join('\n'), at);
      n++;
    }
  })();
  return n;
}

export interface DeliveryOptions {
  now: () => Date;
  log: Logger;
  /** Stop starting new entries after this time (ms since epoch); the rest stay pending. */
  deadline?: number;
}

export interface DeliverySummary {
  sent: number;
  retrying: number;
  dead: number;
  /** Per sink: the last error, if any (for the run's errors and the CLI). */
  errors: { sink: string; message: string }[];
}

function backoff(attempts: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const base = Math.min(BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
  return Math.round(base * (0.9 + Math.random() * 0.2));
}

/** Cut a digest at a line boundary so it fits the robot's byte limit, saying how much was left out. */
export function fitDigest(lines: string, maxBytes: number): string {
  if (Buffer.byteLength(lines) <= maxBytes) return lines;
  const all = lines.split('\n');
  const out: string[] = [];
  let bytes = 0;
  const reserve = 120;
  for (const l of all) {
    const b = Buffer.byteLength(l) + 1;
    if (bytes + b > maxBytes - reserve) break;
    out.push(l);
    bytes += b;
  }
  out.push(`…另有 ${all.length - out.length} 项，详见工单或证据库。`);
  return out.join('\n');
}

async function deliverOne(fc: FilingContext, sink: IssueSink, e: OutboxEntry, at: () => string): Promise<void> {
  if (e.kind === 'digest') {
    const chat = sink as ChatSink;
    if (chat.kind !== 'chat') throw new SinkError(`${sink.name}: a digest for a tracker`, false);
    await chat.send('巡检通报 (xunjian)', fitDigest(e.body ?? '', chat.maxBytes));
    markSent(fc.store, e.id, at());
    return;
  }
  const tracker = sink as TrackerSink;
  if (tracker.kind !== 'tracker') throw new SinkError(`${sink.name}: an issue for a chat robot`, false);
  const issueId = e.issueId!;
  if (e.kind === 'comment') {
    const remote = remoteOf(fc.store, issueId, sink.name);
    if (!remote) throw new SinkError(`${sink.name}: issue ${issueId} is not filed yet`, true, BASE_BACKOFF_MS);
    const marker = `xunjian:event=${createHash('sha256').update(`${sink.name}|${e.id}|${e.createdAt}`).digest('hex').slice(0, 24)}`;
    if (!(e.inDoubt || e.attempts > 1) || !(await tracker.hasComment(remote.ref, marker))) await tracker.comment(remote.ref, e.body ?? '', marker);
    markSent(fc.store, e.id, at());
    return;
  }
  const text = textOf(fc, issueId);
  const sha = createHash('sha256').update(`${text.title}\n${text.state}\n${text.labels.join(',')}\n${text.dueDate ?? ''}\n${text.body}`).digest('hex');
  let remote = remoteOf(fc.store, issueId, sink.name);
  let result;
  if (remote && remote.bodySha256 === sha && remote.state === text.state) {
    // Nothing to change; still read the labels people may have put on it since.
    result = await tracker.read(remote.ref);
  } else if (remote) {
    result = await tracker.update(remote.ref, text);
  } else {
    // No reference stored: the tracker may still have it (a crash after create, a lost store).
    const found = await tracker.find(text.marker);
    result = found ? await tracker.update(found.ref, text) : await tracker.create(text);
  }
  remote = { ref: result.ref, ...(result.url ? { url: result.url } : {}), state: result.state, bodySha256: sha };
  recordSynced(fc.store, e.id, issueId, sink.name, remote, at());
  const reasons = [...new Set(result.labels.map((l) => SUPPRESS_LABELS[l]).filter((x): x is 'false-positive' | 'accepted' => !!x))];
  if (reasons.length) {
    const open = fc.store.db.prepare("SELECT fingerprint FROM findings WHERE issue_id = ? AND status = 'open' AND suppressed IS NULL").all(issueId) as { fingerprint: string }[];
    suppress(fc.store, open.map((r) => r.fingerprint), reasons[0]!);
  }
}

/** Send what is due, sink by sink (in order within a sink, sinks side by side). */
export async function deliverOutbox(fc: FilingContext, sinks: Map<string, IssueSink>, o: DeliveryOptions): Promise<DeliverySummary> {
  const summary: DeliverySummary = { sent: 0, retrying: 0, dead: 0, errors: [] };
  const at = (): string => o.now().toISOString();
  await Promise.all(
    dueSinks(fc.store, at()).map(async (name) => {
      const sink = sinks.get(name);
      if (!sink) {
        summary.errors.push({ sink: name, message: `sink ${name} is not configured (or its ledger could not be opened); entries kept` });
        return;
      }
      let current = 0;
      if (sink.http) sink.http.listener = (r) => addReceipt(fc.store, current, name, r);
      try {
        for (;;) {
          if (o.deadline !== undefined && Date.now() > o.deadline) break;
          const e = claimNext(fc.store, name, o.now());
          if (!e) break;
          current = e.id;
          try {
            await deliverOne(fc, sink, e, at);
            if (!sink.http) addReceipt(fc.store, e.id, name, { at: at(), method: 'WRITE', url: name, ms: 0, ok: true });
            summary.sent++;
          } catch (err) {
            const se = err instanceof SinkError ? err : new SinkError(`${name}: ${(err as Error).message}`, true);
            if (!se.retryable || e.attempts >= MAX_ATTEMPTS) {
              markDead(fc.store, e.id, se.message);
              summary.dead++;
              summary.errors.push({ sink: name, message: se.message });
              o.log.error({ sink: name, outbox: e.id, err: se.message }, 'delivery failed for good; kept in the outbox');
              continue;
            }
            markRetry(fc.store, e.id, new Date(o.now().getTime() + backoff(e.attempts, se.retryAfterMs)).toISOString(), se.message);
            summary.retrying++;
            summary.errors.push({ sink: name, message: se.message });
            o.log.warn({ sink: name, outbox: e.id, attempts: e.attempts, err: se.message }, 'delivery failed; will retry');
            break; // the sink is unwell: the rest of its queue waits behind this entry
          }
        }
      } finally {
        if (sink.http) sink.http.listener = undefined;
        try {
          await sink.flush?.();
        } catch (err) {
          summary.errors.push({ sink: name, message: `${name}: ${(err as Error).message}` });
        }
      }
    }),
  );
  return summary;
}
