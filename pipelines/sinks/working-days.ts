/**
 * Due dates in working days (e.g. 找错 3 working days, 简单咨询 1), counted in the office's time zone.
 * Weekends are off unless listed as 调休 workdays; listed holidays are off.
 */
import type { IssueSettings } from '../config';
import { DEFAULT_TIMEZONE, localDate } from '../../reports/local-time';

function calendarDay(iso: string, timezone: string): Date {
  return new Date(`${localDate(iso, timezone)}T00:00:00Z`);
}

export function isWorkingDay(day: Date, cal: Pick<IssueSettings, 'holidays' | 'workdays'>): boolean {
  const ymd = day.toISOString().slice(0, 10);
  if (cal.workdays.includes(ymd)) return true;
  if (cal.holidays.includes(ymd)) return false;
  const dow = day.getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** The local date (YYYY-MM-DD) `days` working days after `fromIso`. */
export function dueDate(fromIso: string, days: number, cal: Pick<IssueSettings, 'holidays' | 'workdays'>, timezone = DEFAULT_TIMEZONE): string {
  const d = calendarDay(fromIso, timezone);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d.toISOString().slice(0, 10);
}
