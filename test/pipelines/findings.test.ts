import { fingerprint, pageFindings, siteFindings } from '../../pipelines/findings';
import { maskIdentifiers, maskValue } from '../../pipelines/evidence/masking';
import { canonicalUrl } from '../../pipelines/canonical-url';
import { createPage } from '../../checks/page';
import { idCard } from '../../checks/privacy/id-card';
import { brokenLinks } from '../../checks/links/broken';
import { testContext, testSite } from '../helpers/context';
import { CHECKS } from '../../checks/registry';
import type { PageCheck } from '../../checks/types';
import { runPageChecks } from '../../pipelines/page-checks';

const page = (html: string, url = 'https://www.example.gov.cn/a.html?utm_source=x') =>
  createPage({ siteId: 's', url, fetchedAt: '2026-11-28T00:00:00Z', contentType: 'html', source: html, origin: 'crawl', status: 200, headers: { 'content-type': 'text/html', 'set-cookie': 'sid=secret' } });

describe('fingerprints', () => {
  it('ignore volatile parameters, fragments, default ports and host case', () => {
    const a = fingerprint('r', 1, 's', 'https://WWW.example.gov.cn:443/a.html?b=2&a=1&utm_source=x#top', 'd');
    const b = fingerprint('r', 1, 's', 'https://www.example.gov.cn/a.html?a=1&b=2', 'd');
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
  it('are delimited, so shifting text between fields changes them', () => {
    expect(fingerprint('ab', 1, 's', 'https://x/', 'c')).not.toBe(fingerprint('a', 1, 's', 'https://x/', 'bc'));
  });
  it('change with the rule version', () => {
    expect(fingerprint('r', 1, 's', 'https://x/', 'd')).not.toBe(fingerprint('r', 2, 's', 'https://x/', 'd'));
  });
  it('canonicalUrl sorts parameters and drops sessions', () => {
    expect(canonicalUrl('http://A.gov.cn:80/x;jsessionid=ABC?z=1&spm=3&a=2')).toBe('http://a.gov.cn/x?a=2&z=1');
  });
});

describe('pageFindings', () => {
  it('locates, masks and keeps evidence without cookies', () => {
    const p = page('<p>公示</p><table><tr style="display:none"><td>身份证 110105199003071239，电话 13800000000</td></tr></table>');
    const spans = idCard.run(p, testContext());
    const [f] = pageFindings(idCard, Array.isArray(spans) ? spans : [], p);
    expect(f).toMatchObject({
      check: 'privacy', rule: 'privacy.id-card', severity: 'critical', duty: 'privacy', match: '11**************39',
      location: { selector: 'table > tr > td', hidden: true },
      evidence: { status: 200, headers: { 'content-type': 'text/html' }, sha256: p.sha256 },
    });
    expect(JSON.stringify(f)).not.toMatch(/110105199003071239|13800000000|secret/);
    expect(f!.excerpt).toContain('13*******00');
    expect(p.text.text.slice(f!.location.start, f!.location.end)).toBe('110105199003071239');
  });
  it('gives two identical values on one page different, stable ids', () => {
    const p = page('<p>110105199003071239</p><p>110105199003071239</p>');
    const spans = idCard.run(p, testContext());
    const fs = pageFindings(idCard, Array.isArray(spans) ? spans : [], p);
    expect(new Set(fs.map((f) => f.id)).size).toBe(2);
    expect(pageFindings(idCard, Array.isArray(spans) ? spans : [], p).map((f) => f.id)).toEqual(fs.map((f) => f.id));
  });
  it('site findings carry the source page and the target', () => {
    const site = testSite({ urls: ['https://a.gov.cn/'], links: [{ from: 'https://a.gov.cn/', to: 'https://a.gov.cn/x', status: 404 }] });
    const r = brokenLinks.run(site, testContext());
    const [f] = siteFindings(brokenLinks, Array.isArray(r) ? r : [], site, 't');
    // One finding per target: the target is the url, the carrying page is named in the message.
    expect(f).toMatchObject({ url: 'https://a.gov.cn/x', match: 'https://a.gov.cn/x', severity: 'medium' });
    expect(f!.excerpt).toContain('https://a.gov.cn/');
  });
});

describe('masking', () => {
  it('keeps at most two characters at each end', () => {
    expect(maskValue('110105199003071239')).toBe('11**************39');
    expect(maskValue('zhangsan@163.com')).toBe('z***@163.com');
    expect(maskValue('1234')).toBe('****');
  });
  it('masks identifiers in free text but not years, counts or short codes', () => {
    expect(maskIdentifiers('2026年 共3人 卡号6222 0000 0000 1234 邮箱a.b@x.gov.cn 编号123456')).toBe('2026年 共3人 卡号62***************34 邮箱a***@x.gov.cn 编号123456');
  });
  it('leaves public registration numbers whole after their label, and nothing of a person\'s', () => {
    const t = '网站标识码「4501000002」不是本站配置的「4501000001」；桂ICP备05001234号 桂公网安备45010002000001号';
    expect(maskIdentifiers(t)).toBe(t);
    // An ID number or a mobile is masked whatever label precedes it.
    expect(maskIdentifiers('网站标识码 110105199003071239 联系 13800000000')).toBe('网站标识码 11**************39 联系 13*******00');
    expect(maskIdentifiers('ICP备13800000000号')).toBe('ICP备13*******00号');
    // Outside the label's clause a ten-digit number is masked as before.
    expect(maskIdentifiers('网站标识码见页脚。电话 0771123456')).toBe('网站标识码见页脚。电话 07******56');
  });
  it('hides a labelled password whole, in any excerpt or log line, and leaves 密码 in other senses alone', () => {
    expect(maskIdentifiers('联系人13800000000，用户名：wangfang 密码：Xj@2024!hz，请妥善保管')).toBe('联系人13*******00，用户名：wangfang 密码：******，请妥善保管');
    expect(maskValue('口令=abc12345')).toBe('口令=******');
    expect(maskIdentifiers('password: hunter22 pwd=Q1w2e3r4')).toBe('password: ****** pwd=******');
    // A public number after a password keeps its label's exemption (offsets are the masked text's).
    expect(maskIdentifiers('密码：Xj@2024!hz，网站标识码 4501000001')).toBe('密码：******，网站标识码 4501000001');
    const t = '国家密码管理局负责商用密码管理，初始密码为身份证号后六位，密码是否正确由系统判断。';
    expect(maskIdentifiers(t)).toBe(t);
  });
});

describe('excerpts mask what every sensitive rule found, not only their own match', () => {
  // A 低保 row: a name, an ID number, a home address, a mobile; a contact line with QQ and WeChat.
  const ROW = '<table><tr><td>姓名</td><td>身份证号码</td><td>家庭住址</td><td>联系电话</td></tr><tr><td>覃桂英</td><td>110101195003124237</td><td>某镇某村委会下宋屯12号</td><td>13800001256</td></tr></table><p>联系人：韦主任，QQ：345678912，微信号：weizr_2026</p>';
  it('hides a neighbour\'s address, QQ number and WeChat ID in every excerpt and title', () => {
    const p = page(`<html><body>${ROW}</body></html>`);
    const privacy = CHECKS.filter((c): c is PageCheck => c.kind === 'page' && c.meta.family === 'privacy');
    const { findings } = runPageChecks(privacy, p, testContext(), { dates: true, own: { resources: true, prints: false } });
    expect(findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['privacy.id-card', 'privacy.address', 'privacy.mobile', 'privacy.im-account']));
    const shown = findings.map((f) => `${f.title}\n${f.match}\n${f.excerpt}`).join('\n');
    for (const raw of ['110101195003124237', '下宋屯12号', '13800001256', '345678912', 'weizr_2026']) expect(shown).not.toContain(raw);
    // What no rule found stays readable: the table's headings and the contact's title.
    expect(shown).toContain('家庭住址');
    expect(shown).toContain('韦主任');
  });
  it('masks labelled QQ numbers and WeChat IDs in free text, and not a QQ group', () => {
    expect(maskIdentifiers('咨询QQ：345678912，微信号：weizr_2026，QQ群：123456789')).toBe('咨询QQ：34*****12，微信号：we******26，QQ群：123456789');
  });
});
