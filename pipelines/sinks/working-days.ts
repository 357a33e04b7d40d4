/**
 * Due dates in working days (e.g. 找错 3 working days, 简单咨询 1), counted in Beijing time.
 * Weekends are off unless listed as 调休 workdays; listed holidays are off.
 */
import type { IssueSettings } from '../config';

const CST_OFFSET_MS = 8 * 3_600_000;

function beijingDate(iso: string): Date {
  const d = new Date(Date.parse(iso) + CST_OFFSET_MS);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export function isWorkingDay(day: Date, cal: Pick<IssueSettings, 'holidays' | 'workdays'>): boolean {
  const ymd = day.toISOString().slice(0, 10);
  if (cal.workdays.includes(ymd)) return true;
  if (cal.holidays.includes(ymd)) return false;
  const dow = day.getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** The date (YYYY-MM-DD, Beijing) `days` working days after `fromIso`. */
export function dueDate(fromIso: string, days: number, cal: Pick<IssueSettings, 'holidays' | 'workdays'>): string {
  const d = beijingDate(fromIso);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d.toISOString().slice(0, 10);
}
