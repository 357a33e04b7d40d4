import { email } from '../../../checks/privacy/email';
import { runCheckCases } from '../../helpers/check-tester';

runCheckCases(email, {
  valid: [
    { name: 'a government mailbox is published on purpose', text: '信息公开邮箱：xxgk@example.gov.cn' },
    { name: 'a school mailbox', text: 'jwc@pku.edu.cn' },
    { name: 'a retina image file name', text: '<img> logo@2x.png' },
    { name: 'not an address', text: 'x@y' },
  ],
  invalid: [
    { name: 'consumer provider is medium', text: '联系人邮箱：zhangsan@163.com', spans: [{ match: 'zhangsan@163.com', severity: 'medium' }] },
    {
      name: 'a function\'s mailbox at a consumer provider is low; a person\'s or a QQ number\'s stays medium',
      text: '报名邮箱：sfctjt_hr@163.com，投稿邮箱xxgk_sfx@qq.com，考务咨询 rskzhaopin@126.com；联系人 huangxq1985@163.com，或 123456789@qq.com，jobless.li@163.com',
      spans: [
        { match: 'sfctjt_hr@163.com', severity: 'low' },
        { match: 'xxgk_sfx@qq.com', severity: 'low' },
        { match: 'rskzhaopin@126.com', severity: 'low' },
        { match: 'huangxq1985@163.com', severity: 'medium' },
        { match: '123456789@qq.com', severity: 'medium' },
        { match: 'jobless.li@163.com', severity: 'medium' },
      ],
    },
    { name: 'company address is low', text: '投稿 a.b-c@sub.example.com', spans: [{ match: 'a.b-c@sub.example.com', severity: 'low' }] },
  ],
});
