// Invoice numbers (DECISIONS "Numbering"): a per-tenant series `prefix + zero-padded counter`,
// whose start value's length fixes the padding. Uniqueness ignores case via a normalised key.
import { uniqueKey } from './catalogue.js';

/** `INV-` + 42 with start "0000001" → `INV-0000042`. Padding never truncates. */
export function formatSeriesNumber(prefix: string, value: number, startText: string): string {
  const digits = String(value);
  return prefix + (startText.length > digits.length ? digits.padStart(startText.length, '0') : digits);
}

/** The counter value a series starts at: the start text's integer value (non-digits: 1). */
export function seriesStartValue(startText: string): number {
  const t = startText.trim();
  return /^\d{1,15}$/.test(t) ? Number(t) : 1;
}

export const numberKey = (number: string): string => uniqueKey(number.trim());
