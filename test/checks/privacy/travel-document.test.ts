import { travelDocument } from '../../../checks/privacy/travel-document';
import { runCheckCases } from '../../helpers/check-tester';

// Constructed vectors, shared/reference/privacy-secrecy.md §8 [C].
runCheckCases(travelDocument, {
  valid: [
    { name: 'passport shape without context', text: '项目编号 E12345678' },
    { name: 'eight digits without 台胞证', text: '合同号 12345678' },
    { name: 'a court case number is not a military ID', text: '（2020）京01民初字第1234号' },
    { name: 'invalid passport letter', text: '护照号码 EI1234567' },
    { name: 'context too far away', text: `护照${'。'.repeat(30)}E12345678` },
  ],
  invalid: [
    { name: 'passport', text: '护照号码：E12345678', spans: [{ match: 'E12345678', severity: 'high' }] },
    { name: 'new-style passport', text: '护照号 EA1234567', spans: [{ match: 'EA1234567' }] },
    { name: 'home-return permit', text: '港澳居民来往内地通行证 H12345678', spans: [{ match: 'H12345678' }] },
    { name: 'electronic HK/Macao permit', text: '往来港澳通行证号码 CA1234567', spans: [{ match: 'CA1234567' }] },
    { name: 'Taiwan compatriot permit with issue count', text: '台胞证号码 1234567801', spans: [{ match: '1234567801' }] },
    { name: 'military ID', text: '军官证：军字第2001988号', spans: [{ match: '军字第2001988号' }] },
  ],
});
