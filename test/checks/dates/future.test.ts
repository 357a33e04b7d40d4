import { future } from '../../../checks/dates/future';
import { runCheckCases } from '../../helpers/check-tester';

// The tester's clock is 2026-11-28 08:00 Beijing time.
runCheckCases(future, {
  valid: [
    { name: 'published today', html: '<html><head><meta name="PubDate" content="2026-11-28 07:00"></head><body>x</body></html>' },
    { name: 'tomorrow is within the time-zone slack', html: '<div>发布日期：2026-11-29</div>' },
    { name: 'a future meeting announced in the body is not a claim', html: '<div>发布日期：2026-11-20</div><p>会议将于2027年3月1日召开。</p>' },
    { name: 'no date at all', text: '通知' },
  ],
  invalid: [
    { name: 'a byline a month ahead', html: '<div>发布日期：2026-12-30 10:00 来源：办公室</div>', spans: [{ match: '2026-12-30T10:00:00+08:00', severity: 'high' }] },
  ],
});
