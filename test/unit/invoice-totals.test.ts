// The one totals formula (spec §3.2) that the snapshot, the PDF's InvoiceDocument and the web line
// editor share: worked examples, and a property against the code path it replaced.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeInvoiceCost, computeLineAmounts } from '../../src/domain/invoices/invoice-cost.js';
import { computeInvoiceTotals, type TotalsLine, type TotalsTax } from '../../src/domain/invoices/invoice-totals.js';
import { buildSnapshotTable, ENGLISH_LABELS } from '../../src/domain/invoices/snapshot.js';
import { Decimal, HUNDRED, round2Even, ZERO } from '../../src/domain/money.js';

const d = (s: string) => new Decimal(s);

/** The snapshot's arithmetic as it was before the shared function (kept verbatim as the reference). */
function oldSnapshotTotals(lines: readonly TotalsLine[]) {
  let subtotal = ZERO;
  let total = ZERO;
  const taxTotals = new Map<number, { label: string; amount: Decimal }>();
  const nets: string[] = [];
  for (const line of lines) {
    const { net } = computeLineAmounts({ ...line, tax1Rate: null, tax2Rate: null });
    subtotal = subtotal.plus(net);
    const rateSum = (line.tax1?.rate ?? ZERO).plus(line.tax2?.rate ?? ZERO);
    const taxValue = round2Even(net.times(rateSum).dividedBy(HUNDRED));
    const amount = round2Even(net.plus(taxValue));
    total = total.plus(amount);
    for (const tax of [line.tax1, line.tax2]) {
      if (!tax) continue;
      const entry = taxTotals.get(tax.id) ?? { label: `${tax.name} (${tax.rate.toFixed(2)}%)`, amount: ZERO };
      entry.amount = entry.amount.plus(round2Even(net.times(tax.rate).dividedBy(HUNDRED)));
      taxTotals.set(tax.id, entry);
    }
    nets.push(net.toFixed(2));
  }
  return {
    nets,
    subtotal: subtotal.toFixed(2),
    taxes: [...taxTotals.values()].map((t) => [t.label, t.amount.toFixed(2)]),
    total: total.toFixed(2),
  };
}

const TAXES: TotalsTax[] = [
  { id: 1, name: 'VAT', rate: d('20.00') },
  { id: 2, name: 'Reduced', rate: d('7.00') },
  { id: 3, name: 'Eco', rate: d('5.00') },
  { id: 4, name: 'Odd', rate: d('0.35') },
];

const cents = (max: number) => fc.integer({ min: 0, max }).map((n) => new Decimal(n).dividedBy(100));
const lineArb: fc.Arbitrary<TotalsLine> = fc.record({
  price: cents(10_000_000),
  quantity: cents(100_000),
  discount: cents(10_000),
  tax1: fc.option(fc.constantFrom(...TAXES), { nil: null }),
  tax2: fc.option(fc.constantFrom(...TAXES), { nil: null }),
});

describe('computeInvoiceTotals (spec §3.2)', () => {
  it('adds the two rates per line and rounds once: total 0.11 where cost is 0.10', () => {
    const t = computeInvoiceTotals([{ price: d('0.10'), quantity: d('1'), discount: ZERO, tax1: { id: 1, name: 'VAT', rate: d('5') }, tax2: { id: 2, name: 'Eco', rate: d('5') } }]);
    expect(t.subtotal.toFixed(2)).toBe('0.10');
    expect(t.taxes.map((x) => [x.tax.name, x.amount.toFixed(2)])).toEqual([['VAT', '0.00'], ['Eco', '0.00']]);
    expect(t.total.toFixed(2)).toBe('0.11');
    expect(t.cost.toFixed(2)).toBe('0.10');
  });

  it('gives gross, discount, subtotal, taxes by id in first-use order, and total', () => {
    const [vat, reduced] = TAXES;
    const t = computeInvoiceTotals([
      { price: d('100'), quantity: d('2'), discount: d('10'), tax1: vat!, tax2: null },
      { price: d('7.70'), quantity: d('3'), discount: ZERO, tax1: reduced!, tax2: vat! },
    ]);
    expect(t.gross.toFixed(2)).toBe('223.10');
    expect(t.discount.toFixed(2)).toBe('20.00');
    expect(t.subtotal.toFixed(2)).toBe('203.10');
    expect(t.taxes.map((x) => [x.tax.id, x.amount.toFixed(2), x.taxable.toFixed(2)])).toEqual([[1, '40.62', '203.10'], [2, '1.62', '23.10']]);
    expect(t.lines.map((l) => l.total.toFixed(2))).toEqual(['216.00', '29.34']);
    expect(t.total.toFixed(2)).toBe('245.34');
  });

  it('is zero for no lines', () => {
    const t = computeInvoiceTotals([]);
    expect([t.subtotal, t.total, t.cost, t.gross, t.discount].map((x) => x.toFixed(2))).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(t.taxes).toEqual([]);
  });

  it('equals the old snapshot arithmetic and the §3.1 cost for any lines (property)', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 12 }), (lines) => {
        const t = computeInvoiceTotals(lines);
        const old = oldSnapshotTotals(lines);
        expect(t.lines.map((l) => l.net.toFixed(2))).toEqual(old.nets);
        expect(t.subtotal.toFixed(2)).toBe(old.subtotal);
        expect(t.taxes.map((x) => [`${x.tax.name} (${x.tax.rate.toFixed(2)}%)`, x.amount.toFixed(2)])).toEqual(old.taxes);
        expect(t.total.toFixed(2)).toBe(old.total);
        expect(t.cost.toFixed(2)).toBe(computeInvoiceCost(lines.map((l) => ({ ...l, tax1Rate: l.tax1?.rate ?? null, tax2Rate: l.tax2?.rate ?? null }))).toFixed(2));
        // The snapshot table prints exactly these numbers.
        const table = buildSnapshotTable(lines.map((l) => ({ ...l, itemTitle: 'X', description: '' })), 'EUR', ENGLISH_LABELS);
        expect(table.TableTotalRow.Item2).toBe(old.total);
        expect(table.TableFooterRows[0]!.Item2).toBe(old.subtotal);
      }),
      { numRuns: 300 },
    );
  });
});
