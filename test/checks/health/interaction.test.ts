import { interaction } from '../../../checks/health/interaction';
import { runCheckCases } from '../../helpers/check-tester';
import { createPage } from '../../../checks/page';
import { testContext, FIXED_NOW } from '../../helpers/context';

// The scan date is FIXED_NOW (2026-11-28): the last year is from 2025-11-28.
const detail = (asked: string, answered: string, title = '关于小区供暖问题的咨询_领导信箱') =>
  `<html><head><title>${title}</title></head><body><div class="mail"><p>来信标题：小区供暖不达标</p><p>来信时间：${asked}</p><p>来信内容：……</p>` +
  `<p>回复单位：市住建局</p><p>回复时间：${answered}</p><p>回复内容：已转供热公司处理。</p></div></body></html>`;
const list = (rows: string[][]) =>
  `<html><head><title>政民互动_留言列表</title></head><body><table><tr><th>标题</th><th>留言时间</th><th>回复时间</th><th>状态</th></tr>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table></body></html>`;

runCheckCases(interaction, {
  valid: [
    { name: 'answered within three months', html: detail('2026-03-01', '2026-05-20') },
    { name: 'a slow reply more than a year ago is outside 19号\u2019s window', html: detail('2025-06-01', '2025-10-20') },
    {
      name: 'a list whose replies all came in time, an unanswered message still young',
      html: list([['咨询社保转移', '2026-10-02', '2026-10-09', '已回复'], ['咨询公积金提取', '2026-11-20', '', '未回复']]),
    },
    { name: 'a 信访 column is left out of the item', html: detail('2026-01-05', '2026-06-30', '网上信访_来信详情') },
    { name: 'a period to write in, in a notice', html: '<html><head><title>关于开展民生实事项目建议活动的通知</title></head><body><p>留言时间：2026年1月1日至1月31日</p><p>反馈时间：2026年6月1日</p></body></html>' },
    { name: 'a message marked invalid', html: detail('2026-01-05', '2026-06-30').replace('已转供热公司处理。', '重复留言，不予受理。') },
  ],
  invalid: [
    { name: 'a reply 136 days after the message', html: detail('2026-03-01', '2026-07-15'), spans: [{ match: '2026-03-01', severity: 'critical' }] },
    {
      name: 'a list with a late reply and a message unanswered for half a year',
      html: list([['咨询社保转移', '2026-02-02', '2026-06-10', '已回复'], ['咨询公积金提取', '2026-05-20', '', '办理中'], ['咨询户籍', '2026-10-01', '2026-10-03', '已回复']]),
      spans: [{ match: '2026-02-02', severity: 'critical' }, { match: '2026-05-20', severity: 'critical' }],
    },
  ],
});

describe('health.interaction is not judged where nothing is dated', () => {
  const run = (html: string) => interaction.run(createPage({ siteId: 't', url: 'https://www.example.gov.cn/a.html', fetchedAt: FIXED_NOW.toISOString(), contentType: 'html', source: html, origin: 'crawl' }), testContext(FIXED_NOW));
  it('skips an article and a consultation notice (a site whose 留言 pages were not crawled is never called responsive)', () => {
    expect(run('<html><head><title>市政府召开常务会议</title></head><body><p>发布时间：2026-11-20</p><p>会议研究了……</p></body></html>')).toHaveProperty('skipped');
    expect(run('<html><head><title>关于公开征求意见的公告</title></head><body><p>留言时间：2026年1月1日至1月31日</p><p>反馈时间：2026年6月1日</p></body></html>')).toHaveProperty('skipped');
    // Messages listed with their dates only, or with a status that may be the next one's: nothing says how they were answered.
    expect(run('<html><head><title>留言列表</title></head><body><ul><li>[已回复] 关于路灯的咨询 留言时间：2026-05-01</li><li>[未回复] 关于公交的咨询 留言时间：2026-11-20</li></ul></body></html>')).toHaveProperty('skipped');
  });
});
