// UN/CEFACT CII D16B CrossIndustryInvoice per EN 16931 (also the Factur-X EN 16931 profile and
// the XRechnung 3.0 CIUS): a pure renderer of the semantic model, one module per section.
import type { EinvoiceModel } from '../../../domain/einvoice/einvoice-model.js';
import { newDocument } from '../xml.js';
import { writeAgreement } from './cii-agreement.js';
import { writeDelivery } from './cii-delivery.js';
import { writeDocument } from './cii-document.js';
import { writeLine } from './cii-lines.js';
import { CII_NAMESPACES } from './cii-names.js';
import { writeSettlement } from './cii-settlement.js';

export function renderCii(m: EinvoiceModel): string {
  const { root, end } = newDocument('rsm:CrossIndustryInvoice', CII_NAMESPACES);
  writeDocument(root, m);
  const transaction = root.ele('rsm:SupplyChainTradeTransaction');
  for (const line of m.lines) writeLine(transaction, line);
  writeAgreement(transaction, m);
  writeDelivery(transaction, m);
  writeSettlement(transaction, m);
  return end();
}
