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
    { name: 'a bare level word heading a 保密 quiz (no document structure)', text: '保密知识竞赛\n机密\n下列哪一项属于国家秘密的密级？' },
    { name: 'a bare level word under a download line, not a 发文机关标志', text: ['下载PDF文件', '机密', '下列哪一项属于国家秘密的密级？'].join('\n') },
    { name: 'a bracketed level word heading a 保密 quiz (no document structure)', text: '保密知识竞赛\n【机密】\n下列哪一项属于国家秘密的密级？' },
    { name: 'a bare level word deep in a document', text: ['示范市人民政府文件', '示政发〔2026〕1号', '关于做好年度工作的通知', '各县区：', '一、总体要求', '二、主要任务', '国家秘密分为三级：', '绝密', '机密', '秘密'].join('\n') },
  ],
  invalid: [
    {
      name: 'a secret marking at the top of a posted document',
      html: '<div class="content"><p>000123</p><p>机密★1年</p><p>示范市人民政府文件</p><p>示政发〔2026〕1号</p></div>',
      spans: [{ match: '机密★1年', severity: 'critical' }],
    },
    {
      name: 'a bare level line in the 版头 of a posted document',
      text: ['000123', '机密', '特急', '示范市人民政府文件', '示政发〔2026〕1号', '关于某某事项的通知'].join('\n'),
      spans: [{ match: '机密', severity: 'critical' }],
    },
    {
      name: 'a bracketed level line in the 版头 (【机密】, as some offices type it)',
      text: ['【机密】', '示范市人民政府文件', '示政发〔2026〕1号', '关于某某事项的通知'].join('\n'),
      spans: [{ match: '【机密】', severity: 'critical' }],
    },
    {
      name: 'a 发文字号 alone proves the structure (no 文件 line)',
      text: ['000123', '秘密', '示政办发〔2026〕3号', '关于某某事项的通知'].join('\n'),
      spans: [{ match: '秘密', severity: 'critical' }],
    },
    {
      name: 'the document starts after the site navigation on an HTML page',
      html: '<html><head><title>关于某某事项的通知</title></head><body><div>首页 | 政务公开 | 政务服务 | 互动交流</div><div>当前位置：首页 > 通知公告</div><h1>关于某某事项的通知</h1><p>秘密</p><p>示范市人民政府办公室文件</p><p>示政办发〔2026〕3号</p></body></html>',
      spans: [{ match: '秘密', severity: 'critical' }],
    },
    {
      name: 'a work-secret mark quoted in the body is one level lower than in the header',
      text: ['关于加强文件管理的通知', '各单位：', '近期检查发现个别单位将文件上网。', '现将有关要求通知如下。', '请认真贯彻落实。', '一、标注“内部资料 注意保密”的文件一律不得上网。', '二、各单位要加强审核。', '三、发现问题及时整改。'].join('\n'),
      spans: [{ match: '内部资料 注意保密', severity: 'medium' }],
    },
    { name: 'secret document number', text: '根据市委密电〔2020〕12号要求', spans: [{ match: '市委密电〔2020〕12号', severity: 'critical' }] },
    { name: 'work secret mark', text: '内部资料 注意保存', spans: [{ match: '内部资料 注意保存', severity: 'high' }] },
    { name: 'not-public note', text: '2026年3月1日\n（此件不予公开）', spans: [{ match: '此件不予公开', severity: 'high' }] },
    { name: 'exam paper after the exam is info, not dropped', text: '2024年普通高等学校招生全国统一考试\n绝密★启用前\n注意事项：答卷前，考生务必将自己的姓名填写在答题卡上。', spans: [{ match: '绝密★启用前', severity: 'info' }] },
    { name: 'education text describing the mark is info', text: '国家秘密的标志为“密级★保密期限”，例如“秘密★5年”。', spans: [{ match: '秘密★5年', severity: 'info' }] },
    { name: 'declassified archive is low', text: '该档案原标机密★20年，现已解密并向社会开放。', spans: [{ match: '机密★20年', severity: 'low' }] },
  ],
});
