// Invoice lines (BG-25) from ONLYOFFICE lines. The line arithmetic is the one of `cost` (spec
// §3.1): gross = round2_even(price × quantity), discount = round2_even(gross × discount %), and
// the net amount BT-131 = gross − discount. The mapping (README "E-invoices"):
// - the price is the item net price BT-146, the discount a line allowance BG-27 (reason code 95);
// - the line's first tax is its VAT category BT-151 and rate BT-152: S for a rate > 0, Z for 0 %
//   (a negative rate cannot be expressed); a line without any tax takes the organisation's
//   untaxed category, O (default) or E;
// - a second tax beside a 0 % first tax is a line charge BG-28 (an allowance when negative) of
//   round2_even(net × rate), so the totals stay those of `cost`; beside a first tax > 0 % it
//   cannot be expressed: EN 16931 allows one VAT rate per line, and as a charge it would itself
//   bear that VAT, which ONLYOFFICE does not compute.
import type { EinvoiceLineInput, EinvoiceTaxInput } from '../documents/einvoice-input.js';
import { computeLineAmounts } from '../invoices/invoice-cost.js';
import { HUNDRED, round2Even, ZERO, type Decimal } from '../money.js';
import type { AllowanceCharge, EinvoiceLine, LineVat } from './einvoice-model.js';
import type { EinvoiceFindings } from './findings.js';
import type { UntaxedCategory } from './einvoice-settings.js';

/** UN/ECE Rec. 20 "one": ONLYOFFICE lines have no unit of measure. */
export const UNIT_CODE = 'C62';
/** UNTDID 5189 code 95, "Discount". */
export const DISCOUNT_REASON_CODE = '95';
export const DISCOUNT_REASON = 'Discount';

const percentText = (rate: Decimal) => `${rate.toFixed(2)} %`;

function taxCharge(tax: EinvoiceTaxInput, net: Decimal): AllowanceCharge {
  const percent = tax.rate.abs();
  return {
    isCharge: tax.rate.isPositive(),
    // The amount `cost` adds for this tax (spec §3.1: round2_even per line and tax).
    amount: round2Even(net.times(percent).dividedBy(HUNDRED)),
    baseAmount: net,
    percent,
    // No UNTDID 7161 code means "a second tax"; the text says which (BR-42/BR-44 need one of both).
    reasonCode: undefined,
    reason: `${tax.name} (${percentText(tax.rate)})`,
  };
}

function lineVatOf(line: EinvoiceLineInput, position: number, untaxed: UntaxedCategory, findings: EinvoiceFindings): { vat: LineVat; vatTax: EinvoiceTaxInput | null } {
  // The line's VAT tax: its first tax, or its second one when that is the only one.
  const vatTax = line.tax1 ?? line.tax2;
  if (!vatTax) return { vat: { category: untaxed, rate: untaxed === 'E' ? ZERO : undefined }, vatTax: null };
  if (vatTax.rate.isNegative() && !vatTax.rate.isZero()) {
    findings.cannotExpress(`BT-152 Invoiced item VAT rate: line ${position} has the tax "${vatTax.name}" of ${percentText(vatTax.rate)}; EN 16931 VAT rates are not negative`);
  }
  return { vat: { category: vatTax.rate.greaterThan(ZERO) ? 'S' : 'Z', rate: vatTax.rate.greaterThan(ZERO) ? vatTax.rate : ZERO }, vatTax };
}

export function composeLines(lines: readonly EinvoiceLineInput[], untaxed: UntaxedCategory, findings: EinvoiceFindings): EinvoiceLine[] {
  if (lines.length === 0) findings.missingTerm('BG-25 Invoice line (the invoice has no lines)');
  return lines.map((line, i): EinvoiceLine => {
    const position = i + 1;
    const amounts = computeLineAmounts({ price: line.price, quantity: line.quantity, discount: line.discount, tax1Rate: null, tax2Rate: null });
    const { vat, vatTax } = lineVatOf(line, position, untaxed, findings);
    const allowancesCharges: AllowanceCharge[] = [];
    if (line.discount.greaterThan(ZERO)) {
      allowancesCharges.push({
        isCharge: false, amount: amounts.discount, baseAmount: amounts.gross, percent: line.discount, reasonCode: DISCOUNT_REASON_CODE, reason: DISCOUNT_REASON,
      });
    }
    let netAmount = amounts.net;
    const second = line.tax1 && line.tax2 && vatTax === line.tax1 ? line.tax2 : null;
    if (second && !second.rate.isZero()) {
      if (vat.category === 'Z') {
        const charge = taxCharge(second, amounts.net);
        allowancesCharges.push(charge);
        // BT-131 = quantity × price − discount + charges − other allowances.
        netAmount = charge.isCharge ? netAmount.plus(charge.amount) : netAmount.minus(charge.amount);
      } else if (vat.category === 'S') {
        findings.cannotExpress(
          `BG-28 Invoice line charge: line ${position} has a second tax "${second.name}" (${percentText(second.rate)}) beside its VAT "${line.tax1!.name}" (${percentText(line.tax1!.rate)}); EN 16931 gives a line one VAT rate (BT-152), and as a line charge the second tax would itself bear that VAT, which changes the invoice's amounts`,
        );
      }
    }
    if (line.itemTitle.trim() === '') findings.missingTerm(`BT-153 Item name (line ${position})`);
    return {
      id: String(position),
      quantity: line.quantity,
      unitCode: UNIT_CODE,
      netAmount,
      price: line.price,
      itemName: line.itemTitle.trim(),
      itemDescription: line.description.trim(),
      sellerItemId: line.sku.trim(),
      vat,
      allowancesCharges,
    };
  });
}
