import { sensitiveList } from '../../../checks/privacy/sensitive-list';
import { createPage } from '../../../checks/page';
import { pageFindings } from '../../../pipelines/findings';
import { runCheckCases } from '../../helpers/check-tester';
import { testContext } from '../../helpers/context';
import type { Span } from '../../../checks/types';

const row = (name: string, v: string) => `<tr><td>${name}</td><td>${v}</td></tr>`;
const table = (head: string, rows: string[]) => `<table><tr><th>姓名</th><th>${head}</th></tr>${rows.join('')}</table>`;
const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周杰', '吴霞', '徐亮'];

runCheckCases(sensitiveList, {
  valid: [
    { name: 'masked names beside a disease column (the de-identified form)', html: table('病种', [row('张*', '糖尿病'), row('李*明', '高血压')]) },
    { name: 'a 低保 list with names is lawful 公示', html: table('保障金额', [row('张伟', '650'), row('王芳', '420')]) },
    { name: 'a disease column with no name column (statistics)', html: '<table><tr><th>病种</th><th>人数</th></tr><tr><td>糖尿病</td><td>120</td></tr></table>' },
    { name: 'health news text', text: '市卫健委通报：全市新增传染病病例12例，患者均已隔离治疗。' },
  ],
  invalid: [
    { name: 'full names beside diagnoses', html: table('诊断', [row('张伟', '糖尿病'), row('王芳', '高血压')]), spans: [{ match: '诊断', severity: 'high' }] },
    { name: 'a disability subsidy list', html: table('残疾类别', [row('刘洋', '肢体'), row('陈*', '视力')]), spans: [{ match: '残疾类别', severity: 'high' }] },
    { name: 'ten named people released from prison', html: table('刑满释放时间', names.map((n) => row(n, '2025年3月'))), spans: [{ match: '刑满释放时间', severity: 'critical' }] },
  ],
});

describe('privacy.sensitive-list output', () => {
  it('counts the people and never carries a name or a diagnosis in the finding', () => {
    const page = createPage({ siteId: 's', url: 'https://a.gov.cn/x.html', fetchedAt: 't', contentType: 'html', source: table('病种', [row('张伟', '糖尿病'), row('王*', '肺结核')]), origin: 'file' });
    const spans = sensitiveList.run(page, testContext()) as Span[];
    const [f] = pageFindings(sensitiveList, spans, page);
    expect(f!.title).toContain('1 人的姓名与健康信息 (health)同表公开（另有 1 人已脱敏）');
    expect(JSON.stringify(f)).not.toMatch(/张伟|糖尿病|肺结核/);
  });
});
