import { imAccount } from '../../../checks/privacy/im-account';
import { runCheckCases } from '../../helpers/check-tester';

// Constructed numbers only.
runCheckCases(imAccount, {
  valid: [
    { name: 'a QQ group for the public', text: '政策咨询QQ群：123456789，欢迎加入。' },
    { name: 'an office\u2019s consultation QQ with no person', text: '网上咨询 QQ：800012345（工作日 9:00-17:00）' },
    { name: 'an official account', text: '欢迎关注微信公众号：gxzwfw2026' },
    { name: 'a QQ mailbox is the e-mail rule\u2019s', text: '联系人：李老师，QQ邮箱 123456789@qq.com' },
    { name: 'a number that is not an account', text: '联系人：王工，QQ版本 9.7.1 已更新' },
    { name: 'a QQ column in a table of offices, not of people', html: '<table><tr><th>单位</th><th>QQ</th></tr><tr><td>县政务服务中心</td><td>800012345</td></tr></table>' },
  ],
  invalid: [
    { name: 'a contact person\u2019s QQ', text: '联系人：李老师 QQ：123456789', spans: [{ match: '123456789', severity: 'medium' }] },
    { name: 'a contact person\u2019s WeChat ID', text: '报名联系人张先生，微信号：zhang_xy1985', spans: [{ match: 'zhang_xy1985', severity: 'medium' }] },
    {
      name: 'a list of people with their QQ numbers',
      html: '<table><tr><th>姓名</th><th>单位</th><th>QQ</th></tr><tr><td>王小明</td><td>某某中学</td><td>QQ:2345678901</td></tr></table>',
      spans: [{ match: '2345678901', severity: 'medium' }],
    },
    {
      name: 'bare numbers in a list\u2019s QQ and WeChat columns',
      html: '<table><tr><th>姓名</th><th>学校</th><th>QQ号</th><th>微信号</th></tr><tr><td>王小明</td><td>某某中学</td><td>2345678901</td><td>wxm_2009a</td></tr><tr><td>李华</td><td>某某小学</td><td>87654321</td><td></td></tr></table>',
      spans: [{ match: '2345678901', severity: 'medium' }, { match: 'wxm_2009a', severity: 'medium' }, { match: '87654321', severity: 'medium' }],
    },
  ],
});
