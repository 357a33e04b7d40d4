/**
 * secrecy.credentials — a login and its password, or an internal network address, published on a
 * page (reference privacy-secrecy.md S8 and detection row 24): 系统地址 http://10.12.3.4:8080 用户名
 * admin 密码 Xj@2024 in a notice about a new platform hands the system to anyone who reads it.
 *
 * Left alone, as the reference's pitfalls say: a password that is a mask or an example (******,
 * xxxxxx, 123456 in a training notice — unless it opens an administrator account), a password
 * described rather than given (身份证后六位), a product's default (路由器 192.168.1.1, 默认密码 admin
 * in a security-awareness article), section and version numbers shaped like addresses (第10.1.2.3条).
 */
import { matchText } from '../text/match-text';
import type { PageCheck, Span, Page } from '../types';

/**
 * An account label and, when given, its value (ASCII: what a login form takes). A described account
 * (用户名为单位统一社会信用代码) is still one: anyone can work it out.
 */
const ACCOUNT = /(?:管理员|登录|用户|系统|测试)?(?:账号|帐号|账户|帐户|用户名|登录名)(?:\s*(?:[:：=]|为|是)?\s*([A-Za-z0-9][!-~]{1,39})(?![!-~]))?|\b(?:user(?:\s*name)?|username|login)\s*[:=]\s*([A-Za-z0-9][!-~]{1,39})(?![!-~])/gi;
/** A wireless network's key: access to the building's network, though not to a system. */
const WIRELESS = /无线|wi-?fi|wlan/i;
/** A password's label (group 1) and its value (group 2): also how masking finds every password it must hide. */
export const PASSWORD = /((?:密码|口令|password|passwd|pwd)\s*(?:[:：=]|为|是)\s*)([!-~]{3,})/gi;
/** How far apart a login and its password may stand and still be one pair. */
const PAIR_REACH = 80;
/** Values that stand for a password rather than being one. */
const PLACEHOLDER = /^(?:([*xX●•#.?])\1+|(\d)\2{5,}|(?:abc|a)?12345(?:6|67|678|6789)|654321|password\d*|passw0rd|admin\d*|test\d*|demo\d*)$/i;
const ADMIN = /^(?:admin(?:istrator)?|root|sa|system|sysadmin|superadmin)$/i;
/** A product's defaults, quoted to warn people. */
const DEFAULTS = /默认|出厂|路由器|光猫|摄像头|弱口令|举例|例如|示例|如：|比如/;

const PRIVATE_IP = /(?<![\d.])(?:10(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}|172\.(?:1[6-9]|2\d|3[01])(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){2}|192\.168(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){2})(?![\d.])/g;
const PORT = /^:\d{2,5}(?!\d)/;
/** Words that say the number is an address (the text right before it). */
const ADDRESS_LABEL = /(?:IP|ip|地址|服务器|内网|网关|主机|数据库|访问|登录|网址|链接|https?:\/\/)[^，。；\n]{0,12}$/;
/** A section, clause or version number shaped like an address. */
const NOT_ADDRESS_BEFORE = /(?:第|[vV]|版本|version\s?)$/;
const NOT_ADDRESS_AFTER = /^(?:条|款|项|节|章|版|号文|部分)/;

function near(text: string, at: number, reach: number): string {
  return text.slice(Math.max(0, at - reach), at + reach);
}

export function findCredentials(text: string): Span[] {
  const spans: Span[] = [];
  const accounts = [...text.matchAll(ACCOUNT)].map((m) => ({ at: m.index, value: m[1] ?? m[2] }));
  for (const m of text.matchAll(PASSWORD)) {
    const value = m[2]!;
    const start = m.index + m[0].length - value.length;
    const account = accounts.find((a) => Math.abs(a.at - m.index) <= PAIR_REACH && a.at !== m.index);
    if (!account) continue;
    if (DEFAULTS.test(near(text, m.index, PAIR_REACH))) continue;
    const admin = account.value !== undefined && ADMIN.test(account.value);
    if (PLACEHOLDER.test(value) && !admin) continue;
    if (/^([*xX●•#.?])\1+$/.test(value)) continue;
    const wireless = WIRELESS.test(near(text, m.index, 40));
    // The span is label and value: masking (evidence/masking.ts) then prints the label and stars.
    spans.push({
      start: m.index, end: start + value.length, confidence: admin ? 0.95 : 0.85,
      ...(wireless || account.value === undefined ? { severity: 'medium' as const } : {}),
      message: admin ? '管理员账号及其密码公开 (an administrator login and its password published)'
        : wireless ? '无线网络账号及密码公开 (a wireless network\u2019s key published)'
        : account.value === undefined ? '登录密码公开，账号为可推知的信息 (a password published for accounts anyone can work out)'
        : '登录账号及其密码公开 (a login and its password published)',
      suggestion: '立即撤下相关内容并修改该账号密码，排查是否已被登录',
      discriminator: `password|${account.value ?? 'described'}`,
    });
  }
  for (const m of text.matchAll(PRIVATE_IP)) {
    const before = text.slice(Math.max(0, m.index - 16), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 8);
    if (NOT_ADDRESS_BEFORE.test(before) || NOT_ADDRESS_AFTER.test(after)) continue;
    const port = PORT.exec(after);
    const context = near(text, m.index, PAIR_REACH);
    if (DEFAULTS.test(context)) continue;
    const withLogin = spans.some((s) => Math.abs(s.start! - m.index) <= PAIR_REACH * 2);
    if (!port && !withLogin && !ADDRESS_LABEL.test(before)) continue;
    const end = m.index + m[0].length + (port ? port[0].length : 0);
    spans.push({
      start: m.index, end, severity: port || withLogin ? 'high' : 'medium', confidence: port || withLogin ? 0.9 : 0.7,
      message: port || withLogin ? '内网系统地址（含端口或登录信息）公开 (an internal system\u2019s address published)' : '内网IP地址公开 (an internal network address published)',
      suggestion: '删除内网地址；如系统须对外提供服务，应经安全评估后通过政务外网或统一入口发布',
    });
  }
  return spans.sort((a, b) => a.start! - b.start!);
}

export const credentials: PageCheck = {
  kind: 'page',
  meta: {
    id: 'secrecy.credentials',
    family: 'secrecy',
    title: '账号密码或内网地址公开 (credentials or an internal address published)',
    severity: 'high',
    duty: 'security',
    basis: '网络安全法 第21条、第25条; GB/T 22239-2019 (等保2.0) 身份鉴别; 国办秘函〔2019〕19号 安全防护',
    description:
      'A login (账号/用户名) and its password (密码/口令) given together within 80 characters — high, more confident for an ' +
      'administrator account; medium for a wireless network\u2019s key or a password for accounts described rather than named ' +
      '(用户名为单位统一社会信用代码); an internal IPv4 address (10/8, 172.16/12, 192.168/16) with a port or beside a login — high — or ' +
      'labelled as a server or internal address — medium. Passwords that are masks or examples (******, 123456) unless for an ' +
      'administrator account, products\u2019 defaults quoted in security advice (路由器, 默认密码), and section or version numbers are ' +
      'left alone. The password is never shown: findings print stars in its place.',
    fix: '撤下账号密码并立即修改口令；删除内网地址。 Remove the credentials and change the password at once; remove the internal address.',
    version: 1,
    sensitive: true,
  },
  run(page: Page): Span[] {
    return findCredentials(matchText(page));
  },
};
