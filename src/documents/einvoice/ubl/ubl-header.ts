// Invoice header (BT-24, BT-23, BT-1, BT-2, BT-9, BT-3, BT-22, BT-5, BT-10, BT-13), in the
// element order of UBL-Invoice-2.1.xsd.
import type { EinvoiceModel } from '../../../domain/einvoice/einvoice-model.js';
import { leaf, optionalLeaf, type Node } from '../xml.js';

export function writeHeader(root: Node, m: EinvoiceModel): void {
  leaf(root, 'cbc:CustomizationID', m.profile.customizationId);
  optionalLeaf(root, 'cbc:ProfileID', m.profile.profileId);
  leaf(root, 'cbc:ID', m.number);
  leaf(root, 'cbc:IssueDate', m.issueDate);
  leaf(root, 'cbc:DueDate', m.dueDate);
  leaf(root, 'cbc:InvoiceTypeCode', m.typeCode);
  optionalLeaf(root, 'cbc:Note', m.note);
  leaf(root, 'cbc:DocumentCurrencyCode', m.currency);
  optionalLeaf(root, 'cbc:BuyerReference', m.buyerReference);
  if (m.orderReference) leaf(root.ele('cac:OrderReference'), 'cbc:ID', m.orderReference);
}
