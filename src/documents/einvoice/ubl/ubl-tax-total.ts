// VAT total (BT-110) and breakdown (BG-23).
import type { EinvoiceModel } from '../../../domain/einvoice/einvoice-model.js';
import { decimal, leaf, optionalLeaf, type Node } from '../xml.js';
import { money, vatScheme } from './ubl-names.js';

export function writeTaxTotal(root: Node, m: EinvoiceModel): void {
  const total = root.ele('cac:TaxTotal');
  money(total, 'cbc:TaxAmount', m.totals.vatTotal, m.currency);
  for (const b of m.vatBreakdown) {
    const sub = total.ele('cac:TaxSubtotal');
    money(sub, 'cbc:TaxableAmount', b.taxableAmount, m.currency);
    money(sub, 'cbc:TaxAmount', b.taxAmount, m.currency);
    const category = sub.ele('cac:TaxCategory');
    leaf(category, 'cbc:ID', b.category);
    if (b.rate) leaf(category, 'cbc:Percent', decimal(b.rate));
    optionalLeaf(category, 'cbc:TaxExemptionReasonCode', b.exemptionReasonCode);
    optionalLeaf(category, 'cbc:TaxExemptionReason', b.exemptionReason);
    vatScheme(category);
  }
}
