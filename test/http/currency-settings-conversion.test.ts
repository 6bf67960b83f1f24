// The conversion rule behind GET settings/currency/convert and summarytable (spec §6.5), checked
// against exact rational arithmetic on BigInt: whatever the amount and rates, the result is the
// exact product rounded to 4 decimals half away from zero, and the path (direct, inverse, through
// the default currency) is the documented one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyConversion, conversionRate, findConversionFactor, type RatePair } from '../../src/domain/currencies/conversion.js';
import { Decimal } from '../../src/domain/money.js';

/** A decimal text with up to `places` fraction digits → [numerator, 10^places]. */
const rational = (text: string, places: number): [bigint, bigint] => {
  const [int = '0', frac = ''] = text.replace('-', '').split('.');
  const n = BigInt(int + frac.padEnd(places, '0'));
  return [text.startsWith('-') ? -n : n, 10n ** BigInt(places)];
};

/** p/q rounded to `places` decimals, half away from zero, as text with exactly `places` digits. */
function roundAway(p: bigint, q: bigint, places: number): string {
  const scale = 10n ** BigInt(places);
  const negative = p < 0n !== q < 0n && p !== 0n;
  const [ap, aq] = [p < 0n ? -p : p, q < 0n ? -q : q];
  const r = (2n * ap * scale + aq) / (2n * aq);
  const digits = r.toString().padStart(places + 1, '0');
  return `${negative && r !== 0n ? '-' : ''}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

const scaled = (places: number, max: bigint, min = 0n) =>
  fc.bigInt({ min, max }).map((n) => {
    const neg = n < 0n;
    const digits = (neg ? -n : n).toString().padStart(places + 1, '0');
    return `${neg ? '-' : ''}${digits.slice(0, -places)}.${digits.slice(-places)}`;
  });

const amountArb = scaled(6, 10n ** 20n, -(10n ** 20n));
const rateArb = scaled(6, 99_999_999_990_000n, 1n); // 0.000001 … 99 999 999.99

const pair = (fromCurrency: string, toCurrency: string, rate: string): RatePair => ({ fromCurrency, toCurrency, rate: new Decimal(rate) });

describe('conversion with manual rates', () => {
  it('direct pair: amount × rate, rounded half away from zero to 4 decimals, exactly', () => {
    fc.assert(
      fc.property(amountArb, rateArb, (amount, rate) => {
        const f = findConversionFactor([pair('USD', 'EUR', rate)], 'USD', 'EUR', 'EUR')!;
        const [ap, aq] = rational(amount, 6);
        const [rp, rq] = rational(rate, 6);
        expect(applyConversion(new Decimal(amount), f).toFixed(4)).toBe(roundAway(ap * rp, aq * rq, 4));
      }),
      { numRuns: 500 },
    );
  });

  it('ties (an odd number of 0.00005) round away from zero, not to even', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.constantFrom('1', '0.5', '2'), (m, rate) => {
        // amount × rate = (2m + 1) × 0.00005 exactly.
        const [tp, tq] = [(2n * m + 1n) * 5n, 100_000n];
        const [rp, rq] = rational(rate, 1);
        const amount = new Decimal(tp.toString()).dividedBy(tq.toString()).times(rq.toString()).dividedBy(rp.toString());
        const f = findConversionFactor([pair('USD', 'EUR', rate)], 'USD', 'EUR', 'EUR')!;
        expect(applyConversion(amount, f).toFixed(4)).toBe(roundAway(tp, tq, 4));
      }),
      { numRuns: 300 },
    );
  });

  it('inverse pair: amount / rate, exactly rounded', () => {
    fc.assert(
      fc.property(amountArb, rateArb, (amount, rate) => {
        const f = findConversionFactor([pair('EUR', 'USD', rate)], 'USD', 'EUR', 'EUR')!;
        const [ap, aq] = rational(amount, 6);
        const [rp, rq] = rational(rate, 6);
        expect(applyConversion(new Decimal(amount), f).toFixed(4)).toBe(roundAway(ap * rq, aq * rp, 4));
      }),
      { numRuns: 500 },
    );
  });

  it('through the default currency, each leg direct or inverse, exactly rounded once', () => {
    fc.assert(
      fc.property(amountArb, rateArb, rateArb, fc.boolean(), fc.boolean(), (amount, r1, r2, inv1, inv2) => {
        const rates = [inv1 ? pair('EUR', 'USD', r1) : pair('USD', 'EUR', r1), inv2 ? pair('GBP', 'EUR', r2) : pair('EUR', 'GBP', r2)];
        const f = findConversionFactor(rates, 'USD', 'GBP', 'EUR')!;
        const [ap, aq] = rational(amount, 6);
        const [p1, q1] = rational(r1, 6);
        const [p2, q2] = rational(r2, 6);
        const [n1, d1] = inv1 ? [q1, p1] : [p1, q1];
        const [n2, d2] = inv2 ? [q2, p2] : [p2, q2];
        expect(applyConversion(new Decimal(amount), f).toFixed(4)).toBe(roundAway(ap * n1 * n2, aq * d1 * d2, 4));
        expect(conversionRate(f).toFixed(6)).toBe(roundAway(n1 * n2, d1 * d2, 6));
      }),
      { numRuns: 500 },
    );
  });

  it('prefers direct over inverse over the default currency; no path → undefined', () => {
    const rates = [pair('USD', 'EUR', '0.9'), pair('EUR', 'USD', '1.2'), pair('GBP', 'EUR', '1.25'), pair('USD', 'GBP', '0.5')];
    expect(applyConversion(new Decimal(10), findConversionFactor(rates, 'USD', 'EUR', 'EUR')!).toString()).toBe('9');
    expect(applyConversion(new Decimal(10), findConversionFactor(rates, 'USD', 'GBP', 'EUR')!).toString()).toBe('5');
    expect(applyConversion(new Decimal(10), findConversionFactor(rates, 'GBP', 'USD', 'EUR')!).toString()).toBe('20');
    expect(findConversionFactor(rates, 'USD', 'JPY', 'EUR')).toBeUndefined();
    // A path through the default currency needs both legs; the default itself is not a detour.
    expect(findConversionFactor([pair('USD', 'EUR', '0.9')], 'USD', 'GBP', 'EUR')).toBeUndefined();
    expect(findConversionFactor([pair('USD', 'GBP', '0.8')], 'EUR', 'GBP', 'EUR')).toBeUndefined();
    expect(conversionRate(findConversionFactor([], 'CHF', 'CHF', 'EUR')!).toString()).toBe('1');
  });
});
