/**
 * wording.leader-name — a leader's name misspelt (homophone, similar shape, swapped characters:
 * 杜家毫 written 杜家豪 cost a province its site), and a leader named with a title they did not
 * hold on the page's date (国务院总理李克强 on a page of 2024).
 */
import type { PageCheck, Span } from '../types';
import { lexiconFor } from './lexicon';
import { LEADER_TERMS, TITLED_NAMES, TITLE_NAMES, heldAt, heldEver, heldIn, pageDay, type Leader, type LeaderTerm } from './leaders';
import { sentenceYears } from '../text/sentence-years';

interface Hit {
  start: number;
  end: number;
  term: LeaderTerm;
}

/**
 * A name misspelling counts only where a leader is meant: a 2-character variant like 利强 is everywhere.
 * For a three-character name (杜家豪, 习进平) the words people use around a leader are enough.
 */
const AFTER_NAME = /^(?:同志|总书记|主席|总理|委员长|副总理|副主席|书记|在|指出|强调|主持|出席|会见|讲话|的重要)/u;
/**
 * A two-character variant is a common given name (李蔷, 韩峥, 蔡琪, 李熙): 同志, 书记, 主持 and
 * 讲话 follow a village secretary's name as readily as a leader's, so only a title the leader
 * has held (国务院总理李墙) or a list of leaders around it says the leader is meant.
 */
const SHORT_NAME = 2;
/** History is not an error: 时任国务院总理李克强. */
const HISTORICAL = /(?:时任|原|前|曾任|历任|时为|时)$/u;
const LIST_GAP = /^(?:同志)?[、，,\s]{1,3}$/u;

/** Everything the rules look at lies within a few characters of a hit. */
const REACH = 8;

/** Hits sorted by start, and the ones near a hit found by binary search: a long sheet has thousands. */
function nearby(sorted: readonly Hit[], hit: Hit): Hit[] {
  let lo = 0;
  let hi = sorted.length;
  const from = hit.start - REACH * 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: Hit[] = [];
  for (let i = lo; i < sorted.length && sorted[i]!.start <= hit.end + REACH; i++) out.push(sorted[i]!);
  return out;
}

function leaderContext(text: string, hit: Hit, leader: Leader, seen: boolean, near: readonly Hit[]): boolean {
  // A misspelling from a published case (祭奇) is nobody's given name.
  const short = hit.end - hit.start <= SHORT_NAME && !seen;
  if (!short) {
    if (AFTER_NAME.test(text.slice(hit.end, hit.end + 4))) return true;
    // 省委书记杜家豪: the press case.
    if (/书记$/u.test(text.slice(Math.max(0, hit.start - 4), hit.start))) return true;
  }
  for (const h of near) {
    if (h === hit) continue;
    // A title just before or after the name (省委书记杜家豪, 总书记 习近乎, 李墙总理).
    if (h.term.kind === 'title' && (!short || heldEver(leader, h.term.title))) {
      if (h.end <= hit.start && hit.start - h.end <= 2) return true;
      if (h.start === hit.end) return true;
    }
    // A correct leader name next to it in a list (习近平、李墙、赵乐际).
    if (h.term.kind === 'name') {
      const gap = h.end <= hit.start ? text.slice(h.end, hit.start) : hit.end <= h.start ? text.slice(hit.end, h.start) : null;
      if (gap !== null && LIST_GAP.test(gap)) return true;
    }
  }
  return false;
}

export const leaderName: PageCheck = {
  kind: 'page',
  meta: {
    id: 'wording.leader-name',
    family: 'wording',
    title: '领导人姓名或职务错误 (leader name misspelt or wrong title)',
    severity: 'critical',
    duty: 'content',
    basis: '国办秘函〔2019〕19号 单项否决 1 (严重表述错误); 国办发〔2015〕15号 附件2 (将党和国家领导人姓名写错)',
    description:
      'Names of the leaders in wordlists/leaders.json written with a same-sound character, a similar-shape character or ' +
      'two characters swapped, where the text is about a leader (a title, 同志, or another leader next to it; a two-character ' +
      'name such as 李强 only beside a title that leader has held or in a list of leaders, since its variants are common given names); and a ' +
      'leader named with a title (国务院总理, 委员长 …) not held on the page\'s claimed publication date (pages without one are not judged), unless marked 时任/原; ' +
      'and a right name followed by a title they held, or 同志, typed by sound (习近平总书计, 李强总里).',
    fix: '核对领导人姓名和任职时间后改正。 Correct the name or title against the official announcement.',
    version: 2,
    sensitive: false,
  },
  run(page, ctx): Span[] {
    const text = page.text.text;
    const scan = lexiconFor(ctx.wordlists).scan(text);
    const raw = scan.bySet.get('leaders') ?? [];
    const hits: Hit[] = raw.map(([start, end, i]) => ({ start, end, term: LEADER_TERMS[i]! })).sort((a, b) => a.start - b.start);
    const out: Span[] = [];
    let day: string | undefined | null = null;
    for (const h of hits) {
      if (h.term.kind === 'variant') {
        const near = nearby(hits, h);
        if (near.some((n) => n.term.kind === 'name' && n.start < h.end && h.start < n.end)) continue;
        if (!leaderContext(text, h, h.term.leader, h.term.seen, near)) continue;
        out.push({
          start: h.start,
          end: h.end,
          message: `领导人姓名错误：应为“${h.term.leader.name}”`,
          suggestion: h.term.leader.name,
          discriminator: `name|${h.term.leader.name}`,
        });
      } else if (h.term.kind === 'name') {
        const leader = h.term.leader;
        const titles = nearby(hits, h).filter(
          (t) => t.term.kind === 'title' && (t.end === h.start || t.start === h.end) && text[t.start - 1] !== '副',
        );
        // The longest title form adjacent to the name decides (国务院总理 over 总理).
        const title = titles.sort((a, b) => b.end - b.start - (a.end - a.start))[0];
        if (!title || title.term.kind !== 'title') continue;
        const before = Math.min(title.start, h.start);
        if (HISTORICAL.test(text.slice(Math.max(0, before - 3), before))) continue;
        if (day === null) day = pageDay(page);
        if (day === undefined || heldAt(leader, title.term.title, day)) continue;
        // An account of a year the post was held (2013年，李克强总理视察…) is history, not a date error.
        const post = title.term.title;
        if (sentenceYears(text, before, h.end).some((y) => heldIn(leader, post, y))) continue;
        const start = Math.min(title.start, h.start);
        const end = Math.max(title.end, h.end);
        out.push({
          start,
          end,
          severity: 'high',
          message: `职务与日期不符：${leader.name}在${day}不任${TITLE_NAMES.get(title.term.title)}`,
          suggestion: '核对任职时间；历史报道请写明“时任”',
          discriminator: `title|${leader.name}|${title.term.title}`,
        });
      }
    }
    // The name right and the title after it typed by sound (习近平总书计): the name's own misspellings are reported above.
    for (const [start, end, i] of scan.bySet.get('leader-titles') ?? []) {
      const { leader, form } = TITLED_NAMES[i]!;
      if (text.slice(start, start + leader.name.length) !== leader.name) continue;
      out.push({
        start,
        end,
        message: `领导人职务书写错误：应为“${form}”`,
        suggestion: form,
        discriminator: `title-typo|${form}`,
      });
    }
    return out.sort((a, b) => a.start! - b.start!);
  },
};
