// VAT breakdown (BG-23) and document totals (BG-22) by the EN 16931 calculation rules: the
// taxable amount of a category is the sum of its lines' net amounts (BR-S-08, BR-Z-08, BR-E-08,
// BR-O-08), its VAT is that sum × rate rounded once to cents (BR-S-09; commercial rounding, half
// away from zero, as the Schematron's round() does for amounts ≥ 0), and the totals add up
// exactly (BR-CO-10, -13, -14, -15, -16).
//
// This differs from ONLYOFFICE's `cost` (spec §3.1), which rounds each line's tax half to even
// and sums those: the e-invoice's BT-112 may differ from `cost` by a few cents on invoices with
// many lines at one rate. `cost` stays as the original computes it (DECISIONS Q11); the e-invoice
// follows the standard, whose totals are what the buyer's system recomputes.
import { Decimal, HUNDRED, ZERO } from '../money.js';
import type { DocumentTotals, EinvoiceLine, VatBreakdown, VatCategoryCode } from './einvoice-model.js';

/** Rounds a VAT amount to cents, half away from zero (the one place this rule lives). */
export const roundVat = (x: Decimal): Decimal => x.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

export interface Exemption {
  reason: string | undefined;
  code: string | undefined;
}

/** One breakdown per (category, rate), in the order the lines first use them. */
export function composeVatBreakdown(lines: readonly EinvoiceLine[], exemption: Exemption): VatBreakdown[] {
  const groups = new Map<string, { category: VatCategoryCode; rate: Decimal | undefined; taxable: Decimal }>();
  for (const line of lines) {
    const key = `${line.vat.category}|${line.vat.rate?.toFixed(2) ?? ''}`;
    const g = groups.get(key) ?? { category: line.vat.category, rate: line.vat.rate, taxable: ZERO };
    g.taxable = g.taxable.plus(line.netAmount);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const exempt = g.category === 'E' || g.category === 'O';
    return {
      category: g.category,
      rate: g.rate,
      taxableAmount: g.taxable,
      taxAmount: g.category === 'S' && g.rate ? roundVat(g.taxable.times(g.rate).dividedBy(HUNDRED)) : ZERO,
      exemptionReason: exempt ? exemption.reason : undefined,
      exemptionReasonCode: exempt ? exemption.code : undefined,
    };
  });
}

export function composeTotals(lines: readonly EinvoiceLine[], breakdown: readonly VatBreakdown[]): DocumentTotals {
  const lineNet = lines.reduce((sum, l) => sum.plus(l.netAmount), ZERO);
  const vatTotal = breakdown.reduce((sum, b) => sum.plus(b.taxAmount), ZERO);
  // No document-level allowances or charges (ONLYOFFICE has none) and nothing prepaid.
  const taxExclusive = lineNet;
  const taxInclusive = taxExclusive.plus(vatTotal);
  return { lineNet, taxExclusive, vatTotal, taxInclusive, payable: taxInclusive };
}
