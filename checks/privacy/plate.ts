/**
 * privacy.plate — a motor-vehicle plate tied to a person (GA 36-2018 formats: province, issuing
 * letter, 5 characters, or 6 for new-energy plates): in a table row under a name column, or with
 * 车主/当事人/驾驶人 on the same line. A plate alone, in traffic news, is not personal data here.
 */
import { matchText } from '../text/match-text';
import type { PageCheck, Span, Page } from '../types';
import { raiseHidden } from './severity';
import { inNamedTable } from './named-table';

const PLATE = /(?<![A-Za-z0-9])[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•.\s]?(?:[A-HJ-NP-Z0-9]{5}|[DFA-HJ-K][A-HJ-NP-Z0-9]{5}|[A-HJ-NP-Z0-9]{4}[挂学警港澳])(?![A-Za-z0-9])/g;
const PERSON = /车主|当事人|驾驶人|所有人|姓名/;

export function findPlatesWithNames(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(PLATE)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const lineEnd = text.indexOf('\n', m.index);
    const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
    if (!PERSON.test(line) && !inNamedTable(text, m.index)) continue;
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

export const plate: PageCheck = {
  kind: 'page',
  meta: {
    id: 'privacy.plate',
    family: 'privacy',
    title: '车牌号与姓名同时公开 (licence plate tied to a person)',
    severity: 'medium',
    duty: 'privacy',
    basis: '个人信息保护法 第4条 (与已识别或可识别的自然人有关的信息); GA 36-2018 机动车号牌',
    description: 'Plates in GA 36-2018 formats (including 6-character new-energy plates) in a table under a name column or on a line naming the owner or driver.',
    fix: '对车牌号脱敏（如 桂A·1**34）或删除姓名。 Mask the plate or remove the name.',
    version: 1,
    sensitive: true,
  },
  run(page: Page): Span[] {
    return raiseHidden(page, findPlatesWithNames(matchText(page)), 'medium');
  },
};
