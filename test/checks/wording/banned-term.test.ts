import { bannedTerm } from '../../../checks/wording/banned-term';
import { runCheckCases } from '../../helpers/check-tester';

runCheckCases(bannedTerm, {
  valid: [
    { name: 'the preferred wording', text: '共建“一带一路”倡议，与朝鲜代表团会谈，为残疾人提供服务。' },
    { name: 'Australia is not Macao', text: '中澳自由贸易协定生效。' },
    { name: 'a Tibetan name is not slang', text: '尼玛顿珠（藏族）' },
    { name: 'each province', text: '各省省委书记参加会议。' },
  ],
  invalid: [
    { name: 'Belt and Road is an initiative', text: '推进“一带一路”战略实施。', spans: [{ match: '“一带一路”战略', severity: 'high' }] },
    { name: 'full-width and case folded', text: '与ＷＴＯ成员国开展合作。', spans: [{ match: 'ＷＴＯ成员国' }] },
    { name: 'title form', text: '中共江苏省省委书记出席。', spans: [{ match: '省省委书记' }] },
    { name: 'discriminatory names', text: '关爱残废人和聋子。', spans: [{ match: '残废人' }, { match: '聋子' }] },
  ],
});
