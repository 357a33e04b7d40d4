import { uploadStamp } from '../../../checks/dates/upload-stamp';
import { runCheckCases } from '../../helpers/check-tester';

runCheckCases(uploadStamp, {
  valid: [
    { name: 'uploaded the day before publication', html: '<div>发布日期：2023-10-21</div><a href="/xxgk/202310/W020231020692880455588.pdf">附件</a>' },
    { name: 'a name without a stamp', html: '<div>发布日期：2023-10-21</div><img src="/images/logo.png">' },
  ],
  invalid: [
    {
      name: 'an image uploaded two months after the claimed date',
      html: '<div>发布日期：2023-08-01</div><img src="/xxgk/202310/W020231020692880455588.jpg">',
      spans: [{ match: '/xxgk/202310/W020231020692880455588.jpg' }],
    },
  ],
});
