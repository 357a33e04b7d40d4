import { protocol } from '../../../checks/tls/protocol';
import { testContext } from '../../helpers/context';
import { tlsFacts, transportSite } from '../../helpers/transport';

const run = (t: Parameters<typeof tlsFacts>[0]) => {
  const r = protocol.run(transportSite({ tls: tlsFacts(t) }), testContext());
  return Array.isArray(r) ? r.map((s) => `${s.severity ?? 'medium'} ${s.discriminator}`) : r;
};

describe('tls.protocol', () => {
  it('passes TLS 1.2 and 1.3 only', () => expect(run({})).toEqual([]));
  it('reports TLS 1.0, 1.1 and a missing TLS 1.3', () => {
    expect(run({ protocols: { TLSv1: true, 'TLSv1.1': true, 'TLSv1.2': true, 'TLSv1.3': false } })).toEqual(['medium TLSv1', 'medium TLSv1.1', 'low no-tls13']);
  });
  it('reports a server that offers nothing newer than TLS 1.1 as high: browsers refuse it', () => {
    expect(run({ protocols: { TLSv1: true, 'TLSv1.1': true, 'TLSv1.2': false, 'TLSv1.3': false } })).toEqual(['high TLSv1', 'high TLSv1.1', 'low no-tls13']);
    expect(run({ protocols: { TLSv1: true, 'TLSv1.1': false, 'TLSv1.2': false, 'TLSv1.3': false } })).toEqual(['high TLSv1', 'low no-tls13']);
    expect(run({ protocols: { TLSv1: true, 'TLSv1.1': false, 'TLSv1.2': false, 'TLSv1.3': true } })).toEqual(['medium TLSv1']);
  });
  it('skips when no handshake succeeded', () => expect(run({ error: 'ECONNREFUSED' })).toEqual({ skipped: 'no TLS handshake: ECONNREFUSED' }));
});
