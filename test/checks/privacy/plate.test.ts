import { plate } from '../../../checks/privacy/plate';
import { runCheckCases } from '../../helpers/check-tester';

runCheckCases(plate, {
  valid: [
    { name: 'a plate in traffic news, no person', text: '一辆车牌为桂A12345的小型客车在民族大道发生故障。' },
    { name: 'an ordinary code', text: '项目编号：GXA2023' },
  ],
  invalid: [
    { name: 'owner and plate on one line', text: '车主：张某某，号牌号码：桂A·12345，违法时间：2026-01-02', spans: [{ match: '桂A·12345', severity: 'medium' }] },
    { name: 'a new-energy plate in a named table', html: '<table><tr><th>姓名</th><th>车牌号</th></tr><tr><td>李某</td><td>京AD12345</td></tr></table>', spans: [{ match: '京AD12345' }] },
  ],
});
