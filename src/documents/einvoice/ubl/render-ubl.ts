// UBL 2.1 Invoice per EN 16931 (and its XRechnung 3.0 CIUS): a pure renderer of the semantic
// model, one module per section, in the element order of UBL-Invoice-2.1.xsd.
import type { EinvoiceModel } from '../../../domain/einvoice/einvoice-model.js';
import { newDocument } from '../xml.js';
import { writeDelivery } from './ubl-delivery.js';
import { writeHeader } from './ubl-header.js';
import { writeLine } from './ubl-lines.js';
import { writeMonetaryTotal } from './ubl-monetary-total.js';
import { UBL_NAMESPACES } from './ubl-names.js';
import { writeParty } from './ubl-party.js';
import { writePayment } from './ubl-payment.js';
import { writeTaxTotal } from './ubl-tax-total.js';

export function renderUbl(m: EinvoiceModel): string {
  const { root, end } = newDocument('Invoice', UBL_NAMESPACES);
  writeHeader(root, m);
  writeParty(root, 'cac:AccountingSupplierParty', m.seller);
  writeParty(root, 'cac:AccountingCustomerParty', m.buyer);
  writeDelivery(root, m.delivery);
  writePayment(root, m);
  writeTaxTotal(root, m);
  writeMonetaryTotal(root, m);
  for (const line of m.lines) writeLine(root, line, m.currency);
  return end();
}
