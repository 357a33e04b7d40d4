import { idCard } from '../../../checks/privacy/id-card';
import { checkDigit, validateId18, validateId15 } from '../../../checks/privacy/id-number';
import { runCheckCases } from '../../helpers/check-tester';
import { FIXED_NOW } from '../../helpers/context';

// Constructed vectors from shared/reference/privacy-secrecy.md §8 [C]: valid checksums, no real people.
const VALID = ['110105199003071239', '440305200002294564', '51010719850615002X', '330106197011110099', '130102201205200013',
  '650102197801010315', '11010519900307128X', '11010519491231002X', '810000199001010019', '82000019850505002X',
  '830000200008080035', '931124199512310026', '944116198001010013'];
const INVALID: Record<string, string> = {
  '110105199003071238': 'checksum', '110105190002291239': 'birth-date', '110105202302291236': 'birth-date',
  '110105199004311230': 'birth-date', '110105209901011234': 'future-birth-date', '000105199003071233': 'shape',
  '990105199003071232': 'region', '811000199001010019': 'region',
};

describe('GB 11643 validation', () => {
  it.each(VALID)('accepts %s', (id) => {
    expect(validateId18(id, FIXED_NOW)).toMatchObject({ valid: true });
  });
  it.each(Object.entries(INVALID))('rejects %s (%s)', (id, reason) => {
    const v = validateId18(id, FIXED_NOW);
    expect(v.valid).toBe(false);
    if (reason !== 'shape') expect(v.reason).toBe(reason);
  });
  it('computes MOD 11-2 including X', () => {
    expect(checkDigit('11010519491231002')).toBe('X');
    expect(checkDigit('11010519900307123')).toBe('9');
  });
  it('accepts lowercase x', () => {
    expect(validateId18('51010719850615002x', FIXED_NOW).valid).toBe(true);
  });
  it('validates legacy 15-digit numbers by region and date', () => {
    expect(validateId15('110105850315123').valid).toBe(true);
    expect(validateId15('110105851315123').valid).toBe(false);
    expect(validateId15('110105850230123').valid).toBe(false);
  });
});

runCheckCases(idCard, {
  valid: [
    { name: 'checksum fails', text: '身份证号码：110105199003071238' },
    { name: 'Feb 29 of a non-leap year', text: '身份证号 110105190002291239' },
    { name: 'born after the scan date', text: '证件号 110105209901011234' },
    { name: 'order number that only looks like an ID', text: '订单号 990105199003071232 已受理' },
    { name: 'adequately masked', text: '身份证号：4501**********1234' },
    { name: 'inside a longer number', text: '流水号 1101051990030712391' },
    { name: '15 digits without an ID keyword', text: '文件编号 110105850315123' },
    { name: 'empty page', html: '' },
    { name: 'grouped digits with no ID keyword and no name column', text: '订单 3625 0219 8503 1242 17 已发货' },
    { name: 'a disability certificate number whose category is not 1–7', text: '残疾人证号：11010519900307123981' },
    { name: 'a number ending 000 with no ID keyword or name column', text: '合同编号 110105199003071000 已签订' },
    { name: 'a checksum failure not ending 000 stays out, keyword or not', text: '身份证号码：110105199003071238' },
  ],
  invalid: [
    { name: 'typed in full-width digits', text: '身份证号：３６２５０２１９８５０３１２４２１７', spans: [{ match: '３６２５０２１９８５０３１２４２１７', severity: 'high' }] },
    { name: 'grouped 6-4-4-4 with a keyword', text: '身份证号码：362502 1985 0312 4217', spans: [{ match: '362502 1985 0312 4217', severity: 'high' }] },
    { name: 'grouped 6-8-4 and 4-4-4-4-2 in a name table', html: '<table><tr><th>姓名</th><th>证件</th></tr><tr><td>张某</td><td>362502 19850312 4217</td></tr><tr><td>李某</td><td>3625 0219 9001 0100 2X</td></tr></table>', spans: [{ match: '362502 19850312 4217', severity: 'critical' }, { match: '3625 0219 9001 0100 2X', severity: 'critical' }] },
    { name: 'plain text with keyword', text: '申请人身份证号码：110105199003071239，联系电话略。', spans: [{ match: '110105199003071239', severity: 'high' }] },
    { name: 'Chinese characters directly around the number', text: '身份证110105199003071239号', spans: [{ match: '110105199003071239' }] },
    { name: 'X check character', text: '公民身份号码 51010719850615002X', spans: [{ match: '51010719850615002X' }] },
    { name: 'hidden table cell', html: '<table><tr style="display:none"><td>赵*</td><td>330106197011110099</td></tr></table>', spans: [{ match: '330106197011110099', hidden: true, severity: 'critical' }] },
    { name: 'residence permit for HK residents', text: '居住证号码 810000199001010019', spans: [{ match: '810000199001010019' }] },
    { name: 'legacy 15-digit with keyword', text: '身份证号：110105850315123', spans: [{ match: '110105850315123' }] },
    { name: 'a disability certificate number (reference R4 vector) is critical', text: '残疾人证号：11010519900307123942，残疾类别：肢体', spans: [{ match: '11010519900307123942', severity: 'critical' }] },
    {
      name: 'disability certificates in a 两项补贴 list stay critical with their own message',
      html: '<table><tr><th>姓名</th><th>残疾人证号</th><th>补贴金额</th></tr><tr><td>张某</td><td>11010519900307123942</td><td>80</td></tr></table>',
      spans: [{ match: '11010519900307123942', severity: 'critical' }],
    },
    { name: 'an ID number a spreadsheet cut to 15 digits (reference vector), beside its keyword', text: '身份证号码：110105199003071000', spans: [{ match: '110105199003071000', severity: 'high' }] },
    {
      name: 'a cut ID number under a name column',
      html: '<table><tr><th>姓名</th><th>证件号码</th></tr><tr><td>李某</td><td>110105199003071000</td></tr></table>',
      spans: [{ match: '110105199003071000', severity: 'critical' }],
    },
    {
      name: 'a table row under a name column ties the ID to a person: critical',
      html: '<table><tr><th>序号</th><th>姓名</th><th>身份证号码</th></tr><tr><td>1</td><td>张*</td><td>110105199003071239</td></tr></table>',
      spans: [{ match: '110105199003071239', severity: 'critical' }],
    },
    {
      name: 'a table without a name column stays high',
      html: '<table><tr><th>序号</th><th>证件号码</th></tr><tr><td>1</td><td>110105199003071239</td></tr></table>',
      spans: [{ match: '110105199003071239', severity: 'high' }],
    },
    {
      name: 'the same in a spreadsheet part (tab-separated rows)',
      text: '户主\t身份证号码\t人数\n王**\t51010719850615002X\t2\n',
      spans: [{ match: '51010719850615002X', severity: 'critical' }],
    },
    {
      name: 'ten or more numbers on one page is critical',
      text: VALID.slice(0, 10).map((id, i) => `${i + 1} 身份证 ${id}`).join('\n'),
      spans: VALID.slice(0, 10).map((id) => ({ match: id, severity: 'critical' as const })),
    },
  ],
});
