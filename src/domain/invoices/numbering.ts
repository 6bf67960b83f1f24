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

/** One value of a series and the number it formats to, with its uniqueness key. */
export interface SeriesCandidate {
  value: number;
  number: string;
  key: string;
}

/** The `count` numbers a series gives from counter value `from` on, in allocation order. */
export function seriesCandidates(prefix: string, startText: string, from: number, count: number): SeriesCandidate[] {
  return Array.from({ length: count }, (_, i) => {
    const number = formatSeriesNumber(prefix, from + i, startText);
    return { value: from + i, number, key: numberKey(number) };
  });
}

/**
 * The number the next allocation would take among `candidates` (DECISIONS "Numbering": GET
 * invoice/sample shows it without reserving it): the first one no invoice uses, as the creating
 * transaction skips values taken by hand. Undefined when every candidate is used: look further.
 */
export function firstFreeNumber(candidates: readonly SeriesCandidate[], usedKeys: ReadonlySet<string>): string | undefined {
  return candidates.find((c) => !usedKeys.has(c.key))?.number;
}
