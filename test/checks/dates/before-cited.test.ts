import { beforeCited } from '../../../checks/dates/before-cited';
import { runCheckCases } from '../../helpers/check-tester';

runCheckCases(beforeCited, {
  valid: [
    { name: 'citing an older document', html: '<div>发布日期：2023-03-01</div><p>根据《国务院办公厅关于印发方案的通知》（国办发〔2022〕12号）要求。</p>' },
    { name: 'a planning year is not a document number', html: '<div>发布日期：2021-03-01</div><p>到2035年基本实现现代化。</p>' },
    { name: 'same year', html: '<div>发布日期：2023-01-05</div><p>市政办〔2023〕1号</p>' },
  ],
  invalid: [
    {
      name: 'a page dated 2021 citing a document of 2023',
      html: '<div>发布日期：2021-06-01</div><p>按照国办秘函〔2023〕19号要求，开展自查。</p>',
      spans: [{ match: '按照国办秘函〔2023〕19号', severity: 'high' }],
    },
  ],
});
