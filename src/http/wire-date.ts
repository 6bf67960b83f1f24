// ApiDateTime (spec §1.7 with DECISIONS): out with 7 fraction digits and a numeric offset;
// in: the formats of §1.7, plus our own output.
import { offsetMinutesAt, utcWallMs, wallTimeToInstant } from '../domain/shared/time-zone.js';

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

export const UNSET_DATE_TEXT = '0001-01-01T00:00:00.0000000+00:00';

/** Formats an instant in the tenant's zone: `2024-05-01T15:00:00.0000000+03:00`. */
export function formatApiDate(instant: Date | null | undefined, timeZone: string): string {
  if (!instant) return UNSET_DATE_TEXT;
  const ms = instant.getTime();
  const off = offsetMinutesAt(ms, timeZone);
  const local = new Date(ms + off * 60_000);
  const iso = local.toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ in shifted time
  const sign = off < 0 ? '-' : '+';
  return `${iso.slice(0, 19)}.${pad(local.getUTCMilliseconds(), 3)}0000${sign}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
}

// yyyy-MM-dd, then an optional time with ':' or '-' separators, an optional fraction of 3 to 7
// digits, and an optional zone (Z or ±hh:mm). Spec §1.7: 1–2 fraction digits and hh:mm without
// seconds are refused.
const DATE_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})([:-])(\d{2})\5(\d{2})(?:\.(\d{3,7}))?(Z|[+-]\d{2}:\d{2})?)?$/i;

/** Parses an ApiDateTime; zone-less values are wall time in `timeZone`. Undefined when malformed. */
export function parseApiDate(text: string, timeZone: string): Date | undefined {
  const m = DATE_RE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', , mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  if (year < 1) return undefined;
  const wall = utcWallMs(year, month, day, hour, minute, second, ms);
  const check = new Date(wall);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return undefined; // 2024-02-30
  if (!zone) return new Date(wallTimeToInstant(wall, timeZone));
  if (zone.toUpperCase() === 'Z') return new Date(wall);
  const sign = zone.startsWith('-') ? -1 : 1;
  const offH = Number(zone.slice(1, 3)), offM = Number(zone.slice(4, 6));
  if (offH > 14 || offM > 59) return undefined;
  return new Date(wall - sign * (offH * 60 + offM) * 60_000);
}
