import { marking } from '../../../checks/secrecy/marking';
import { runCheckCases } from '../../helpers/check-tester';

runCheckCases(marking, {
  valid: [
    { name: '保密 education news', text: '我局组织开展保密宣传教育月活动，学习保密法，签订保密承诺书。' },
    { name: 'information security wording', text: '确保数据的机密性、完整性和可用性。' },
    { name: 'an ordinary document number', text: '桂政办发〔2023〕5号' },
    { name: 'a 保密 office document number', text: '川保密〔2021〕12号' },
    { name: 'a lawful internal publication', text: '内部资料 免费交流' },
    { name: 'classification none', text: '密级：无' },
    { name: 'empty page', html: '<html></html>' },
  ],
  invalid: [
    {
      name: 'a secret marking at the top of a posted document',
      html: '<div class="content"><p>000123</p><p>机密★1年</p><p>示范市人民政府文件</p><p>示政发〔2026〕1号</p></div>',
      spans: [{ match: '机密★1年', severity: 'critical' }],
    },
    { name: 'secret document number', text: '根据市委密电〔2020〕12号要求', spans: [{ match: '市委密电〔2020〕12号', severity: 'critical' }] },
    { name: 'work secret mark', text: '内部资料 注意保存', spans: [{ match: '内部资料 注意保存', severity: 'high' }] },
    { name: 'not-public note', text: '2026年3月1日\n（此件不予公开）', spans: [{ match: '此件不予公开', severity: 'high' }] },
    { name: 'exam paper after the exam is info, not dropped', text: '2024年普通高等学校招生全国统一考试\n绝密★启用前\n注意事项：答卷前，考生务必将自己的姓名填写在答题卡上。', spans: [{ match: '绝密★启用前', severity: 'info' }] },
    { name: 'education text describing the mark is info', text: '国家秘密的标志为“密级★保密期限”，例如“秘密★5年”。', spans: [{ match: '秘密★5年', severity: 'info' }] },
    { name: 'declassified archive is low', text: '该档案原标机密★20年，现已解密并向社会开放。', spans: [{ match: '机密★20年', severity: 'low' }] },
  ],
});
