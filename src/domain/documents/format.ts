// How printed documents write numbers: in the invoice's culture, exactly (the digits come from the
// decimal's own text; Intl supplies only the separators, so no amount ever passes through a float).
import type { Decimal } from '../money.js';

interface Separators {
  group: string;
  decimal: string;
  minus: string;
  /** Whether the culture groups four-digit integers (es and pl do not: "1234,00"). */
  groupsFourDigits: boolean;
}

const cache = new Map<string, Separators>();

/** The culture documents format with: the invoice's language when Intl knows it, else en-US. */
export function documentLocale(language: string): string {
  if (!language.trim()) return 'en-US';
  try {
    return Intl.getCanonicalLocales(language.trim())[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

function separatorsOf(locale: string): Separators {
  let s = cache.get(locale);
  if (!s) {
    const parts = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, useGrouping: true }).formatToParts(-1234567.5);
    const four = new Intl.NumberFormat(locale).formatToParts(1234); // the culture's own grouping ("auto")
    const minus = parts.find((p) => p.type === 'minusSign')?.value ?? '-';
    s = {
      // A narrow no-break space (fr, …) becomes a no-break space: the one every font has.
      group: (parts.find((p) => p.type === 'group')?.value ?? '').replace('\u202f', '\u00a0'),
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
      minus,
      groupsFourDigits: four.some((p) => p.type === 'group'),
    };
    cache.set(locale, s);
  }
  return s;
}

/** `d` with `places` fraction digits (banker's rounding, as Decimal is configured), grouped as the culture writes it. */
export function formatDecimal(d: Decimal, locale: string, places = 2): string {
  const s = separatorsOf(locale);
  const text = d.toFixed(places);
  const negative = text.startsWith('-');
  const [int = '0', frac = ''] = (negative ? text.slice(1) : text).split('.');
  const grouped = int.length > 4 || (int.length === 4 && s.groupsFourDigits) ? int.replace(/\B(?=(\d{3})+(?!\d))/g, s.group) : int;
  const body = frac ? `${grouped}${s.decimal}${frac}` : grouped;
  return negative && !/^[0.]*$/.test(text.slice(1)) ? `${s.minus}${body}` : body;
}
