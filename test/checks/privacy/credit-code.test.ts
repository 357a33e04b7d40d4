import { creditCode, orgCodeValid, usccCheckValid } from '../../../checks/privacy/credit-code';
import { runCheckCases } from '../../helpers/check-tester';

// Constructed vectors, shared/reference/privacy-secrecy.md §8 [C].
describe('GB 32100 and GB 11714', () => {
  it.each(['91110000600037341L', '91110105MA01ABCD5F', '124403004560012392', '51330106500000015D', '92440305MA5G00019U', 'N2330106MA2B00000B'])('both checks pass: %s', (c) => {
    expect(usccCheckValid(c) && orgCodeValid(c)).toBe(true);
  });
  it.each(['91110105MA00ABCD1G', '12100000400012345P', 'N2330106MA2B00002H'])('MOD 31 passes, organisation code fails: %s', (c) => {
    expect(usccCheckValid(c)).toBe(true);
    expect(orgCodeValid(c)).toBe(false);
  });
  it.each(['91110000600037342L', '91110000600037341I', '91440300MA5FTEST0X'])('invalid: %s', (c) => {
    expect(usccCheckValid(c) && orgCodeValid(c)).toBe(false);
  });
});

runCheckCases(creditCode, {
  valid: [
    { name: 'a company code is public', text: '统一社会信用代码：91110000600037341L' },
    { name: 'a public institution', text: '124403004560012392' },
    { name: 'checksum fails', text: '92440305MA5G00018U' },
  ],
  invalid: [{ name: 'a sole trader', text: '经营者统一社会信用代码：92440305MA5G00019U', spans: [{ match: '92440305MA5G00019U', severity: 'low' }] }],
});
