/**
 * wordlists/generated/ is derived data: regenerating it must give the committed bytes, so a change
 * to leaders.json (or to the OpenCC or pinyin packages) cannot ship with stale variants.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generated, gb2312Characters, serialise } from '../../wordlists/generate';

describe('wordlists/generated', () => {
  const fresh = generated();
  it.each(Object.keys(fresh))('%s is up to date (run `npm run wordlists`)', (file) => {
    const committed = readFileSync(join(__dirname, '..', '..', 'wordlists', 'generated', file), 'utf8');
    expect(committed).toBe(serialise(fresh[file]));
  });
  it('draws variants from the 6,763 characters of GB 2312', () => {
    expect(gb2312Characters()).toHaveLength(6763);
  });
  it('has the reported misspelling and same-sound variants, never another leader\'s name', () => {
    const v = (fresh['leader-variants.json'] as { variants: Record<string, string[]> }).variants;
    expect(v['杜家毫']).toContain('杜家豪');
    expect(v['习近平']).toContain('习进平');
    expect(v['王沪宁']).toContain('王宁沪');
    expect(Object.values(v).flat()).not.toContain('李强');
  });
  it('maps traditional characters one to one', () => {
    const pairs = (fresh['t2s-chars.json'] as { pairs: string }).pairs;
    const map = new Map<string, string>();
    for (let i = 0; i < pairs.length; i += 2) map.set(pairs[i]!, pairs[i + 1]!);
    expect(map.get('門')).toBe('门');
    expect(map.get('國')).toBe('国');
    expect(map.has('国')).toBe(false);
  });
});
