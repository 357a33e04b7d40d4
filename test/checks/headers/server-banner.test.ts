import { serverBanner } from '../../../checks/headers/server-banner';
import { testContext } from '../../helpers/context';
import { httpsCapture, transportSite } from '../../helpers/transport';

const run = (headers: Record<string, string>) => {
  const r = serverBanner.run(transportSite({ capture: httpsCapture(headers) }), testContext());
  return Array.isArray(r) ? r.map((s) => s.target) : r;
};

describe('headers.server-banner', () => {
  it('reports software with a version', () => {
    expect(run({ server: 'Apache/2.4.6 (CentOS) OpenSSL/1.0.2k-fips', 'x-powered-by': 'PHP/5.6.40' })).toEqual(['server: Apache/2.4.6 (CentOS) OpenSSL/1.0.2k-fips', 'x-powered-by: PHP/5.6.40']);
  });
  it('leaves bare product names alone', () => expect(run({ server: 'nginx', 'x-powered-by': 'ASP.NET' })).toEqual([]));
});
