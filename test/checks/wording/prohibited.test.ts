import { prohibited } from '../../../checks/wording/prohibited';
import { runCheckCases } from '../../helpers/check-tester';

runCheckCases(prohibited, {
  valid: [
    { name: '一次性交纳 is not 性交', text: '申请人应一次性交纳全部费用。' },
    { name: 'a law naming a crime', text: '依法打击卖淫嫖娼、性交易等违法犯罪活动。' },
    { name: 'a campaign against gambling', text: '严厉打击网上赌博、赌博网站和六合彩等违法犯罪活动。' },
    { name: 'anti-fraud advice', text: '警惕“刷单返利”类诈骗，不要相信高额返利。' },
    { name: 'the lottery is legal', text: '体育彩票公益金使用情况公告' },
    { name: 'ordinary government text', text: '坚持以习近平新时代中国特色社会主义思想为指导，加强干部队伍建设。' },
    { name: 'noise skipping stops at a line break', html: '<li>澳门</li><li>葡京</li>' },
  ],
  invalid: [
    {
      name: 'injected gambling spam, hidden',
      html: '<p>通知公告</p><div style="position:absolute;left:-9999px"><a href="http://x.example">澳门葡京娱乐城</a> 百家乐</div>',
      spans: [{ match: '澳门葡京娱乐城', hidden: true }, { match: '百家乐', hidden: true }],
    },
    { name: 'spaced and starred', text: '真 人 娱*乐，首存送彩金', spans: [{ match: '真 人 娱*乐' }, { match: '首存送' }] },
    { name: 'traditional characters', text: '澳門葡京娛樂城', spans: [{ match: '澳門葡京娛樂城' }] },
    { name: 'reactionary slogan is critical', text: '天 灭 中 共', spans: [{ match: '天 灭 中 共', severity: 'critical' }] },
    { name: 'advertising on a 政务新媒体 page', text: '兼职刷单，日赚500元，黑户可贷！', spans: [{ match: '兼职刷单' }, { match: '日赚' }, { match: '黑户可贷' }] },
  ],
});
