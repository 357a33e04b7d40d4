/**
 * One misspelt phrase that two wording rules each read their own way is one finding: the most severe,
 * then the one covering more of the text. Findings of one rule, of other families, or elsewhere stay.
 */
import { CHECKS } from '../../checks/registry';
import { createPage } from '../../checks/page';
import type { PageCheck } from '../../checks/types';
import { runPageChecks } from '../../pipelines/page-checks';
import { testContext } from '../helpers/context';

const checks = CHECKS.filter((c): c is PageCheck => c.kind === 'page' && c.meta.family === 'wording');
const wordingOf = (text: string) =>
  runPageChecks(checks, createPage({ siteId: 's', url: 'https://www.example.gov.cn/a.html', fetchedAt: new Date().toISOString(), contentType: 'text', source: text, origin: 'file' }), testContext(), { dates: true, own: { resources: true, prints: false } })
    .findings.map((f) => [f.rule, f.match]);

describe('one finding per wording error', () => {
  it('files 中央纪律检察委员会 once, as the longer 规范表述 reading', () => {
    expect(wordingOf('中共中央纪律检察委员会召开会议。')).toEqual([['wording.canonical-phrase', '中央纪律检察委员会']]);
  });
  it('keeps two errors in one sentence, and one rule\u2019s several findings', () => {
    expect(wordingOf('国务院办工厅印发通知，财正部下达资金。').map(([rule]) => rule)).toEqual(['wording.institution-name', 'wording.institution-name']);
    expect(wordingOf('要认真贯切落实党中央决策布署。').map(([, m]) => m).sort()).toEqual(['布署', '贯切']);
  });
});
