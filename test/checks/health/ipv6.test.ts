import { ipv6 } from '../../../checks/health/ipv6';
import type { Ipv6Facts } from '../../../checks/types';
import { testContext } from '../../helpers/context';
import { transportSite } from '../../helpers/transport';

const run = (v: Ipv6Facts) => {
  const r = ipv6.run(transportSite({ ipv6: v }), testContext());
  return Array.isArray(r) ? r.map((s) => `${s.severity ?? 'medium'} ${s.discriminator}`) : r;
};

describe('health.ipv6', () => {
  it('passes a homepage and links that answer over IPv6', () => expect(run({ addresses: ['2001:db8::1'], status: 200, links: [{ url: 'https://www.example.gov.cn/a', status: 200 }] })).toEqual([]));
  it('tells a missing record from a record that does not answer, and lists failing links', () => {
    expect(run({ addresses: [], links: [] })).toEqual(['medium no-aaaa']);
    expect(run({ addresses: ['2001:db8::1'], error: 'connection-refused', links: [] })).toEqual(['high unreachable']);
    expect(run({ addresses: ['2001:db8::1'], status: 200, links: [{ url: 'https://www.example.gov.cn/a', error: 'timeout' }] })).toEqual(['low links']);
  });
});
