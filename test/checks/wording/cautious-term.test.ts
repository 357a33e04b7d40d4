import { cautiousTerm } from '../../../checks/wording/cautious-term';
import { runCheckCases } from '../../helpers/check-tester';

runCheckCases(cautiousTerm, {
  valid: [
    { name: 'words that contain the term across a boundary', text: '保证农村长治久安，建立乡村长效机制。' },
    { name: 'the formal title', text: '村委会主任带领村民致富。' },
  ],
  invalid: [
    { name: 'informal title', text: '村长带领村民致富。', spans: [{ match: '村长', severity: 'low' }] },
    { name: 'outdated name', text: '前苏联解体后。', spans: [{ match: '前苏联', severity: 'low' }] },
  ],
});
