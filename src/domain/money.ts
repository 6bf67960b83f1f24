// Exact decimal arithmetic for money, quantities, discounts and rates (spec §1.8, §3.1).
// Rounding rules, written down once:
// - storage: every amount is kept with 2 decimals, rounded half away from zero (round2Away),
//   as the original's DECIMAL(10,2) columns do; exchange rates keep 6 decimals (DECISIONS Q26);
// - computation: the cost formula rounds half to even (round2Even), as .NET Math.Round does.
import { Decimal as DecimalJs } from 'decimal.js';

export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const HUNDRED = new Decimal(100);

/** The largest amount a 2-decimal column of the original can hold (DECISIONS: larger is a 400). */
export const MAX_AMOUNT = new Decimal('99999999.99');

export const round2Even = (x: Decimal): Decimal => x.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
export const round2Away = (x: Decimal): Decimal => x.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
export const round6Away = (x: Decimal): Decimal => x.toDecimalPlaces(6, Decimal.ROUND_HALF_UP);

// Invariant-culture decimal syntax (spec §1.3): sign, digits, optional fraction, optional exponent.
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Parses decimal text exactly; undefined when it is not a number (no thousands separators, no comma). */
export function parseDecimal(text: string): Decimal | undefined {
  const t = text.trim();
  if (!DECIMAL_TEXT.test(t)) return undefined;
  const d = new Decimal(t);
  return d.isFinite() ? d : undefined;
}

/** Scaled integer (hundredths or millionths) for storage; the caller has rounded already. */
export const toScaled = (x: Decimal, scale: 2 | 6): number => x.times(scale === 2 ? 100 : 1_000_000).toNumber();
export const fromScaled = (n: number | string | bigint, scale: 2 | 6): Decimal =>
  new Decimal(String(n)).dividedBy(scale === 2 ? 100 : 1_000_000);
