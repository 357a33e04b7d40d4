import { isParked } from '../../../pipelines/links/outbound';

describe('parked or for-sale domains', () => {
  it.each([
    ['a sale page naming its own domain', '该域名正在出售', '此域名可出售，联系 broker'],
    ['a short page offering the domain', '域名出售', '如有意购买请联系经纪人。This domain is for sale.'],
    ['an expired registration', 'example.com', '此域名已过期，请联系注册商续费。'],
    ['a parking service page', 'example.com', 'Related searches. This page is provided by sedoparking.com'],
    ['an English sale page', 'example.com is for sale', 'Buy this domain today. Make an offer.'],
    ['a sale page that says 可以出售', 'example.com', '此域名可以出售，价格面议。'],
    ['a sale page that names the site\u2019s domain', '出售', '此网站域名正在转让中，联系QQ。'],
    ['a registrar\u2019s page for a lapsed domain', 'example.com', '域名已到期停止解析'],
    ['an English sale page naming the domain name', 'example.com', 'The domain name is for sale. Contact us.'],
  ])('%s is parked', (_what, title, text) => {
    expect(isParked(title, text)).toBe(true);
  });

  it('a registrar or host linked as 技术支持 lists 域名转让 in its menu and is not parked', () => {
    const storefront = ['首页 域名注册 域名转让 域名出售 域名交易 虚拟主机 云服务器 企业邮箱 网站建设 备案服务', '新用户专享：.com 域名首年优惠，云服务器限时特价。'.repeat(120), '关于我们 联系方式 增值电信业务经营许可证'].join('\n');
    expect(isParked('西部示范-域名注册,域名转让,虚拟主机,云服务器', storefront)).toBe(false);
  });

  it('a registrar\u2019s help article about lapsed domains is not a parked domain', () => {
    expect(isParked('域名已到期怎么办_帮助中心', `域名已到期怎么办？${'到期后域名进入赎回期，请及时续费。'.repeat(120)}`)).toBe(false);
  });

  it('a notice that a site moved is not a parked domain', () => {
    expect(isParked('示范市旧版网站', '此域名已更换，请访问新网址 www.example.gov.cn。')).toBe(false);
  });
});
