import { owasp } from '../../../checks/headers/owasp';
import { testContext } from '../../helpers/context';
import { httpsCapture, transportSite } from '../../helpers/transport';

const run = (headers: Record<string, string>) => {
  const r = owasp.run(transportSite({ capture: httpsCapture(headers) }), testContext());
  return Array.isArray(r) ? r.map((s) => s.message) : r;
};

describe('headers.owasp', () => {
  it('is silent when the recommendations are followed', () => {
    expect(run({ 'permissions-policy': 'camera=(), geolocation=()', 'x-permitted-cross-domain-policies': 'none' })).toEqual([]);
  });
  it('lists missing recommendations and deprecated headers in one finding', () => {
    expect(run({ 'x-xss-protection': '1; mode=block', 'x-permitted-cross-domain-policies': 'all' })).toEqual([
      'OWASP 建议：缺少或取值不当：permissions-policy, x-permitted-cross-domain-policies；仍在发送已废弃的：x-xss-protection',
    ]);
  });
});
