import { bankCard } from '../../../checks/privacy/bank-card';
import { luhnValid } from '../../../checks/privacy/numbers';
import { runCheckCases } from '../../helpers/check-tester';

// Constructed vectors, shared/reference/privacy-secrecy.md §8 [C].
describe('Luhn', () => {
  it.each(['6212345678901232', '6228480000000000000', '6234567890123456780', '8123456789012340', '4367420000000009', '9558800000000000000'])('valid: %s', (n) => {
    expect(luhnValid(n)).toBe(true);
  });
  it.each(['6212345678901233', '6228480000000000001', '12345'])('invalid: %s', (n) => {
    expect(luhnValid(n)).toBe(false);
  });
});

runCheckCases(bankCard, {
  valid: [
    { name: 'fails Luhn', text: '卡号 6212345678901233' },
    { name: 'non-UnionPay BIN without a card keyword', text: '编号 4367420000000009' },
    { name: 'an ID number that passes Luhn is left to privacy.id-card', text: '身份证号 110105199003071108' },
    { name: 'masked card', text: '卡号 6222 **** **** 1234' },
  ],
  invalid: [
    {
      name: 'a card beside a full name in a subsidy list is critical',
      html: '<table><tr><th>姓名</th><th>卡号</th></tr><tr><td>刘洋</td><td>6212345678901232</td></tr></table>',
      spans: [{ match: '6212345678901232', severity: 'critical' }],
    },
    { name: 'UnionPay on its own', text: '补贴发放至 6212345678901232', spans: [{ match: '6212345678901232', severity: 'high' }] },
    { name: 'grouped digits', text: '收款卡号：6228 4800 0000 0000 000', spans: [{ match: '6228 4800 0000 0000 000' }] },
    { name: 'other BIN with a card keyword', text: '银行卡号 4367420000000009', spans: [{ match: '4367420000000009' }] },
    { name: 'ID-shaped but labelled as an account', text: '账号：110105199003071108', spans: [{ match: '110105199003071108' }] },
  ],
});
