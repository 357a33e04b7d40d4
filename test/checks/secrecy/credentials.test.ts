import { credentials } from '../../../checks/secrecy/credentials';
import { runCheckCases } from '../../helpers/check-tester';
import { createPage } from '../../../checks/page';
import { pageFindings } from '../../../pipelines/findings';
import { testContext, FIXED_NOW } from '../../helpers/context';

// Constructed values only: no real system, address or password.
runCheckCases(credentials, {
  valid: [
    { name: 'a password described, not given', text: '登录账号为考生身份证号，初始密码为身份证号后六位，首次登录后请修改密码。' },
    { name: 'an example password in a training notice', text: '培训系统 用户名：test01 密码：123456，登录后请修改。' },
    { name: 'a masked password', text: '用户名：zhangwei 密码：******' },
    { name: 'a router\u2019s defaults quoted in security advice', text: '很多家用路由器出厂默认用户名admin、密码admin，管理地址192.168.1.1，请及时修改。' },
    { name: 'a test account\u2019s example password', text: '测试账号：test 密码：test123' },
    { name: 'a password to be asked for', text: '账号：zhangsan，密码：请联系管理员获取' },
    { name: 'a password with no login beside it', text: '请设置8位以上密码：由字母、数字组成。Wi-Fi 密码：gov2026wifi 仅供会场使用。' },
    { name: 'a clause number shaped like an address', text: '按照GB/T 22239-2019第10.1.2.3条的要求开展测评。' },
    { name: 'a version number', text: '客户端版本10.2.0.1已发布。' },
    { name: 'a public address', text: '网站服务器IP：203.0.113.10，已完成IPv6改造。' },
    { name: 'a private-range number with nothing saying it is an address', text: '增长率分别为10.2、10.5和10.8，2023年为10.1.' },
    { name: 'the cryptography sense of 密码', text: '国家密码管理局负责商用密码管理工作，密码法自2020年1月1日起施行。' },
  ],
  invalid: [
    {
      name: 'a login and its password in a platform notice',
      text: '新系统已上线，访问地址：http://10.12.3.4:8080/oa，用户名：wangfang 密码：Xj@2024!hz，请各单位使用。',
      spans: [
        { match: '10.12.3.4:8080', severity: 'high' },
        { match: '密码：Xj@2024!hz', severity: 'high' },
      ],
    },
    { name: 'an administrator account, even with a simple password', text: '管理员账号：admin，口令：123456', spans: [{ match: '口令：123456', severity: 'high' }] },
    { name: 'an internal address labelled as a server, no port', text: '数据库服务器地址：172.20.1.15，每日备份。', spans: [{ match: '172.20.1.15', severity: 'medium' }] },
    { name: 'a password for accounts anyone can work out is medium', text: '用户名：单位统一社会信用代码，密码：Gx@12345（首次登录须修改）', spans: [{ match: '密码：Gx@12345', severity: 'medium' }] },
    { name: 'a meeting room\u2019s wireless key is medium', text: '会议室无线网络 账号：hy2026 密码：hy2026888', spans: [{ match: '密码：hy2026888', severity: 'medium' }] },
    {
      name: 'a database connection string with an administrator login',
      text: '数据库连接 jdbc:mysql://10.10.1.5:3306/db user=root password=Root@123',
      spans: [{ match: '10.10.1.5:3306', severity: 'high' }, { match: 'password=Root@123', severity: 'high' }],
    },
    { name: 'an internal address with a port alone', text: '请在单位内网访问 192.168.10.25:8443 进行填报。', spans: [{ match: '192.168.10.25:8443', severity: 'high' }] },
  ],
});

describe('secrecy.credentials findings', () => {
  it('never print the password, in the match, the excerpt or the title', () => {
    const page = createPage({ siteId: 't', url: 'https://www.example.gov.cn/a.html', fetchedAt: FIXED_NOW.toISOString(), contentType: 'text', source: '用户名：wangfang 密码：Xj@2024!hz，请妥善保管。', origin: 'file' });
    const spans = credentials.run(page, testContext(FIXED_NOW));
    const findings = pageFindings(credentials, Array.isArray(spans) ? spans : [], page);
    expect(findings).toHaveLength(1);
    const text = JSON.stringify(findings);
    expect(text).not.toContain('Xj@2024');
    expect(text).not.toContain('hz，');
    expect(findings[0]!.match).toBe('密码：******');
  });
});
