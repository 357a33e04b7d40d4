import { landline } from '../../../checks/privacy/landline';
import { runCheckCases } from '../../helpers/check-tester';

runCheckCases(landline, {
  valid: [
    { name: 'a supervision hotline', text: '监督电话：0771-1234567' },
    { name: 'an office number', text: '办公室电话 (010)62345678' },
    { name: 'not a landline', text: '家庭电话：1234-5678901' },
    { name: 'a staff directory\u2019s office numbers', html: '<table><tr><th>姓名</th><th>职务</th><th>办公电话</th></tr><tr><td>李明</td><td>局长</td><td>0771-5881234</td></tr></table>' },
    { name: 'a list of officials (防汛责任人) with their posts', html: '<table><tr><th>姓名</th><th>职务</th><th>联系电话</th></tr><tr><td>李明</td><td>副镇长</td><td>0774-6281234</td></tr></table>' },
    { name: 'a masked name\u2019s row', html: '<table><tr><th>姓名</th><th>联系电话</th></tr><tr><td>李*</td><td>0771-5881234</td></tr></table>' },
  ],
  invalid: [
    { name: 'labelled home number', text: '家庭电话：0591-87654321', spans: [{ match: '0591-87654321', severity: 'medium' }] },
    { name: 'extension', text: '住宅电话 0755 81234567转123', spans: [{ match: '0755 81234567转123' }] },
    {
      name: 'a telephone on a person\u2019s row of a 低保 list',
      html: '<table><tr><th>户主姓名</th><th>保障金额</th><th>联系电话</th></tr><tr><td>蒙德华</td><td>1440</td><td>0771-5881234</td></tr></table>',
      spans: [{ match: '0771-5881234', severity: 'medium' }],
    },
  ],
});
