import { variantForm } from '../../../checks/wording/variant-form';
import { runCheckCases } from '../../helpers/check-tester';
import { createPage } from '../../../checks/page';
import { testContext } from '../../helpers/context';

runCheckCases(variantForm, {
  valid: [
    { name: 'the recommended forms', text: '引进高层次人才，检测化学成分，成效毋庸置疑，予以书面答复，调取监控录像。' },
    { name: 'two words that meet: 个人 + 材料, 按股 + 分红, 组成 + 份额', text: '提交个人材料，村民按股分红，各组成份额保持稳定。' },
    { name: 'forms left out because they stand inside other words', text: '确定单位后，指定货物，相关连接，他就坐在第一排。' },
  ],
  invalid: [
    { name: 'a non-recommended form with the recommended one', text: '引进高层次人材。', spans: [{ match: '人材', severity: 'low' }] },
    { name: 'several in one text', text: '成效无庸置疑，演出精采，制定工作计画。', spans: [{ match: '无庸' }, { match: '精采' }, { match: '计画' }] },
  ],
});

describe('wording.variant-form, beyond the cases', () => {
  it('names the recommended form and the standard', () => {
    const spans = variantForm.run(createPage({ siteId: 's', url: 'https://www.example.gov.cn/a.html', fetchedAt: '2026-12-01T00:00:00Z', contentType: 'text', source: '引进高层次人材。', origin: 'file' }), testContext());
    expect(spans).toEqual([expect.objectContaining({ suggestion: '人才', message: expect.stringMatching(/宜作“人才”.*GF 1001—2001/) })]);
  });
});
