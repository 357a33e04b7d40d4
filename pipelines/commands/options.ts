/** Option values shared by several commands. */
import { UsageError } from '../jobs';

export function positiveInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--${name} must be a positive integer, got "${v}"`);
  return Number(v);
}

/** A TCP port to listen on; 0 asks the system for a free one (printed when listening). */
export function listenPort(v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) > 65535) throw new UsageError(`--port must be 0 to 65535, got "${v}"`);
  return Number(v);
}
