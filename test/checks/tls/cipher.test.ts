import { cipher } from '../../../checks/tls/cipher';
import { testContext } from '../../helpers/context';
import { tlsFacts, transportSite } from '../../helpers/transport';

const run = (t: Parameters<typeof tlsFacts>[0]) => {
  const r = cipher.run(transportSite({ tls: tlsFacts(t) }), testContext());
  return Array.isArray(r) ? r.map((s) => `${s.severity ?? 'high'} ${s.discriminator}`) : r;
};

describe('tls.cipher', () => {
  it('passes forward-secret suites only', () => expect(run({})).toEqual([]));
  it('reports weak suites as high and static RSA as medium', () => {
    expect(run({ weakCiphers: ['DES-CBC3-SHA'], noForwardSecrecy: ['AES128-SHA'], cbc: ['AES128-SHA'] })).toEqual(['high weak', 'medium no-fs', 'low cbc']);
  });
});
