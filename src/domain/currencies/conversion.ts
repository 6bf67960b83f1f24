// Converting amounts with the tenant's manual rates (spec §6.5 convert/summarytable, which the
// original computes from downloaded live rates; Ledgerline uses the §6.6 table, open question 9).
//
// The factor from F to T ("how many T one F is worth") is found, in this order:
//   1. F = T: 1;
//   2. the direct pair F→T: its rate;
//   3. the inverse pair T→F: 1 / its rate;
//   4. through the default currency D (F, T ≠ D) when both legs exist, each leg direct or inverse:
//      factor(F→D) × factor(D→T).
// The factor is kept as an exact fraction; only the result is rounded.
import { Decimal } from '../money.js';

export interface RatePair {
  fromCurrency: string;
  toCurrency: string;
  rate: Decimal;
}

export interface ConversionFactor {
  numerator: Decimal;
  denominator: Decimal;
}

const ONE = new Decimal(1);

/** The largest .NET decimal: an amount beyond it is not a decimal the original could bind. */
export const MAX_CONVERT_AMOUNT = new Decimal('79228162514264337593543950335');

function leg(rates: readonly RatePair[], from: string, to: string): ConversionFactor | undefined {
  const direct = rates.find((r) => r.fromCurrency === from && r.toCurrency === to && r.rate.greaterThan(0));
  if (direct) return { numerator: direct.rate, denominator: ONE };
  const inverse = rates.find((r) => r.fromCurrency === to && r.toCurrency === from && r.rate.greaterThan(0));
  if (inverse) return { numerator: ONE, denominator: inverse.rate };
  return undefined;
}

/** How many `to` one `from` is worth (rules 1–4 above), or undefined when no rate connects them. */
export function findConversionFactor(rates: readonly RatePair[], from: string, to: string, defaultCurrency: string): ConversionFactor | undefined {
  if (from === to) return { numerator: ONE, denominator: ONE };
  const single = leg(rates, from, to);
  if (single) return single;
  if (from === defaultCurrency || to === defaultCurrency) return undefined;
  const first = leg(rates, from, defaultCurrency);
  const second = first && leg(rates, defaultCurrency, to);
  if (!first || !second) return undefined;
  return { numerator: first.numerator.times(second.numerator), denominator: first.denominator.times(second.denominator) };
}

// Wide enough that amount (≤ 29 digits) × two rate legs (≤ 14 digits each) is exact before rounding.
const Wide = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_HALF_EVEN });

/** amount × factor, rounded to 4 decimals half away from zero (spec §6.5). */
export function applyConversion(amount: Decimal, f: ConversionFactor): Decimal {
  const exact = new Wide(amount.toString()).times(f.numerator.toString()).dividedBy(f.denominator.toString());
  return new Decimal(exact.toDecimalPlaces(4, Wide.ROUND_HALF_UP).toString());
}

/** The factor as a rate of the summary table: 6 decimals, like stored rates (DECISIONS Q26). */
export const conversionRate = (f: ConversionFactor): Decimal =>
  new Decimal(new Wide(f.numerator.toString()).dividedBy(f.denominator.toString()).toDecimalPlaces(6, Wide.ROUND_HALF_UP).toString());
