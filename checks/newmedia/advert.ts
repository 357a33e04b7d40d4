/**
 * newmedia.advert — commercial advertising in a government account's posts, which 国办发〔2018〕123号
 * forbids (and 19号 deducts for): a post labelled 广告/推广, links to shops (Taobao, Tmall, JD,
 * Pinduoduo, Youzan, Weidian), or the sales patter of a promotion (限时秒杀, 券后价, 包邮, 扫码购买 …,
 * two different ones at least), or an offer to buy followers (买粉, 刷粉).
 *
 * Government posts talk about advertising too: a consumer warning (警惕“限时秒杀”骗局), a 市场监管 notice
 * on 虚假广告, a 消费帮扶 / 助农 drive for local produce. Those contexts are not advertising and
 * silence the sales-patter signal; a label or a shop link in them is still reported.
 */
import type { PageCheck, Skipped, Span } from '../types';

const LABEL = /[【［[（(#]\s*(?:广告|推广|商业推广)\s*[】］\]）)#]/u;
const SHOP_HOST = /(?:^|\.)(?:taobao\.com|tmall\.com|jd\.com|3\.cn|pinduoduo\.com|yangkeduo\.com|youzan\.com|weidian\.com|tb\.cn)$/i;
const PATTER = /限时(?:优惠|特价|抢购|秒杀|折扣)|秒杀价|原价\s*[¥￥]?\s*\d|到手价|券后价?|领券|优惠券|包邮|下单立减|立即(?:购买|抢购|下单)|点击购买|扫码(?:购买|下单)|购买链接|团购价|折扣码|加(?:微信|V)\s*(?:咨询|购买|下单)|招商加盟|代理加盟|全场\s*\d+(?:\.\d)?\s*折|满\s*\d+\s*减\s*\d+/gu;
const FOLLOWERS = /(?:买|刷|涨)粉(?:丝)?(?:服务|套餐|\d)|互粉互赞|真人粉丝.{0,6}[¥￥元]/u;
const HREF = /<a\b[^>]*?\bhref\s*=\s*["']?([^"'\s>]+)/gi;
const NOT_AN_AD = /广告法|虚假广告|违法广告|市场监(?:管|督)|查处|整治|消费(?:警示|提示|提醒)|谨防|警惕|诈骗|骗局|防骗|消费帮扶|助农|扶贫|乡村振兴|以案释法/u;

export const advert: PageCheck = {
  kind: 'page',
  meta: {
    id: 'newmedia.advert',
    family: 'newmedia',
    title: '政务新媒体刊登商业广告 (commercial advertising in a government account)',
    severity: 'medium',
    duty: 'content',
    basis: '国办发〔2018〕123号 《关于推进政务新媒体健康有序发展的意见》 (不得刊登商业广告、不得买卖粉丝); 国办秘函〔2019〕19号 政务新媒体检查指标',
    description:
      'Posts read from a government account\'s feed that are labelled 广告/推广, link to an online shop, carry two or more ' +
      'different phrases of sales patter, or sell followers. Consumer warnings, 市场监管 notices and 消费帮扶/助农 drives ' +
      'are not advertising: sales patter in them is not reported.',
    fix: '删除商业广告内容；政务新媒体不得刊登商业广告或链接商业网站。 Remove the advertising.',
    version: 1,
    sensitive: false,
  },
  run(page): Span[] | Skipped {
    if (page.origin !== 'feed') return { skipped: 'not a post of a government account' };
    const text = page.text.text;
    // Every sign in one finding: a post is advertising or not, however many ways it shows it.
    const signs: string[] = [];
    let at: { start: number; end: number } | undefined;
    const mark = (index: number, length: number) => (at ??= { start: index, end: index + length });
    const label = LABEL.exec(text);
    if (label) {
      signs.push('标注为广告/推广');
      mark(label.index, label[0].length);
    }
    const shops = new Set<string>();
    for (const m of page.source.matchAll(HREF)) {
      try {
        const host = new URL(m[1]!, page.url).hostname;
        if (SHOP_HOST.test(host)) shops.add(host);
      } catch {
        // not a URL: nothing to judge
      }
    }
    if (shops.size) signs.push(`链接到电商网站 ${[...shops].join('、')}`);
    const followers = FOLLOWERS.exec(text);
    if (followers) {
      signs.push('买卖粉丝');
      mark(followers.index, followers[0].length);
    }
    if (!NOT_AN_AD.test(text)) {
      const patter = [...text.matchAll(PATTER)];
      const distinct = new Set(patter.map((m) => m[0].replace(/\s|\d/g, '')));
      if (distinct.size >= 2) {
        signs.push(`促销用语 ${[...distinct].slice(0, 5).join('、')}`);
        mark(patter[0]!.index, patter[0]![0].length);
      }
    }
    if (!signs.length) return [];
    const out: Span[] = [{ ...(at ?? { target: [...shops].join(',') }), discriminator: 'advert', message: `发布内容含商业广告：${signs.join('；')}` }];
    return out;
  },
};
