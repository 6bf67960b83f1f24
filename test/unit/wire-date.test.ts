// ApiDateTime on the wire (spec §1.7 with DECISIONS "Wire format").
import { describe, expect, it } from 'vitest';
import { UNSET_DATE_TEXT, formatApiDate, parseApiDate } from '../../src/http/wire-date.js';

const API_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}[+-]\d{2}:\d{2}$/;
const at = (iso: string) => new Date(iso);
const parsed = (text: string, tz = 'UTC') => parseApiDate(text, tz)?.toISOString();

describe('formatApiDate', () => {
  it('writes 7 fraction digits and a numeric zero offset, never Z', () => {
    const text = formatApiDate(at('2024-05-01T12:00:00Z'), 'UTC');
    expect(text).toBe('2024-05-01T12:00:00.0000000+00:00');
    expect(text).toMatch(API_DATE);
    expect(text).not.toContain('Z');
    expect(formatApiDate(at('2024-05-01T12:00:00Z'), 'Etc/UTC')).toBe('2024-05-01T12:00:00.0000000+00:00');
    expect(formatApiDate(at('2024-01-01T00:00:00Z'), 'Europe/London')).toBe('2024-01-01T00:00:00.0000000+00:00');
  });

  it('keeps milliseconds in the first three fraction digits', () => {
    expect(formatApiDate(at('2024-05-01T12:00:00.123Z'), 'UTC')).toBe('2024-05-01T12:00:00.1230000+00:00');
    expect(formatApiDate(at('2024-05-01T12:00:00.007Z'), 'UTC')).toBe('2024-05-01T12:00:00.0070000+00:00');
  });

  it('writes tenant-local wall time with the offset of that instant (DST zone)', () => {
    expect(formatApiDate(at('2024-07-01T12:00:00Z'), 'Europe/Berlin')).toBe('2024-07-01T14:00:00.0000000+02:00');
    expect(formatApiDate(at('2024-01-15T12:00:00Z'), 'Europe/Berlin')).toBe('2024-01-15T13:00:00.0000000+01:00');
    // The spring change in Berlin: 01:00 UTC, 02:00 CET becomes 03:00 CEST.
    expect(formatApiDate(at('2024-03-31T00:59:59Z'), 'Europe/Berlin')).toBe('2024-03-31T01:59:59.0000000+01:00');
    expect(formatApiDate(at('2024-03-31T01:00:00Z'), 'Europe/Berlin')).toBe('2024-03-31T03:00:00.0000000+02:00');
  });

  it('writes half-hour and negative offsets', () => {
    expect(formatApiDate(at('2024-05-01T00:00:00Z'), 'Asia/Kolkata')).toBe('2024-05-01T05:30:00.0000000+05:30');
    expect(formatApiDate(at('2024-12-31T23:30:00.5Z'), 'Asia/Kolkata')).toBe('2025-01-01T05:00:00.5000000+05:30');
    expect(formatApiDate(at('2024-01-15T12:00:00Z'), 'America/New_York')).toBe('2024-01-15T07:00:00.0000000-05:00');
    expect(formatApiDate(at('2024-01-15T12:00:00Z'), 'America/St_Johns')).toBe('2024-01-15T08:30:00.0000000-03:30');
    expect(formatApiDate(at('2024-01-01T03:00:00Z'), 'America/Los_Angeles')).toBe('2023-12-31T19:00:00.0000000-08:00');
  });

  it('writes the unset date with a numeric offset', () => {
    expect(formatApiDate(null, 'Europe/Berlin')).toBe('0001-01-01T00:00:00.0000000+00:00');
    expect(formatApiDate(undefined, 'UTC')).toBe(UNSET_DATE_TEXT);
    expect(UNSET_DATE_TEXT).toMatch(API_DATE);
  });

  it('writes early years with four digits and a sane offset', () => {
    expect(formatApiDate(at('0001-01-01T00:00:00Z'), 'UTC')).toBe(UNSET_DATE_TEXT);
    const berlin = formatApiDate(at('0050-06-01T12:00:00Z'), 'Europe/Berlin');
    expect(berlin).toMatch(API_DATE);
    expect(berlin.slice(0, 13)).toBe('0050-06-01T12'); // local mean time, under an hour ahead
  });
});

describe('parseApiDate: the formats of spec §1.7', () => {
  it('reads the round-trip format with an offset or Z', () => {
    expect(parsed('2024-05-01T12:00:00.0000000+03:00')).toBe('2024-05-01T09:00:00.000Z');
    expect(parsed('2024-05-01T12:00:00.0000000Z')).toBe('2024-05-01T12:00:00.000Z');
    expect(parsed('2024-05-01T12:00:00.1234567-02:30')).toBe('2024-05-01T14:30:00.123Z');
  });

  it('reads its own output back to the same instant, in any zone', () => {
    for (const tz of ['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'America/St_Johns']) {
      for (const iso of ['2024-07-01T12:34:56.789Z', '2024-01-15T00:00:00.000Z', '2024-03-31T01:00:00.000Z']) {
        const text = formatApiDate(at(iso), tz);
        expect(parseApiDate(text, 'Pacific/Auckland')?.toISOString(), `${tz} ${text}`).toBe(iso);
      }
    }
  });

  it('reads the unset date back as year 1', () => {
    expect(parsed(UNSET_DATE_TEXT)).toBe('0001-01-01T00:00:00.000Z');
    expect(parsed('0001-01-01T00:00:00.0000000Z')).toBe('0001-01-01T00:00:00.000Z');
    expect(parsed('0099-12-31')).toBe('0099-12-31T00:00:00.000Z');
    const berlin = parseApiDate('0001-01-01', 'Europe/Berlin')!.getTime();
    expect(Math.abs(berlin - at('0001-01-01T00:00:00Z').getTime())).toBeLessThan(3_600_000);
  });

  it('reads dash-separated times', () => {
    expect(parsed('2024-05-01T12-00-00.0000000+03:00')).toBe('2024-05-01T09:00:00.000Z');
    expect(parsed('2024-05-01T12-00-00.123Z')).toBe('2024-05-01T12:00:00.123Z');
    expect(parsed('2024-05-01T12-30-15+01:00')).toBe('2024-05-01T11:30:15.000Z');
    expect(parsed('2024-05-01T12-30-15Z')).toBe('2024-05-01T12:30:15.000Z');
    expect(parsed('2024-05-01T12-30-15', 'Asia/Kolkata')).toBe('2024-05-01T07:00:15.000Z');
  });

  it('reads .fff fractions with and without a zone', () => {
    expect(parsed('2024-05-01T12:00:00.250+03:00')).toBe('2024-05-01T09:00:00.250Z');
    expect(parsed('2024-05-01T12:00:00.250Z')).toBe('2024-05-01T12:00:00.250Z');
    expect(parsed('2024-05-01T12:00:00.250', 'Europe/Berlin')).toBe('2024-05-01T10:00:00.250Z');
  });

  it('takes values without zone information as tenant-local time', () => {
    expect(parsed('2024-05-01T10:00:00')).toBe('2024-05-01T10:00:00.000Z');
    expect(parsed('2024-07-01T12:00:00', 'Europe/Berlin')).toBe('2024-07-01T10:00:00.000Z');
    expect(parsed('2024-01-15T12:00:00', 'Europe/Berlin')).toBe('2024-01-15T11:00:00.000Z');
    expect(parsed('2024-01-15T12:00:00', 'America/New_York')).toBe('2024-01-15T17:00:00.000Z');
  });

  it('honours an explicit Z or offset whatever the tenant zone', () => {
    expect(parsed('2024-07-01T12:00:00Z', 'Europe/Berlin')).toBe('2024-07-01T12:00:00.000Z');
    expect(parsed('2024-07-01T12:00:00+05:30', 'Europe/Berlin')).toBe('2024-07-01T06:30:00.000Z');
    expect(parsed('2024-07-01T12:00:00-00:00', 'Asia/Kolkata')).toBe('2024-07-01T12:00:00.000Z');
  });

  it('reads a date only as tenant-local midnight', () => {
    expect(parsed('2024-05-01')).toBe('2024-05-01T00:00:00.000Z');
    expect(parsed('2024-05-01', 'Asia/Kolkata')).toBe('2024-04-30T18:30:00.000Z');
    expect(parsed('2024-07-01', 'Europe/Berlin')).toBe('2024-06-30T22:00:00.000Z');
    expect(parsed('2024-02-29')).toBe('2024-02-29T00:00:00.000Z');
  });

  it('ignores surrounding spaces', () => {
    expect(parsed(' 2024-05-01T12:00:00Z ')).toBe('2024-05-01T12:00:00.000Z');
  });
});

describe('parseApiDate: refused texts', () => {
  it.each([
    ['1 fraction digit', '2024-05-01T12:00:00.1Z'],
    ['2 fraction digits', '2024-05-01T12:00:00.12+03:00'],
    ['8 fraction digits', '2024-05-01T12:00:00.12345678Z'],
    ['hh:mm without seconds', '2024-05-01T12:00'],
    ['hh:mm without seconds, with a zone', '2024-05-01T12:00Z'],
    ['mixed separators', '2024-05-01T12:00-00'],
    ['Feb 30', '2024-02-30'],
    ['Feb 29 of a common year', '2023-02-29'],
    ['April 31', '2024-04-31T00:00:00Z'],
    ['month 13', '2024-13-01'],
    ['month 0', '2024-00-10'],
    ['day 0', '2024-05-00'],
    ['hour 24', '2024-05-01T24:00:00Z'],
    ['minute 60', '2024-05-01T12:60:00Z'],
    ['second 60', '2024-05-01T12:00:60Z'],
    ['offset without colon', '2024-05-01T12:00:00+0300'],
    ['offset beyond 14 hours', '2024-05-01T12:00:00+15:00'],
    ['offset minutes 60', '2024-05-01T12:00:00+01:60'],
    ['year 0', '0000-01-01'],
    ['empty', ''],
    ['short', '2024'],
    ['short with letters', 'today'],
    ['single-digit month and day', '2024-5-1'],
    ['another culture', '01.05.2024'],
    ['US style', '5/1/2024'],
    ['trailing garbage', '2024-05-01T12:00:00Zx'],
  ])('refuses %s', (_name, text) => {
    expect(parseApiDate(text, 'UTC')).toBeUndefined();
  });
});
