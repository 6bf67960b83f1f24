// Wall-clock arithmetic in IANA time zones, on Intl only (no tz database of our own).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Date.UTC for any year 1..9999 (Date.UTC reads years 0..99 as 1900..1999). Out-of-range
 * fields roll over as in Date.UTC; callers that validate compare the fields afterwards.
 */
export function utcWallMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  if (year !== 2000) d.setUTCFullYear(year + (d.getUTCFullYear() - 2000));
  return d.getTime();
}

/** Offset of `timeZone` from UTC at instant `ms`, in minutes (east positive). */
export function offsetMinutesAt(ms: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const wall = utcWallMs(get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second'));
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  return Math.round((wall - whole) / 60_000);
}

/** The UTC instant at which the wall clock of `timeZone` shows `wallMs` (wall time encoded as if UTC). */
export function wallTimeToInstant(wallMs: number, timeZone: string): number {
  let guess = wallMs - offsetMinutesAt(wallMs, timeZone) * 60_000;
  // A second pass settles instants near a DST change.
  guess = wallMs - offsetMinutesAt(guess, timeZone) * 60_000;
  return guess;
}

/** The calendar date (YYYY-MM-DD) of instant `ms` in `timeZone` (DECISIONS Q25: tenant-local dates). */
export function localDate(ms: number, timeZone: string): string {
  const local = new Date(ms + offsetMinutesAt(ms, timeZone) * 60_000);
  return local.toISOString().slice(0, 10);
}
