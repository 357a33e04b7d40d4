/**
 * health.interaction — 19号's single-veto item 互动回应差 (reference indicators.md §1.2 row 5): in a
 * 政务咨询 column, a citizen's message of the last year left more than three months without a reply.
 * 留言板, 领导信箱 and 咨询 pages print each message's dates, labelled (留言时间：… 回复时间：…) or in a
 * table's columns, and those are read here: a reply more than 92 days after its message, or a
 * message still marked unanswered (未回复, 办理中) 92 days on.
 *
 * A page with no dated messages is not judged (so a site whose 留言 pages were not crawled is never
 * called responsive); the columns 19号 leaves out — 网上信访, 纪检举报, 在线访谈, 调查征集 — and messages
 * marked invalid (无效, 重复, 不予受理) are left alone.
 */
import type { PageCheck, Span, Page, Context, Skipped } from '../types';
import { daysBetween, NUMERIC_DATE, parseLooseDate } from '../dates/parse';

/** 19号: 超过 3 个月未回应 (92 days: the longest three months). */
const MAX_REPLY_DAYS = 92;
/** 19号: 监测时间点前 1 年内. */
const LOOKBACK_DAYS = 365;

const ASKED = /(?:留言|来信|提问|咨询|写信|诉求|来件)(?:时间|日期)/;
const ANSWERED = /(?:回复|答复|办结|反馈|回信)(?:时间|日期)/;
const DATE = NUMERIC_DATE;
const LABELLED = new RegExp(`(${ASKED.source}|${ANSWERED.source})\\s*[:：]?\\s*(${DATE.source})`, 'gu');
const PERIOD = /^\s*(?:至|到|—|－|~|～|-)/;
const ASKED_CELL = new RegExp(`^${ASKED.source}$`);
const ANSWERED_CELL = new RegExp(`^${ANSWERED.source}$`);
const UNANSWERED = /未回复|待回复|未答复|待答复|办理中|处理中|正在办理|尚未回复/;
/**
 * In running text a status counts only under its label: an unlabelled [未回复] may be the next
 * message's, printed before its title.
 */
const STATUS_LABEL = '(?:状态|办理状态|回复状态|处理状态|办理情况)';
const UNANSWERED_LABELLED = new RegExp(`${STATUS_LABEL}\\s*[:：]?\\s*(?:${UNANSWERED.source})`);
/** A status saying the message was answered (its date not printed). */
const ANSWERED_STATUS = /已回复|已答复|已办结|已处理|已反馈/;
const ANSWERED_LABELLED = new RegExp(`${STATUS_LABEL}\\s*[:：]?\\s*(?:${ANSWERED_STATUS.source})`);
const INVALID = /无效留言|重复留言|不予受理|不予回复|已删除/;
/** The columns 19号 leaves out of this item. */
const EXCLUDED = /网上信访|信访事项|纪检举报|监督举报|在线访谈|调查征集|意见征集|民意征集|征求意见/;

interface Message {
  /** Offsets of the message's date in the text. */
  start: number;
  end: number;
  asked: string;
  answered?: string;
  /** The text of the record (up to the next message), for its status. */
  record: string;
  /** How the record says it is still open, or answered: a table row's status cell, or a labelled status in running text. */
  open: RegExp;
  closed: RegExp;
}

/** Messages whose dates are labelled: each asked date with the first reply date after it, before the next message. */
function labelledMessages(text: string): Message[] {
  const events = [...text.matchAll(LABELLED)].map((m) => ({
    asked: ASKED.test(m[1]!), index: m.index, start: m.index + m[0].length - m[2]!.length, end: m.index + m[0].length, value: parseLooseDate(m[2]!),
  }));
  const out: Message[] = [];
  events.forEach((e, k) => {
    if (!e.asked || !e.value) return;
    // 留言时间：1月1日至1月31日 is a period someone may write in (a notice), not a message.
    if (PERIOD.test(text.slice(e.end, e.end + 3))) return;
    const next = events.findIndex((x, j) => j > k && x.asked);
    const until = next >= 0 ? events[next]!.index : text.length;
    const reply = events.slice(k + 1, next >= 0 ? next : undefined).find((x) => !x.asked && x.value);
    out.push({ start: e.start, end: e.end, asked: e.value, ...(reply ? { answered: reply.value! } : {}), record: text.slice(e.end, Math.min(until, e.end + 2000)), open: UNANSWERED_LABELLED, closed: ANSWERED_LABELLED });
  });
  return out;
}

/** Messages in a table whose header names the asked and the answered dates (留言时间 · 回复时间 · 状态). */
function tableMessages(text: string): Message[] {
  const out: Message[] = [];
  let header: { asked: number; answered: number } | undefined;
  for (let from = 0; from <= text.length; ) {
    const nl = text.indexOf('\n', from);
    const to = nl === -1 ? text.length : nl;
    const line = text.slice(from, to);
    if (!line.includes('\t')) header = undefined;
    else {
      const cells = line.split('\t').map((c) => c.trim());
      const asked = cells.findIndex((c) => ASKED_CELL.test(c));
      const answered = cells.findIndex((c) => ANSWERED_CELL.test(c));
      if (asked >= 0 && answered >= 0) header = { asked, answered };
      else if (header) {
        const raw = line.split('\t');
        const at = DATE.exec(raw[header.asked] ?? '');
        const value = at ? parseLooseDate(at[0]) : undefined;
        if (at && value) {
          // The asked cell's offset: the cells before it and their tabs.
          const start = from + raw.slice(0, header.asked).reduce((n, c) => n + c.length + 1, 0) + at.index;
          const reply = DATE.exec(raw[header.answered] ?? '');
          const answered = reply ? parseLooseDate(reply[0]) : undefined;
          out.push({ start, end: start + at[0].length, asked: value, ...(answered ? { answered } : {}), record: line, open: UNANSWERED, closed: ANSWERED_STATUS });
        }
      }
    }
    if (nl === -1) break;
    from = nl + 1;
  }
  return out;
}

export function findLateReplies(text: string, title: string, now: Date): Span[] | Skipped {
  if (EXCLUDED.test(title)) return { skipped: 'a 信访, 举报, 访谈 or 征集 column: outside 19号\u2019s 互动回应 item' };
  const messages = [...labelledMessages(text), ...tableMessages(text)];
  if (!messages.length) return { skipped: 'no dated messages on the page' };
  // A message with neither a reply date nor a status says nothing of how it was answered: a page of
  // such messages is not judged, never passed.
  const decidable = messages.filter((m) => m.answered !== undefined || m.open.test(m.record.slice(0, 300)) || m.closed.test(m.record.slice(0, 300)));
  if (!decidable.length) return { skipped: 'messages without reply dates or status' };
  const today = now.toISOString();
  const spans: Span[] = [];
  for (const m of decidable) {
    const age = daysBetween(m.asked, today);
    if (age < 0 || age > LOOKBACK_DAYS || INVALID.test(m.record)) continue;
    if (m.answered) {
      const gap = daysBetween(m.asked, m.answered);
      if (gap <= MAX_REPLY_DAYS) continue;
      spans.push({
        start: m.start, end: m.end,
        message: `留言（${m.asked.slice(0, 10)}）于 ${m.answered.slice(0, 10)} 才答复，相隔 ${gap} 天，超过3个月（19号 互动回应差）`,
        discriminator: `late|${m.asked.slice(0, 10)}|${m.answered.slice(0, 10)}`,
      });
    } else if (m.open.test(m.record.slice(0, 300)) && age > MAX_REPLY_DAYS) {
      spans.push({
        start: m.start, end: m.end,
        message: `留言（${m.asked.slice(0, 10)}）至今 ${age} 天仍未答复，超过3个月（19号 互动回应差）`,
        discriminator: `open|${m.asked.slice(0, 10)}`,
      });
    }
  }
  return spans;
}

export const interaction: PageCheck = {
  kind: 'page',
  meta: {
    id: 'health.interaction',
    family: 'health',
    title: '留言超过3个月未答复 (a citizen\u2019s message left unanswered for over three months)',
    severity: 'critical',
    duty: 'operations',
    basis: '国办秘函〔2019〕19号 单项否决 5 (互动回应差：监测时间点前1年内政务咨询类栏目存在超过3个月未回应有效留言)',
    description:
      'On 留言板, 领导信箱 and 咨询 pages: a message of the last 365 days whose reply came more than 92 days after it, or which is ' +
      'still marked unanswered (未回复, 办理中) 92 days on — dates read from their labels (留言时间/来信时间 … 回复时间/答复时间) or ' +
      'from a table\u2019s columns. Pages without dated messages are not judged; 网上信访, 纪检举报, 在线访谈 and 调查征集 columns ' +
      'and messages marked invalid are left alone, as 19号 leaves them out.',
    fix: '尽快答复该留言，并建立留言办理时限督办机制（3个月内答复）。 Answer the message and set a reply deadline within three months.',
    version: 1,
    sensitive: false,
  },
  run(page: Page, ctx: Context): Span[] | Skipped {
    return findLateReplies(page.text.text, page.claims.title ?? page.text.title, ctx.clock.now());
  },
};
