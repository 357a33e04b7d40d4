/** A fixed clock and a silent logger, so checks are deterministic under test. */
import type { Context } from '../../checks/types';
import { silentLogger } from '../../pipelines/log';

export const FIXED_NOW = new Date('2026-11-28T08:00:00+08:00');

export function testContext(now: Date = FIXED_NOW, firstSeen: Record<string, string> = {}): Context {
  return { clock: { now: () => now }, log: silentLogger, firstSeen: (u) => firstSeen[u] };
}
