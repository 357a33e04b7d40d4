/**
 * Times as people read them: in the office's time zone (config `timezone`, Beijing by default),
 * with the offset written out, so a report read elsewhere is still unambiguous. JSON keeps ISO
 * 8601 instants; everything a person reads goes through here.
 */
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

const formats = new Map<string, Intl.DateTimeFormat>();

function parts(iso: string, timeZone: string): Record<string, string> {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset',
    });
    formats.set(timeZone, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(iso))) out[p.type] = p.value;
  return out;
}

/** `+08:00` from Intl's `GMT+08:00` (`GMT` alone is UTC). */
function offset(p: Record<string, string>): string {
  const o = (p['timeZoneName'] ?? 'GMT').replace(/^GMT/, '');
  return o === '' ? '+00:00' : o;
}

/** A zone name Intl knows, else false: the config is checked with it. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** `2026-12-02`: the local calendar day of an instant (file names, 首次发现, due dates). */
export function localDate(iso: string, timeZone = DEFAULT_TIMEZONE): string {
  if (Number.isNaN(Date.parse(iso))) return iso;
  const p = parts(iso, timeZone);
  return `${p['year']}-${p['month']}-${p['day']}`;
}

/** `2026-12-02 10:05:43 (UTC+08:00)`: an instant for a reader. */
export function localTime(iso: string, timeZone = DEFAULT_TIMEZONE): string {
  if (Number.isNaN(Date.parse(iso))) return iso;
  const p = parts(iso, timeZone);
  return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}:${p['second']} (UTC${offset(p)})`;
}

/** `2026-12-02T10:05:43+08:00`: ISO 8601 in local time, for fields both people and programs read. */
export function localIso(iso: string, timeZone = DEFAULT_TIMEZONE): string {
  if (Number.isNaN(Date.parse(iso))) return iso;
  const p = parts(iso, timeZone);
  return `${p['year']}-${p['month']}-${p['day']}T${p['hour']}:${p['minute']}:${p['second']}${offset(p)}`;
}
