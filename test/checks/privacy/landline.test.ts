import { landline } from '../../../checks/privacy/landline';
import { runCheckCases } from '../../helpers/check-tester';

runCheckCases(landline, {
  valid: [
    { name: 'a supervision hotline', text: '监督电话：0771-1234567' },
    { name: 'an office number', text: '办公室电话 (010)62345678' },
    { name: 'not a landline', text: '家庭电话：1234-5678901' },
  ],
  invalid: [
    { name: 'labelled home number', text: '家庭电话：0591-87654321', spans: [{ match: '0591-87654321', severity: 'medium' }] },
    { name: 'extension', text: '住宅电话 0755 81234567转123', spans: [{ match: '0755 81234567转123' }] },
  ],
});
