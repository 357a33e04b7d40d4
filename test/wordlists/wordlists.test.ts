/**
 * Every wordlist validates against wordlists/wordlist.schema.json, and every entry's own examples
 * hit (with the stated severity) or miss. A list is data that tests itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileWordlist, matchWordlist, WordlistError, type WordlistFile } from '../../checks/text/wordlist';
import { checkById } from '../../checks/registry';

const DIR = join(__dirname, '..', '..', 'wordlists');
const files = readdirSync(DIR).filter(
  (f) => f.endsWith('.json') && (JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { $schema?: string }).$schema === './wordlist.schema.json',
);

describe.each(files)('wordlists/%s', (file) => {
  const data = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as WordlistFile;
  const list = compileWordlist(data, file);

  it('names a registered rule and cites its sources and licence', () => {
    expect(checkById(data.meta.rule)).toBeDefined();
    expect(data.meta.sources.length).toBeGreaterThan(0);
    expect(data.meta.licence.length).toBeGreaterThan(10);
  });
  for (const entry of data.entries) {
    for (const hit of entry.specs.hit) {
      const text = typeof hit === 'string' ? hit : hit.text;
      it(`${entry.id} hits ${JSON.stringify(text)}`, () => {
        const found = matchWordlist(text, list).filter((s) => s.entry === entry.id);
        expect(found.length).toBeGreaterThan(0);
        expect(found[0]!.severity).toBe(typeof hit === 'string' ? entry.severity : hit.severity);
      });
    }
    for (const miss of entry.specs.miss) {
      it(`${entry.id} misses ${JSON.stringify(miss)}`, () => {
        expect(matchWordlist(miss, list).filter((s) => s.entry === entry.id)).toEqual([]);
      });
    }
  }
});

it('finds every wordlist of the wording and secrecy rules', () => {
  expect(files.sort()).toEqual(['canonical-variants.json', 'link-spam.json', 'prohibited.json', 'secrecy-markings.json', 'typos.json', 'variant-forms.json', 'xinhua-banned.json', 'xinhua-cautious.json']);
});

describe('a broken wordlist', () => {
  const good = JSON.parse(readFileSync(join(DIR, 'secrecy-markings.json'), 'utf8')) as WordlistFile;
  it('is rejected with the file and every bad entry named', () => {
    const bad = structuredClone(good);
    bad.entries[0]!.pattern = '(unclosed';
    bad.entries[1]!.id = bad.entries[2]!.id;
    bad.entries.push({ ...bad.entries[3]!, id: 'empty', pattern: 'a?' });
    try {
      compileWordlist(bad, 'broken.json');
      throw new Error('expected a WordlistError');
    } catch (e) {
      expect(e).toBeInstanceOf(WordlistError);
      const msg = (e as Error).message;
      expect(msg).toMatch(/^broken\.json: invalid wordlist/);
      expect(msg).toMatch(new RegExp(`entry "${good.entries[0]!.id}": invalid regex`));
      expect(msg).toMatch(new RegExp(`entry "${good.entries[2]!.id}": duplicate id`));
      expect(msg).toMatch(/entry "empty": pattern matches the empty string/);
    }
  });
  it('rejects unknown keys by schema', () => {
    const bad = structuredClone(good) as unknown as { entries: Record<string, unknown>[] };
    bad.entries[0]!['severty'] = 'high';
    expect(() => compileWordlist(bad, 'typo.json')).toThrow(/typo\.json: invalid wordlist\n {2}\/entries\/0: must NOT have additional properties/);
  });
});

describe('a list whose patterns would backtrack without end', () => {
  const good = JSON.parse(readFileSync(join(DIR, 'secrecy-markings.json'), 'utf8')) as WordlistFile;
  it('is refused, naming each entry and field and how to mend it', () => {
    const bad = structuredClone(good);
    bad.entries[0]!.pattern = '(\\S+\\s?)+旧称';
    bad.entries[1]!.anchor = { pattern: '(a|a)+b', before: 10 };
    bad.entries[2]!.downgrade = [{ context: '.*政府.*网站', severity: 'low', why: 'cubic' }];
    bad.entries[3]!.allow = [{ context: '[\\u4e00-\\u9fa5]+局', why: 'quadratic' }];
    const problems = (() => {
      try {
        compileWordlist(bad, 'office.json');
      } catch (e) {
        return (e as WordlistError).problems;
      }
      return [];
    })();
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^entry "${good.entries[0]!.id}": matching can take time exponential in the length of the text .*stall a scan that meets such a page; bound each repetition`)),
      expect.stringMatching(new RegExp(`^entry "${good.entries[1]!.id}" anchor: matching can take time exponential`)),
      expect.stringMatching(new RegExp(`^entry "${good.entries[2]!.id}" downgrade 1: matching can take time the cube of the length of the text`)),
      // A page's run of Han characters can be a defaced page's megabyte: 33 s at 100,000 for such a pattern.
      expect.stringMatching(new RegExp(`^entry "${good.entries[3]!.id}" allow 1: matching can take time the square of the length of the text`)),
    ]);
  });
  it('is taken when its time grows with the text, as bounded patterns do', () => {
    const ok = structuredClone(good);
    ok.entries[0]!.allow = [{ context: '[\\u4e00-\\u9fa5]{2,10}局', why: 'bounded' }, { context: '第[一二三四五六七八九十]+条', why: 'linear' }, { context: '(?:关于|印发).{0,30}(?:通知|公告)', why: 'bounded' }];
    expect(() => compileWordlist(ok, 'office.json')).not.toThrow();
  });
});

describe('a broken terms list', () => {
  const good = JSON.parse(readFileSync(join(DIR, 'typos.json'), 'utf8')) as WordlistFile;
  it('names an entry that has a pattern instead of terms, and a bad allow context', () => {
    const bad = structuredClone(good);
    delete bad.entries[0]!.terms;
    bad.entries[0]!.pattern = '攻府';
    bad.entries[1]!.allow = [{ context: '[', why: 'broken' }];
    expect(() => compileWordlist(bad, 'my-typos.json')).toThrow(
      new RegExp(`my-typos\\.json: invalid wordlist\n {2}entry "${good.entries[0]!.id}": a terms list needs \`terms\`\n {2}entry "${good.entries[1]!.id}" allow 1: invalid regex`),
    );
  });
  it('rejects an entry with both a pattern and terms by schema', () => {
    const bad = structuredClone(good);
    bad.entries[2]!.pattern = 'x';
    expect(() => compileWordlist(bad, 'both.json')).toThrow(/both\.json: invalid wordlist\n {2}\/entries\/2: must NOT be valid/);
  });
});
