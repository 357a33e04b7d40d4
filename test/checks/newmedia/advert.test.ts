/** newmedia.advert: advertising in a government account's post, and the government posts about advertising that are not. */
import { runCheckCases } from '../../helpers/check-tester';
import { advert } from '../../../checks/newmedia/advert';

const post = (body: string) => `<html><head><title>推文</title></head><body><h1>推文</h1>${body}</body></html>`;

runCheckCases(advert, {
  valid: [
    { name: 'an ordinary notice', origin: 'feed', html: post('<p>各区县：请认真做好冬季供暖保障工作，确保群众温暖过冬。</p>') },
    { name: 'a consumer warning quoting sales patter', origin: 'feed', html: post('<p>消费提示：警惕“限时秒杀”“券后价”等诱导消费骗局，谨防上当。</p>') },
    { name: 'a 市场监管 notice on false advertising', origin: 'feed', html: post('<p>市场监管局查处一批虚假广告案件，涉及“包邮”“全场5折”等不实宣传。</p>') },
    { name: 'a 助农 drive', origin: 'feed', html: post('<p>消费帮扶助农行动：本地苹果包邮到家，限时优惠，欢迎选购。</p>') },
    { name: 'one promotional word alone', origin: 'feed', html: post('<p>本次活动免费参加，报名成功后可领取纪念品优惠券一张。</p>') },
    { name: 'a website page (not a post) is another family\'s business', html: post('<p>【广告】限时秒杀，券后价99元，包邮。</p>') },
    { name: 'a link to a government site', origin: 'feed', html: post('<p>详见<a href="https://www.gov.cn/zhengce/">中国政府网</a>。</p>') },
  ],
  invalid: [
    { name: 'a labelled advert', origin: 'feed', html: post('<p>【广告】新店开业，欢迎光临。</p>'), spans: [{ match: '【广告】' }] },
    { name: 'sales patter', origin: 'feed', html: post('<p>限时秒杀！券后价仅需99元，全国包邮。</p>'), spans: [{ match: '限时秒杀' }] },
    { name: 'a shop link', origin: 'feed', html: post('<p>好物推荐<a href="https://item.taobao.com/item.htm?id=1">详情</a></p>'), spans: [{ match: 'item.taobao.com' }] },
    { name: 'selling followers', origin: 'feed', html: post('<p>专业涨粉服务，真人粉丝1000个仅需50元。</p>'), spans: [{ match: '涨粉服务' }] },
  ],
});
