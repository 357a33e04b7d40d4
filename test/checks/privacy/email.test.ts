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
    { name: 'company address is low', text: '投稿 a.b-c@sub.example.com', spans: [{ match: 'a.b-c@sub.example.com', severity: 'low' }] },
  ],
});
