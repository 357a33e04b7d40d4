import { hsts } from '../../../checks/headers/hsts';
import { testContext } from '../../helpers/context';
import { httpsCapture, transportSite } from '../../helpers/transport';

const run = (value?: string) => {
  const r = hsts.run(transportSite({ capture: httpsCapture(value ? { 'strict-transport-security': value } : {}) }), testContext());
  return Array.isArray(r) ? r.map((s) => `${s.severity ?? 'medium'} ${s.discriminator}`) : r;
};

describe('headers.hsts', () => {
  it('names the policy each verdict applies', () => {
    expect(run()).toEqual(['medium missing']);
    expect(run('includeSubDomains')).toEqual(['medium invalid']);
    expect(run('max-age=86400')).toEqual(['medium observatory']);
    expect(run('max-age=15552000')).toEqual(['low preload']);
    expect(run('max-age=31536000; includeSubDomains; preload')).toEqual(['info owasp']);
    expect(run('max-age=63072000; includeSubDomains; preload')).toEqual([]);
  });
  it('leaves sites without https to the redirect rule', () => {
    expect(hsts.run(transportSite({ capture: httpsCapture({}, { https: false }) }), testContext())).toEqual({ skipped: 'no https response' });
  });
});
