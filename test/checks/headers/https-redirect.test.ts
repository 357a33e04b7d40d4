import { httpsRedirect } from '../../../checks/headers/https-redirect';
import { testContext } from '../../helpers/context';
import { httpsCapture, transportSite } from '../../helpers/transport';

const run = (o: Parameters<typeof httpsCapture>[1]) => {
  const r = httpsRedirect.run(transportSite({ capture: httpsCapture({}, o) }), testContext());
  return Array.isArray(r) ? r.map((s) => `${s.severity ?? 'medium'} ${s.discriminator}`) : r;
};

describe('headers.https-redirect', () => {
  it('passes a same-host 301 to https', () => expect(run({ http: 'redirect' })).toEqual([]));
  it('reports http that does not redirect, an off-host first hop, and no https at all', () => {
    expect(run({ http: 'plain' })).toEqual(['medium missing']);
    expect(run({ http: 'off-host' })).toEqual(['low off-host']);
    expect(run({ https: false })).toEqual(['high no-https']);
  });
});
