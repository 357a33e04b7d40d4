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
    { name: 'a Hong Kong identity card whose check digit fails', text: '香港身份证号码：P174468(5)' },
    { name: 'a Taiwan identity card whose check digit fails', text: '台湾身份证：M517086311' },
    { name: 'an old permanent residence number of the wrong shape', text: '永久居留证 CA1100900100171' },
    { name: 'a shape with no document named', text: '项目代码 B221690311，批次 A12345678' },
  ],
  invalid: [
    { name: 'passport', text: '护照号码：E12345678', spans: [{ match: 'E12345678', severity: 'high' }] },
    { name: 'new-style passport', text: '护照号 EA1234567', spans: [{ match: 'EA1234567' }] },
    { name: 'home-return permit', text: '港澳居民来往内地通行证 H12345678', spans: [{ match: 'H12345678' }] },
    { name: 'electronic HK/Macao permit', text: '往来港澳通行证号码 CA1234567', spans: [{ match: 'CA1234567' }] },
    { name: 'Taiwan compatriot permit with issue count', text: '台胞证号码 1234567801', spans: [{ match: '1234567801' }] },
    { name: 'military ID', text: '军官证：军字第2001988号', spans: [{ match: '军字第2001988号' }] },
    // Reference §3.6 and §8 vectors (constructed).
    { name: 'a Hong Kong identity card with a valid check digit', text: '香港居民身份证号码：P174468(6)', spans: [{ match: 'P174468(6)' }] },
    { name: 'a Taiwan identity card with a valid check digit', text: '台湾居民身份证：B221690311', spans: [{ match: 'B221690311' }] },
    { name: 'a Macao identity card', text: '澳门居民身份证 1234567(8)', spans: [{ match: '1234567(8)' }] },
    { name: 'a pre-2017 permanent residence card', text: '外国人永久居留证号码：CAN110090010017', spans: [{ match: 'CAN110090010017' }] },
    { name: 'a social security card number', text: '社会保障卡号：A12345678', spans: [{ match: 'A12345678' }] },
  ],
});
