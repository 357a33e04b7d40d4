import { weakMask } from '../../../checks/privacy/weak-mask';
import { runCheckCases } from '../../helpers/check-tester';

// Constructed vectors, shared/reference/privacy-secrecy.md §8 [C].
runCheckCases(weakMask, {
  valid: [
    { name: 'adequate: first 4 and last 4', text: '身份证号：4501**********1234' },
    { name: 'adequate: 35*************123', text: '35*************123' },
    { name: 'adequate: first 2 and last 2', text: '11**************39' },
    { name: 'adequate mobile', text: '138****1234' },
    { name: 'adequate: first six and last four, birth date hidden (公示 practice)', text: '身份证号：450102********1234' },
    { name: 'adequate: first six and last four with X', text: '450102********123X' },
    { name: 'a full number is not a masking problem (privacy.id-card reports it)', text: '110105199003071239' },
    { name: 'a full ID ending in X is not masked', text: '51010719850615002X' },
    { name: 'stars that are not a number', text: '评分：************' },
  ],
  invalid: [
    { name: 'birth date visible', text: '身份证 110105199003****39', spans: [{ match: '110105199003****39', severity: 'medium' }] },
    { name: 'birth year visible', text: '1101051990******39', spans: [{ match: '1101051990******39' }] },
    { name: 'legacy 15-digit with birth date', text: '110105850315***', spans: [{ match: '110105850315***' }] },
    { name: 'mobile digits 4-7 visible', text: '手机 1380013****', spans: [{ match: '1380013****' }] },
    { name: 'first six and last four, but the birth day shows', text: '450102******011234', spans: [{ match: '450102******011234' }] },
    { name: 'full-width stars still count', text: '11010519900307＊＊＊＊', spans: [{ match: '11010519900307＊＊＊＊' }] },
  ],
});
