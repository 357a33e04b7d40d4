/**
 * privacy.landline — a home telephone number. Office numbers are published on purpose (监督电话,
 * 咨询电话), so a landline counts only when it is labelled as a private one (家庭电话, 住宅电话…),
 * or stands on a person's row of a list of people (a 低保 list's 联系电话) in a column that is not an
 * office's (办公电话, 单位电话) in a table that lists no posts (职务, 单位: a list of officials, such as
 * 防汛责任人, publishes their office numbers on purpose).
 */
import { matchText } from '../text/match-text';
import type { PageCheck, Span, Page } from '../types';
import { raiseHidden } from './severity';
import { columnHeaderAt, headerOf, rowFacts } from './named-table';

const LANDLINE = /(?<![0-9A-Za-z])\(?0(?:10|2\d|[3-9]\d{2})\)?[ -]?[2-9]\d{6,7}(?:(?:-|转|分机)\d{1,6})?(?![0-9A-Za-z])/g;
const PRIVATE_LABEL = /家庭电话|住宅电话|家庭座机|住宅座机|宅电|家中电话/;
const CONTEXT = 15;
const OFFICE_COLUMN = /办公|单位|值班|监督|咨询|投诉|举报|服务|传真|热线|科室|部门/;
/** A table with a post or office column lists officials (防汛责任人, 包村干部): their landlines are their offices'. */
const POST_COLUMN = /^(?:职务|职位|岗位|单位|工作单位|部门|所在单位|科室)$/;

function officialsTable(text: string, at: number): boolean {
  return headerOf(text, at)?.cells.some((c) => POST_COLUMN.test(c.trim())) ?? false;
}

export function findPrivateLandlines(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(LANDLINE)) {
    if (PRIVATE_LABEL.test(text.slice(Math.max(0, m.index - CONTEXT), m.index))) {
      spans.push({ start: m.index, end: m.index + m[0].length });
      continue;
    }
    const column = columnHeaderAt(text, m.index);
    if (column !== undefined && !OFFICE_COLUMN.test(column) && rowFacts(text, m.index).named && !officialsTable(text, m.index)) {
      spans.push({ start: m.index, end: m.index + m[0].length, message: '姓名与固定电话同行公开 (a name and a telephone number in one row)' });
    }
  }
  return spans;
}

export const landline: PageCheck = {
  kind: 'page',
  meta: {
    id: 'privacy.landline',
    family: 'privacy',
    title: '家庭固定电话泄露 (home telephone number exposed)',
    severity: 'medium',
    duty: 'privacy',
    basis: '个人信息保护法 第4条; 皖政务办函〔2019〕1号 排查项: 联系方式(电话、邮箱)',
    description:
      'Finds landline numbers (area code required, 7-8 digit local number) labelled as private (家庭电话, 住宅电话, 宅电...) or on ' +
      'a person\u2019s row of a list of people, outside an office-number column. Office, hotline and supervision numbers are not reported.',
    fix: '删除家庭电话，改为单位办公电话。 Remove the home number; publish an office number.',
    version: 1,
    sensitive: true,
  },
  run(page: Page): Span[] {
    return raiseHidden(page, findPrivateLandlines(matchText(page)), 'medium');
  },
};
