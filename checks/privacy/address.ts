/**
 * privacy.address — a home address down to the door (栋/单元/室, or 村…组…号) tied to a person: under
 * a 家庭住址/户籍地址 label, or in a table row under a name column (公示 lists). Office addresses
 * (地址：XX路1号) are published on purpose and are not reported.
 */
import { matchText } from '../text/match-text';
import type { PageCheck, Span, Page } from '../types';
import { raiseHidden } from './severity';
import { inNamedTable, namedTableCells, rowFacts } from './named-table';

const HAN = '\\p{Script=Han}';
/** A door-level address: a street or village, then a number and a building, unit or room. */
const HOUSE = new RegExp(
  `[${HAN}\\d]{2,30}?(?:路|街|巷|弄|道|村|小区|花园|苑|公寓|大厦)[${HAN}\\d-]{0,12}?(?:\\d+号(?:院)?)?\\s*(?:\\d+\\s*(?:栋|幢|座|号楼)\\s*)?(?:\\d+\\s*单元\\s*)?\\d+\\s*(?:室|号房|户)|[${HAN}]{2,12}村[${HAN}\\d]{0,8}?(?:\\d+|[${HAN}]{1,4})\\s*组\\s*\\d+\\s*号`,
  'gu',
);
const LABEL = /(?:家庭住址|家庭地址|现住址|住址|户籍地址|户籍地|居住地址|居住地|常住地址|联系地址)\s*[：:\t]?\s*/gu;

/** Where a door-level address ends (a room, a household, a village group's number): rare in prose. */
const ANCHOR = /\d\s*(?:室|号房|户)|组\s*\d+\s*号/gu;
/** After a 家庭住址 label a street and door number is enough: 号 is the door (reference §3.8: house level ends at 号). */
const LABELLED_DOOR = new RegExp(`^[${HAN}\\d-]{2,30}?(?:路|街|巷|弄|道|村|组|屯|小区|社区|队)[${HAN}\\d-]{0,10}?\\d+\\s*号(?![${HAN}]{0,2}(?:文|令|公告|通知))`, 'u');
const COLUMN_LABEL = /^(?:家庭住址|家庭地址|现住址|住址|户籍地址|户籍地|居住地址|居住地|常住地址|联系地址|地址)$/;
/** Longer than any HOUSE match, so a window ending at an anchor holds the whole address. */
const WINDOW = 96;

/** HOUSE matches, found only around anchors: the pattern is costly to try at every character. */
function houseMatches(text: string): { index: number; text: string }[] {
  const out: { index: number; text: string }[] = [];
  let covered = 0;
  for (const a of text.matchAll(ANCHOR)) {
    const anchorEnd = a.index + a[0].length;
    if (anchorEnd <= covered) continue;
    const from = Math.max(covered, a.index - WINDOW);
    const to = Math.min(text.length, anchorEnd + 8);
    for (const m of text.slice(from, to).matchAll(HOUSE)) {
      const index = from + m.index;
      if (index + m[0].length < a.index) continue;
      out.push({ index, text: m[0] });
      covered = index + m[0].length;
    }
  }
  return out;
}

export function findHomeAddresses(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of houseMatches(text)) {
    let start = m.index;
    const end = m.index + m.text.length;
    // The address pattern may swallow its own label (家庭住址南宁市…): the label ends where the address starts.
    const from = Math.max(0, start - 12);
    let labelled = false;
    for (const l of text.slice(from, end).matchAll(LABEL)) {
      labelled = true;
      start = Math.max(start, from + l.index + l[0].length);
    }
    if (!labelled && !inNamedTable(text, start)) continue;
    if (end - start >= 6) spans.push({ start, end });
  }
  for (const l of text.matchAll(LABEL)) {
    const at = l.index + l[0].length;
    if (spans.some((s) => s.start! <= at && at < s.end!)) continue;
    const door = LABELLED_DOOR.exec(text.slice(at, at + 48));
    if (door) spans.push({ start: at, end: at + door[0].length });
  }
  // A 家庭住址 column of a list of people labels every cell under it, as the label does inline.
  for (const { start } of namedTableCells(text, COLUMN_LABEL)) {
    if (spans.some((s) => s.start! <= start && start < s.end!)) continue;
    const door = LABELLED_DOOR.exec(text.slice(start, start + 48));
    if (door) spans.push({ start, end: start + door[0].length });
  }
  // Tied to a named person on a list's row (reference detection row 25: high, linked).
  for (const s of spans) if (rowFacts(text, s.start!).named) s.severity = 'high';
  return spans.sort((a, b) => a.start! - b.start!);
}

export const address: PageCheck = {
  kind: 'page',
  meta: {
    id: 'privacy.address',
    family: 'privacy',
    title: '家庭住址泄露 (home address exposed)',
    severity: 'medium',
    duty: 'privacy',
    basis: '个人信息保护法 第4条、第28条; 政府信息公开条例 第15条; 国办秘函〔2019〕19号 (泄露个人隐私)',
    description:
      'Door-level addresses (building, unit and room, or village, group and number) after a 家庭住址/住址/户籍地址 label, ' +
      'or in a table row under a name column (a street or village and its door number is enough under a 家庭住址 column); high ' +
      'on a named person\u2019s row (reference detection row 25: linked). Office and venue addresses are not reported.',
    fix: '删除或脱敏到乡镇/街道一级。 Remove the address or mask it to the township level.',
    version: 1,
    sensitive: true,
  },
  run(page: Page): Span[] {
    return raiseHidden(page, findHomeAddresses(matchText(page)), 'medium');
  },
};
