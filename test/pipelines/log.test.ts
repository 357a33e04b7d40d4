import { createLogger } from '../../pipelines/log';

function capture(): { lines: string[]; stream: { write(s: string): void } } {
  const lines: string[] = [];
  return { lines, stream: { write: (s: string) => void lines.push(s) } };
}

describe('logger', () => {
  it('redacts secrets by key and masks identifiers in messages and fields', () => {
    const { lines, stream } = capture();
    const log = createLogger('info', stream);
    const token = ['glpat', 'fake-test-value-000000'].join('-');
    log.info({ token, headers: { authorization: 'Bearer x' }, url: 'https://a.gov.cn/?id=110105199003071239' }, 'found 13800000000 on page');
    const out = lines.join('');
    expect(out).not.toMatch(/glpat|Bearer x|110105199003071239|13800000000/);
    expect(out).toContain('[redacted]');
    expect(out).toContain('11**************39');
    expect(out).toContain('13*******00');
  });
  it('respects the level', () => {
    const { lines, stream } = capture();
    createLogger('warn', stream).info({}, 'quiet');
    expect(lines).toEqual([]);
  });
});
