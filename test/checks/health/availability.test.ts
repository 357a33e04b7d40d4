import { availability } from '../../../checks/health/availability';
import type { ProbeRecord } from '../../../checks/types';
import { FIXED_NOW, testContext, testSite } from '../../helpers/context';

function probes(n: number, failures: Record<string, number>): ProbeRecord[] {
  const out: ProbeRecord[] = [];
  const causes = Object.entries(failures).flatMap(([k, c]) => Array<string>(c).fill(k));
  for (let i = 0; i < n; i++) {
    const outcome = causes[i] ?? 'ok';
    out.push({ at: new Date(FIXED_NOW.getTime() - i * 1800_000).toISOString(), ok: outcome === 'ok', outcome });
  }
  return out;
}
const run = (p: ProbeRecord[]) => availability.run(testSite({ probes: p }), testContext());

describe('health.availability', () => {
  it('is critical at 5% failures over 7 days, naming DNS apart from other causes', () => {
    const r = run(probes(200, { dns: 4, timeout: 6 }));
    expect(Array.isArray(r) && r[0]).toMatchObject({ severity: 'critical', message: expect.stringContaining('200 次探测中 10 次无法访问（5.0%') });
    expect(Array.isArray(r) && r[0]!.message).toMatch(/dns 4，timeout 6/);
  });
  it('is low below the line, silent without failures, and does not count a WAF block as an outage', () => {
    expect(Array.isArray(run(probes(200, { connect: 9 }))) && (run(probes(200, { connect: 9 })) as { severity: string }[])[0]!.severity).toBe('low');
    expect(run(probes(200, {}))).toEqual([]);
    expect(run(probes(200, { blocked: 30 }))).toEqual([]);
  });
  it('ignores probes older than a week and skips without probes', () => {
    const old = probes(10, { dns: 10 }).map((p) => ({ ...p, at: '2026-01-01T00:00:00.000Z' }));
    expect(run(old)).toEqual({ skipped: 'no availability probes in the last 7 days' });
  });
});
