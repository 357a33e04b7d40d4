import { sourceMismatch } from '../../../checks/dates/source-mismatch';
import { runCheckCases } from '../../helpers/check-tester';

const page = (meta: string, visible: string) => `<html><head><meta name="PubDate" content="${meta}"></head><body><div>发布时间：${visible}</div></body></html>`;

runCheckCases(sourceMismatch, {
  valid: [
    { name: 'meta and visible agree', html: page('2023-08-21 09:30', '2023-08-21 09:30') },
    { name: 'a day apart (time zone of the template)', html: page('2023-08-21 23:30', '2023-08-22 00:10') },
  ],
  invalid: [
    { name: 'meta and visible a month apart', html: page('2023-08-21 09:30', '2023-07-01 09:30'), spans: [{ match: '2023-07-01T09:30:00+08:00', severity: 'medium' }] },
  ],
});
