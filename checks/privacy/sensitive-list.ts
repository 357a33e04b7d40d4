/**
 * privacy.sensitive-list — a table naming people beside a PIPL art. 28 sensitive attribute
 * (病种/诊断, 残疾类别, 宗教信仰, 刑满释放/社区矫正/吸毒, 行程轨迹): sensitive personal information
 * published with the person's full name. Masked names (张*, 李*明) are the de-identified form and
 * are not reported; a 低保/特困 list with names is lawful 公示 and is not a sensitive column here.
 */
import { matchText } from '../text/match-text';
import type { Page, PageCheck, Span } from '../types';
import { raiseHidden } from './severity';
import { sensitiveTables } from './named-table';

const BULK = 10;

export function findSensitiveLists(text: string): Span[] {
  return sensitiveTables(text)
    .filter((t) => t.named > 0)
    .map((t) => ({
      start: t.start,
      end: t.end,
      severity: t.named >= BULK ? 'critical' as const : 'high' as const,
      message: `${t.named} 人的姓名与${t.label}同表公开${t.masked ? `（另有 ${t.masked} 人已脱敏）` : ''} (full names beside ${t.label.replace(/^.*\(|\)$/g, '')})`,
      target: text.slice(t.start, t.end).trim(),
      discriminator: `${t.label}|${text.slice(t.start, t.end)}`,
    }));
}

export const sensitiveList: PageCheck = {
  kind: 'page',
  meta: {
    id: 'privacy.sensitive-list',
    family: 'privacy',
    title: '敏感个人信息与姓名同表公开 (sensitive personal data beside names)',
    severity: 'high',
    duty: 'privacy',
    basis: '个人信息保护法 第28条、第29条 (敏感个人信息单独同意); 政府信息公开条例 第15条',
    description:
      'A table whose header has a name column (姓名, 申请人, 救助对象, 患者...) and a column of sensitive personal information: ' +
      'health (病种, 诊断), disability (残疾类别/等级), religion, criminal record (刑满释放, 社区矫正, 吸毒), whereabouts (行程, 轨迹), ' +
      'with at least one full, unmasked name. Critical with ten or more named rows, or when hidden.',
    fix: '姓名按“张*”去标识化，或删除敏感信息列后重新发布。 Mask the names (surname + *) or remove the sensitive column.',
    version: 1,
    // The match is the column header (病种), not a person's data; the rows never leave the page.
    sensitive: false,
  },
  run(page: Page): Span[] {
    // The rows themselves are the sensitive data: the finding names the column and counts the
    // people, and carries no offsets, so no excerpt of names and diagnoses is ever built.
    return raiseHidden(page, findSensitiveLists(matchText(page)), 'high').map((sp) => {
      delete sp.start;
      delete sp.end;
      return sp;
    });
  },
};
