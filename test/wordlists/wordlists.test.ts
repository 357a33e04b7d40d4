/**
 * Every wordlist validates against wordlists/wordlist.schema.json, and every entry's own examples
 * hit (with the stated severity) or miss. A list is data that tests itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileWordlist, matchWordlist, WordlistError, type WordlistFile } from '../../checks/text/wordlist';
import { checkById } from '../../checks/registry';

const DIR = join(__dirname, '..', '..', 'wordlists');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));

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

describe('a broken wordlist', () => {
  const good = JSON.parse(readFileSync(join(DIR, files[0]!), 'utf8')) as WordlistFile;
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
