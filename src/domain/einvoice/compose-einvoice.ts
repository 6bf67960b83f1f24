// The EN 16931 semantic model of an invoice (README "E-invoices" documents the mapping). Every
// gap is collected first; one 400 then names each missing business term.
import type { EinvoiceInput } from '../documents/einvoice-input.js';
import { CURRENCY_CODES } from './code-lists.js';
import { composeLines } from './einvoice-lines.js';
import type { EinvoiceModel, EinvoiceProfile, VatCategoryCode } from './einvoice-model.js';
import { composeBuyer, composeDelivery, composePayment, composeSeller } from './einvoice-parties.js';
import { composeTotals, composeVatBreakdown, type Exemption } from './einvoice-totals.js';
import { EinvoiceFindings } from './findings.js';

/** BT-120 of untaxed lines when the organisation gives no reason (category O needs one, BR-O-10). */
export const NOT_SUBJECT_TO_VAT = 'Not subject to VAT';

const DOCUMENT_NAMES: Record<EinvoiceProfile['format'], string> = {
  ubl: 'an EN 16931 e-invoice (UBL)',
  cii: 'an EN 16931 e-invoice (CII)',
  'xrechnung-ubl': 'an XRechnung 3.0 e-invoice (UBL)',
  'xrechnung-cii': 'an XRechnung 3.0 e-invoice (CII)',
  facturx: 'a Factur-X (EN 16931) e-invoice',
};

const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());

function exemptionOf(input: EinvoiceInput, categories: ReadonlySet<VatCategoryCode>, findings: EinvoiceFindings): Exemption {
  const s = input.seller.settings;
  const reason = optional(s.exemptionReason);
  const code = optional(s.exemptionReasonCode);
  // BR-E-10: exempt lines say why; O has a neutral default text (BR-O-10).
  if (categories.has('E') && !reason && !code) {
    findings.missingTerm('BT-120 VAT exemption reason text (organisation e-invoice setting exemptionReason, for lines without a tax)');
  }
  return { reason: reason ?? (code ? undefined : NOT_SUBJECT_TO_VAT), code };
}

export function composeEinvoice(input: EinvoiceInput, profile: EinvoiceProfile): EinvoiceModel {
  const findings = new EinvoiceFindings();
  if (!input.number.trim()) findings.missingTerm('BT-1 Invoice number');
  if (!CURRENCY_CODES.has(input.currency)) {
    findings.cannotExpress(`BT-5 Invoice currency code: ${input.currency} is not in the ISO 4217 list of EN 16931 (BR-CL-03)`);
  }
  const untaxed = input.seller.settings.untaxedCategoryCode || 'O';
  const lines = composeLines(input.lines, untaxed, findings);
  const categories = new Set(lines.map((l) => l.vat.category));
  // BR-O-11…14: "not subject to VAT" cannot stand beside taxed lines.
  if (categories.has('O') && categories.size > 1) {
    const untaxedLines = lines.filter((l) => l.vat.category === 'O').map((l) => l.id).join(', ');
    findings.cannotExpress(
      `BT-151 Invoiced item VAT category code: line ${untaxedLines} has no tax, and lines without a tax are "not subject to VAT" (category O), which EN 16931 does not allow beside taxed lines (BR-O-11); give the line a 0 % tax, or set the organisation's untaxedCategoryCode to E (exempt) with an exemption reason`,
    );
  }
  const seller = composeSeller(input, categories, profile, findings);
  const buyer = composeBuyer(input.buyer, categories, profile, findings);
  const delivery = composeDelivery(input.consignee, profile, findings);
  const payment = composePayment(input, profile, findings);
  const exemption = exemptionOf(input, categories, findings);
  // BT-10: the contact's buyer reference (a Leitweg-ID for German public buyers), else the PO number.
  const buyerReference = optional(input.buyer.settings.buyerReference) ?? optional(input.purchaseOrderNumber);
  if (profile.xrechnung && !buyerReference) {
    findings.missingTerm('BT-10 Buyer reference (BR-DE-15: the contact\'s e-invoice setting buyerReference, e.g. a Leitweg-ID, or the invoice\'s purchaseOrderNumber)');
  }
  findings.throwIfAny(DOCUMENT_NAMES[profile.format]);

  const vatBreakdown = composeVatBreakdown(lines, exemption);
  return {
    profile,
    number: input.number.trim(),
    issueDate: input.issueDate,
    dueDate: input.dueDate,
    typeCode: '380',
    currency: input.currency,
    note: optional(input.description),
    buyerReference,
    orderReference: optional(input.purchaseOrderNumber),
    paymentTerms: optional(input.terms),
    seller,
    buyer,
    delivery,
    payment,
    lines,
    vatBreakdown,
    totals: composeTotals(lines, vatBreakdown),
  };
}
