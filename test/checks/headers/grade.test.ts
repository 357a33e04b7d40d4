import { grade } from '../../../checks/headers/grade';
import { testContext } from '../../helpers/context';
import { httpsCapture, transportSite } from '../../helpers/transport';

const run = (headers: Record<string, string>) => {
  const r = grade.run(transportSite({ capture: httpsCapture(headers) }), testContext());
  return Array.isArray(r) ? r.map((s) => `${s.severity} ${s.message?.slice(0, 12)}`) : r;
};

describe('headers.grade', () => {
  it('is silent for an A grade', () => {
    expect(run({ 'content-security-policy': "default-src 'self'", 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'strict-transport-security': 'max-age=31536000' })).toEqual([]);
  });
  it('reports a D as medium with the deductions listed', () => {
    const r = grade.run(transportSite({ capture: httpsCapture({}) }), testContext());
    expect(Array.isArray(r) && r[0]).toMatchObject({ severity: 'medium', message: expect.stringMatching(/评级 D（30 分，Observatory v6.*csp-not-implemented -25.*x-frame-options-not-implemented -20/) });
  });
  it('skips a site that was not probed', () => {
    expect(grade.run(transportSite({}, { transport: undefined }), testContext())).toEqual({ skipped: 'the site was not probed' });
  });
});
