// Document totals (BG-22): BT-106, BT-109, BT-112, BT-115.
import type { EinvoiceModel } from '../../../domain/einvoice/einvoice-model.js';
import type { Node } from '../xml.js';
import { money } from './ubl-names.js';

export function writeMonetaryTotal(root: Node, m: EinvoiceModel): void {
  const t = root.ele('cac:LegalMonetaryTotal');
  money(t, 'cbc:LineExtensionAmount', m.totals.lineNet, m.currency);
  money(t, 'cbc:TaxExclusiveAmount', m.totals.taxExclusive, m.currency);
  money(t, 'cbc:TaxInclusiveAmount', m.totals.taxInclusive, m.currency);
  money(t, 'cbc:PayableAmount', m.totals.payable, m.currency);
}
