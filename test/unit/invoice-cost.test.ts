// spec §3.1: the cost formula on the worked examples, and a property test against an independent
// reference written with BigInt hundredths (no decimal library, no floats).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeInvoiceCost, type CostLine } from '../../src/domain/invoices/invoice-cost.js';
import { Decimal } from '../../src/domain/money.js';

const d = (s: string) => new Decimal(s);
const line = (price: string, qty: string, disc: string, t1: string | null, t2: string | null): CostLine => ({
  price: d(price), quantity: d(qty), discount: d(disc), tax1Rate: t1 === null ? null : d(t1), tax2Rate: t2 === null ? null : d(t2),
});

describe('invoice cost (spec §3.1)', () => {
  it('worked example 1: 721.88', () => {
    expect(computeInvoiceCost([line('7.70', '100.00', '25.00', '20.00', '5.00')]).toFixed(2)).toBe('721.88');
  });
  it('worked example 2: banker\'s rounding gives 0.52, not 0.53', () => {
    expect(computeInvoiceCost([line('1.05', '0.50', '0', null, null)]).toFixed(2)).toBe('0.52');
  });
  it('worked example 3: each 0.005 tax rounds to 0.00 → 0.10', () => {
    expect(computeInvoiceCost([line('0.10', '1.00', '0', '5.00', '5.00')]).toFixed(2)).toBe('0.10');
  });
  it('the seed fixture of spec §8: 2 × 100 at 10% off with 20% VAT → 216.00', () => {
    expect(computeInvoiceCost([line('100', '2', '10', '20', null)]).toFixed(2)).toBe('216.00');
  });
  it('no lines → 0', () => {
    expect(computeInvoiceCost([]).toFixed(2)).toBe('0.00');
  });
  it('the same tax twice on a line is applied twice; negative rates are allowed', () => {
    expect(computeInvoiceCost([line('10.00', '1', '0', '10', '10')]).toFixed(2)).toBe('12.00');
    expect(computeInvoiceCost([line('10.00', '1', '0', '-10', null)]).toFixed(2)).toBe('9.00');
  });
});

// ---- independent reference: BigInt arithmetic on hundredths ----
/** Rounds num/den to the nearest integer, ties to even (den > 0). */
function divRoundEven(num: bigint, den: bigint): bigint {
  const neg = num < 0n;
  const a = neg ? -num : num;
  let q = a / den;
  const r = a % den;
  if (2n * r > den || (2n * r === den && q % 2n === 1n)) q += 1n;
  return neg ? -q : q;
}

interface CentsLine { price: bigint; qty: bigint; disc: bigint; t1: bigint | null; t2: bigint | null } // all in hundredths

function referenceCost(lines: CentsLine[]): bigint {
  let total = 0n; // hundredths; the sum of 2-decimal values needs no further rounding
  for (const l of lines) {
    const gross = divRoundEven(l.price * l.qty, 100n); // (p/100)(q/100) in hundredths
    const disc = divRoundEven(gross * l.disc, 10_000n); // gross * (d/100) / 100
    const net = gross - disc;
    const t1 = l.t1 === null ? 0n : divRoundEven(net * l.t1, 10_000n);
    const t2 = l.t2 === null ? 0n : divRoundEven(net * l.t2, 10_000n);
    total += net + t1 + t2;
  }
  return total;
}

const cents = (n: bigint) => new Decimal(n.toString()).dividedBy(100);

describe('invoice cost, property', () => {
  it('equals an independent integer reference for 2-decimal inputs', () => {
    const amount = fc.bigInt({ min: 0n, max: 9_999_999_999n });
    const rate = fc.option(fc.bigInt({ min: -10_000n, max: 30_000n }), { nil: null });
    const arbLine = fc.record({ price: amount, qty: fc.bigInt({ min: 0n, max: 1_000_000n }), disc: fc.bigInt({ min: 0n, max: 10_000n }), t1: rate, t2: rate });
    fc.assert(
      fc.property(fc.array(arbLine, { minLength: 0, maxLength: 12 }), (lines) => {
        const ours = computeInvoiceCost(lines.map((l) => ({
          price: cents(l.price), quantity: cents(l.qty), discount: cents(l.disc),
          tax1Rate: l.t1 === null ? null : cents(l.t1), tax2Rate: l.t2 === null ? null : cents(l.t2),
        })));
        expect(ours.toFixed(2)).toBe(cents(referenceCost(lines)).toFixed(2));
      }),
      { numRuns: 2000 },
    );
  });
});
