/**
 * User wordlists and the allowlist from the config join the built-in lists; a rule reports them
 * like its own, and an allowed phrase silences every wording hit inside it.
 */
import { createPage } from '../../../checks/page';
import { compileWordlist, type WordlistFile } from '../../../checks/text/wordlist';
import { typo } from '../../../checks/wording/typo';
import { prohibited } from '../../../checks/wording/prohibited';
import type { UserWordlists } from '../../../checks/types';
import { testContext } from '../../helpers/context';

const userList: WordlistFile = {
  meta: { id: 'local-names', rule: 'wording.typo', matcher: 'terms', licence: 'written by the city website office', sources: [{ title: '本市行政区划' }] },
  entries: [{ id: 'district', terms: ['青秀去'], severity: 'high', note: '区名错误：应为“青秀区”', suggestion: '青秀区', specs: { hit: ['青秀去政府'], miss: ['青秀区政府'] } }],
};

function run(text: string, wordlists?: UserWordlists) {
  const page = createPage({ siteId: 't', url: 'https://www.example.gov.cn/', fetchedAt: '2026-11-28T00:00:00Z', contentType: 'text', source: text, origin: 'file' });
  const ctx = { ...testContext(), wordlists };
  return [typo, prohibited].flatMap((c) => {
    const r = c.run(page, ctx);
    return Array.isArray(r) ? r.map((s) => `${c.meta.id} ${text.slice(s.start, s.end)} ${s.severity ?? ''}`) : [];
  });
}

describe('wording lexicon', () => {
  const user: UserWordlists = { lists: [compileWordlist(userList, 'local-names.json')], allow: ['秸杆画'] };
  it('reports a user list through the rule it names, beside the built-in lists', () => {
    expect(run('青秀去政府禁止焚烧秸杆。', user)).toEqual(['wording.typo 青秀去 high', 'wording.typo 秸杆 medium']);
    expect(run('青秀去政府')).toEqual([]);
  });
  it('silences hits inside an allowed phrase', () => {
    expect(run('非遗项目秸杆画展览。', user)).toEqual([]);
    expect(run('非遗项目秸杆画展览。')).toEqual(['wording.typo 秸杆 medium']);
  });
  it('finds every occurrence on a long page', () => {
    const text = '认真布署。'.repeat(1000);
    expect(run(text).length).toBe(1000);
  });
});
