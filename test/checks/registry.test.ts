/**
 * Parity: every check module is registered, every registered check has complete metadata, an id
 * equal to its path and a test file. A check cannot be half-added.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CHECKS, checkById, selectChecks } from '../../checks/registry';
import { DUTIES, FAMILIES, SEVERITIES } from '../../checks/types';

const ROOT = join(__dirname, '..', '..');

function checkModules(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...checkModules(p));
    else if (e.name.endsWith('.ts') && /kind:\s*'(?:page|document|site)',\s*meta:\s*\{|= listRule\(\{/.test(readFileSync(p, 'utf8'))) out.push(p);
  }
  return out;
}

describe('check registry', () => {
  it('registers every module that defines a check', () => {
    const files = checkModules(join(ROOT, 'checks')).map((f) => relative(join(ROOT, 'checks'), f).replace(/\.ts$/, ''));
    const registered = CHECKS.map((c) => c.meta.id.replace('.', '/'));
    expect(files.sort()).toEqual([...registered].sort());
  });
  it.each(CHECKS.map((c) => [c.meta.id, c] as const))('%s has complete metadata and a test file', (id, c) => {
    expect(id).toMatch(/^[a-z]+\.[a-z0-9-]+$/);
    expect(FAMILIES).toContain(c.meta.family);
    expect(id.startsWith(`${c.meta.family}.`)).toBe(true);
    expect(SEVERITIES).toContain(c.meta.severity);
    expect(DUTIES).toContain(c.meta.duty);
    for (const field of ['title', 'basis', 'description', 'fix'] as const) expect(c.meta[field].length).toBeGreaterThan(10);
    expect(c.meta.title).toMatch(/[\u4e00-\u9fff]/);
    expect(Number.isInteger(c.meta.version) && c.meta.version >= 1).toBe(true);
    expect(existsSync(join(ROOT, 'test', 'checks', `${id.replace('.', '/')}.test.ts`))).toBe(true);
  });
  it('has unique ids', () => {
    expect(new Set(CHECKS.map((c) => c.meta.id)).size).toBe(CHECKS.length);
    expect(checkById('privacy.id-card')?.meta.family).toBe('privacy');
  });
  it('selects by id or family and rejects unknown names', () => {
    expect(selectChecks(['privacy']).map((c) => c.meta.id)).toEqual(['privacy.id-card', 'privacy.mobile', 'privacy.bank-card', 'privacy.travel-document', 'privacy.landline', 'privacy.email', 'privacy.im-account', 'privacy.address', 'privacy.plate', 'privacy.sensitive-list', 'privacy.credit-code', 'privacy.weak-mask']);
    expect(selectChecks(['links.broken', 'health']).map((c) => c.meta.id)).toEqual(['links.broken', 'health.homepage-stale', 'health.stale-columns', 'health.charset', 'health.meta-tags', 'health.identity', 'health.availability', 'health.ipv6', 'health.interaction']);
    expect(selectChecks(undefined)).toHaveLength(CHECKS.length);
    expect(() => selectChecks(['privacy.id-crad'])).toThrow(/unknown check\(s\): privacy\.id-crad/);
  });
});
