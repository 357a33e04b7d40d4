/**
 * What people read is in their time zone: a report written at 01:30 Beijing time on 2 December is
 * dated 2 December, not 1 December (UTC), and the nightly file sink is named after that day.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTimeZone, localDate, localIso, localTime } from '../../reports/local-time';
import { renderMarkdown } from '../../reports/markdown';
import { deliver } from '../../pipelines/sinks/output';
import { parseConfig, ConfigError } from '../../pipelines/config';
import { dueDate } from '../../pipelines/sinks/working-days';
import type { RunResult } from '../../pipelines/run';

const AT = '2026-12-01T17:30:05.000Z'; // 01:30:05 on 2 December in Beijing

function result(startedAt = AT): RunResult {
  return {
    schemaVersion: 1, findings: [], pages: [], sites: [], errors: [],
    summary: { command: 'scan', target: 't', status: 'complete', startedAt, finishedAt: startedAt, pages: 0, documents: 0, findings: 0, bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, byRule: {}, outcomes: { finding: 0, pass: 0, skipped: 0, error: 0 }, skippedUrls: 0, errors: 0 },
  };
}

describe('local time', () => {
  it('formats instants in the configured zone with the offset written out', () => {
    expect(localDate(AT)).toBe('2026-12-02');
    expect(localTime(AT)).toBe('2026-12-02 01:30:05 (UTC+08:00)');
    expect(localIso(AT)).toBe('2026-12-02T01:30:05+08:00');
    expect(localDate(AT, 'UTC')).toBe('2026-12-01');
    expect(localTime(AT, 'UTC')).toBe('2026-12-01 17:30:05 (UTC+00:00)');
    expect(localIso(AT, 'Asia/Urumqi')).toBe('2026-12-01T23:30:05+06:00');
  });
  it('reports show Beijing time by default, never a bare Z', () => {
    const md = renderMarkdown(result());
    expect(md).toContain('2026-12-02 01:30:05 (UTC+08:00)');
    expect(md).not.toMatch(/\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/);
  });
  it('names the nightly file after the local day', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xj-tz-'));
    deliver(result(), { type: 'file', format: 'md', path: join(dir, '{date}-gxzf.md'), timeoutMs: 10_000 }, 'nightly', 'Asia/Shanghai');
    expect(readdirSync(dir)).toEqual(['2026-12-02-gxzf.md']);
    expect(readFileSync(join(dir, '2026-12-02-gxzf.md'), 'utf8')).toContain('01:30:05 (UTC+08:00)');
  });
  it('counts due dates from the local day', () => {
    const cal = { holidays: [], workdays: [] };
    expect(dueDate(AT, 1, cal)).toBe('2026-12-03');
    expect(dueDate(AT, 1, cal, 'UTC')).toBe('2026-12-02');
  });
  it('config: timezone defaults to Asia/Shanghai and an unknown zone is an error naming its path', () => {
    expect(parseConfig({}, '(test)').timezone).toBe('Asia/Shanghai');
    expect(parseConfig({ timezone: 'Asia/Urumqi' }, '(test)').timezone).toBe('Asia/Urumqi');
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(() => parseConfig({ timezone: 'Beijing' }, 'x.json')).toThrow(ConfigError);
    expect(() => parseConfig({ timezone: 'Beijing' }, 'x.json')).toThrow(/\/timezone: unknown time zone "Beijing"/);
  });
});
