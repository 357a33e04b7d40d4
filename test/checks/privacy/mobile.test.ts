import { mobile } from '../../../checks/privacy/mobile';
import { isAllocatedMobile } from '../../../checks/privacy/numbers';
import { runCheckCases } from '../../helpers/check-tester';

// Constructed vectors, shared/reference/privacy-secrecy.md §8 [C].
describe('MIIT segments', () => {
  it.each(['13800000000', '14500000000', '16200000000', '16612345678', '17400000000', '19200000000', '19612345678', '16190000000'])('allocated: %s', (n) => {
    expect(isAllocatedMobile(n)).toBe(true);
  });
  it.each(['14400000000', '15400000000', '16800000000', '17900000000', '19400000000', '12012345678', '16100000000', '17450000000'])('not allocated: %s', (n) => {
    expect(isAllocatedMobile(n)).toBe(false);
  });
});

runCheckCases(mobile, {
  valid: [
    { name: 'an amount that reads like a mobile', text: '2025年全区生产总值为13907941234元，同比增长5.2%' },
    { name: 'a count that reads like a mobile', text: '全年接待游客15012345678人次' },
    { name: 'a distance and a weight that read like mobiles', text: '累计行驶13907941234公里，运送13907941235 公斤' },
    { name: 'unallocated segment', text: '联系电话 15400000000' },
    { name: 'adequately masked', text: '联系人：王先生 138****1234' },
    { name: 'inside a longer number', text: '订单 1380000000012' },
    { name: 'a landline', text: '监督电话：0771-1234567' },
    { name: 'part of an ID number', text: '110105199003071239' },
  ],
  invalid: [
    { name: 'typed in full-width digits', text: '联系人：王某 手机：１３９０７９４１２３４', spans: [{ match: '１３９０７９４１２３４' }] },
    {
      name: 'a mobile beside a full name in a list is high; beside a masked name it stays medium',
      html: '<table><tr><th>姓名</th><th>联系电话</th></tr><tr><td>张伟</td><td>13800000000</td></tr><tr><td>王*</td><td>13900000000</td></tr></table>',
      spans: [{ match: '13800000000', severity: 'high' }, { match: '13900000000', severity: 'medium' }],
    },
    {
      name: 'an office contact table (联系人 column) is not a list of citizens',
      html: '<table><tr><th>单位</th><th>联系人</th><th>电话</th></tr><tr><td>市民政局</td><td>张伟</td><td>13800000000</td></tr></table>',
      spans: [{ match: '13800000000', severity: 'medium' }],
    },
    { name: 'contact line in a notice', text: '联系人：张三，联系电话：13800000000。', spans: [{ match: '13800000000', severity: 'medium' }] },
    // The next line's first word is no unit: 公示 is not 公斤, 人员 not 人.
    { name: 'a number ending its line', html: '<p>联系人：王某某，手机：13907941234</p><p>公示期为7天</p><p>电话：13907941235</p><p>人员名单附后</p>', spans: [{ match: '13907941234' }, { match: '13907941235' }] },
    { name: 'international prefix and grouping', text: '手机 +86 138 0000 0000 或 0086-19212345678', spans: [{ match: '+86 138 0000 0000' }, { match: '0086-19212345678' }] },
    {
      name: 'a list of ten is high',
      text: Array.from({ length: 10 }, (_, i) => `${i + 1} 138000000${String(i).padStart(2, '0')}`).join('\n'),
      spans: Array.from({ length: 10 }, (_, i) => ({ match: `138000000${String(i).padStart(2, '0')}`, severity: 'high' as const })),
    },
  ],
});
