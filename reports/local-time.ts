/**
 * Times as people read them: in the office's time zone (config `timezone`, Beijing by default),
 * with the offset written out, so a report read elsewhere is still unambiguous. JSON keeps ISO
 * 8601 instants; everything a person reads goes through here.
 */
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

const formats = new Map<string, Intl.DateTimeFormat>();

function intlParts(t: number, timeZone: string): Record<string, string> {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset',
    });
    formats.set(timeZone, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(t))) out[p.type] = p.value;
  return out;
}

/**
 * A zone's offset is the same within a quarter hour (every transition falls on one), so Intl is
 * asked once per quarter hour and the fields are computed: a 100,000-row ledger formats its
 * dates in milliseconds instead of seconds.
 */
const QUARTER = 15 * 60_000;
const offsets = new Map<string, { minutes: number; text: string }>();

function parts(iso: string, timeZone: string): Record<string, string> {
  const t = Date.parse(iso);
  const key = `${timeZone}|${Math.floor(t / QUARTER)}`;
  let o = offsets.get(key);
  if (!o) {
    const text = offset(intlParts(t, timeZone));
    const m = /^([+-])(\d{2}):(\d{2})$/.exec(text);
    o = { minutes: m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0, text };
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, o);
  }
  const d = new Date(t + o.minutes * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    year: String(d.getUTCFullYear()), month: two(d.getUTCMonth() + 1), day: two(d.getUTCDate()),
    hour: two(d.getUTCHours()), minute: two(d.getUTCMinutes()), second: two(d.getUTCSeconds()), timeZoneName: `GMT${o.text === '+00:00' ? '' : o.text}`,
  };
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
