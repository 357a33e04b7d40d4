/**
 * The leaders table and the canonical phrases carry their own examples: every authored
 * misspelling is found where a leader is meant, every phrase's hit is found and its miss is not.
 */
import { createPage } from '../../checks/page';
import { leaderName } from '../../checks/wording/leader-name';
import { canonicalPhrase } from '../../checks/wording/canonical-phrase';
import { TABLE } from '../../checks/wording/leaders';
import type { PageCheck } from '../../checks/types';
import phrases from '../../wordlists/canonical-phrases.json';
import { testContext } from '../helpers/context';

function found(check: PageCheck, text: string): string[] {
  const page = createPage({ siteId: 't', url: 'https://www.example.gov.cn/', fetchedAt: '2026-11-28T00:00:00Z', contentType: 'text', source: text, origin: 'file' });
  const r = check.run(page, testContext());
  return Array.isArray(r) ? r.map((s) => text.slice(s.start, s.end)) : [];
}

describe('wordlists/leaders.json', () => {
  for (const leader of TABLE.leaders) {
    for (const m of leader.misspellings) {
      it(`${m} is reported as a misspelling of ${leader.name}`, () => {
        expect(found(leaderName, `${m}同志出席会议。`)).toEqual([m]);
      });
    }
    it(`${leader.name} written right is not reported`, () => {
      expect(found(leaderName, `${leader.name}同志出席会议。`)).toEqual([]);
    });
  }
  it('dates every post in order and every body by its term', () => {
    for (const l of TABLE.leaders) for (const p of l.posts) if (p.to) expect(p.from < p.to).toBe(true);
    const titles = new Set(TABLE.titles.map((t) => t.id));
    for (const l of TABLE.leaders) for (const p of l.posts) expect(titles).toContain(p.title);
  });
});

describe('wordlists/canonical-phrases.json', () => {
  for (const p of phrases.phrases) {
    it(`${p.phrase}: the example near miss is found and the correct text is not`, () => {
      expect(found(canonicalPhrase, p.hit)).toHaveLength(1);
      expect(found(canonicalPhrase, p.miss)).toEqual([]);
    });
  }
});
