/** tamper.title-hijack: spam in the decoded title, keywords and description, or an entity-encoded title. */
import { runCheckCases } from '../../helpers/check-tester';
import { titleHijack } from '../../../checks/tamper/title-hijack';

const enc = (s: string) => [...s].map((c) => `&#${c.codePointAt(0)};`).join('');

runCheckCases(titleHijack, {
  valid: [
    { name: 'an ordinary title', html: '<title>关于做好冬季供暖工作的通知_示范市人民政府</title>' },
    { name: 'an anti-gambling notice', html: '<title>关于严厉打击六合彩等赌博违法犯罪活动的通告_示范市公安局</title>' },
    { name: 'sports lottery keywords', html: '<title>体育彩票公益金使用公告</title><meta name="keywords" content="体育彩票,公益金">' },
    { name: 'a title with a few entities (&amp; and quotes)', html: '<title>“两会”&amp;政协_示范市</title>' },
    { name: 'Macao\u2019s gaming industry in the news', html: '<title>商务部：澳门特区博彩业发展情况_示范市</title><meta name="ArticleTitle" content="澳门特区博彩业发展情况">' },
  ],
  invalid: [
    { name: 'the title element rewritten by jQuery', html: "<title>首页</title><script>$('title').text('澳门新葡京官网');</script>", spans: [{ match: '脚本写入的 document.title 澳门新葡京官网', severity: 'critical' }] },
    { name: 'the title element rewritten through the DOM', html: "<title>首页</title><script>document.querySelector('title').innerText='九游会官网登录入口';</script>", spans: [{ match: '脚本写入的 document.title 九游会官网登录入口', severity: 'critical' }] },
    { name: 'the share-card title', html: '<title>首页</title><meta property="og:title" content="澳门新葡京官方网站">', spans: [{ match: '<meta property="og:title"> 澳门新葡京官方网站', severity: 'critical' }] },
    { name: 'the CMS article-title meta', html: '<title>首页</title><meta name="ArticleTitle" content="九游会官网登录入口">', spans: [{ match: '<meta name="articletitle"> 九游会官网登录入口', severity: 'critical' }] },
    { name: 'a prepended gambling title', html: '<title>澳门新葡京官网-关于做好冬季供暖工作的通知</title>', spans: [{ match: '澳门新葡京官网-关于做好冬季供暖工作的通知', severity: 'critical' }] },
    { name: 'an entity-encoded title', html: `<title>${enc('澳门威尼斯人官方网站')}</title>`, spans: [{ match: '澳门威尼斯人官方网站', severity: 'critical' }] },
    { name: 'an entity-encoded title with no known word', html: `<title>${enc('某某官方网站最新入口')}</title>`, spans: [{ match: '<title> 某某官方网站最新入口', severity: 'high' }] },
    { name: 'porn in the description', html: '<title>首页</title><meta name="description" content="国产精品一区二区三区">', spans: [{ match: '<meta name="description"> 国产精品一区二区三区', severity: 'critical' }] },
  ],
});
