/** dates.anachronism: a count “as of” a day after the page's own date; deadlines, plans and running months are not. */
import { anachronism } from '../../../checks/dates/anachronism';
import { runCheckCases } from '../../helpers/check-tester';

runCheckCases(anachronism, {
  valid: [
    { name: 'a count up to a day before the page', html: '<div>发布日期：2026-11-05</div><p>截至2026年10月底，全市累计发放补贴1.2亿元。</p>' },
    { name: 'a deadline after its label', html: '<div>发布日期：2026-11-05</div><p>申报时间截至2026年12月10日，逾期不予受理。</p>' },
    { name: 'a deadline before 前', html: '<div>发布日期：2026-11-05</div><p>请各单位于截至2026年12月10日前报送材料。</p>' },
    { name: 'a bare 截止 is a deadline', html: '<div>发布日期：2026-11-05</div><p>报名截止2026年12月1日17时。</p>' },
    { name: 'a target', html: '<div>发布日期：2024-03-01</div><p>截至2025年底，力争建成5G基站1万个。</p>' },
    { name: 'a forecast', html: '<div>发布日期：2026-06-01</div><p>预计截至2026年底，全年接待游客突破1000万人次。</p>' },
    { name: 'a plan whose clause says what is to be done', html: '<div>发布日期：2026-02-01</div><p>截至2026年6月底，各县区要全面完成排查整治。</p>' },
    { name: 'a month still running at the page’s date', html: '<div>发布日期：2026-10-20</div><p>截至2026年10月，全市已完成造林3万亩。</p>' },
    { name: 'a statistic dated the day after its day', html: '<div>发布日期：2026-10-31</div><p>截至2026年11月1日，累计办件2万件。</p>' },
    { name: 'a page with no claimed date', html: '<p>截至2030年底，全区共有养老机构12家。</p>' },
  ],
  invalid: [
    {
      name: 'a count up to the end of a month after the page',
      html: '<div>发布日期：2026-09-15</div><p>截至2026年10月底，全市累计新增就业岗位1.2万个。</p>',
      spans: [{ match: '截至2026年10月底', severity: 'medium' }],
    },
    {
      name: '截止到 a day half a year later, with 以上 and 完成 in the clause (facts, not targets)',
      html: '<div>发布日期：2025-06-01</div><p>截止到2025年12月31日，共受理案件300件，办结率达到95%以上。</p>',
      spans: [{ match: '截止到2025年12月31日', severity: 'medium' }],
    },
    {
      name: 'the year’s end',
      html: '<div>发布日期：2025-03-01</div><p>截至2025年底，全区共有养老机构12家，床位1500张。</p>',
      spans: [{ match: '截至2025年底' }],
    },
  ],
});
