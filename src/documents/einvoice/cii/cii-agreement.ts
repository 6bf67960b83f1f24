// Header trade agreement: buyer reference (BT-10), seller, buyer, purchase order (BT-13).
import type { EinvoiceModel } from '../../../domain/einvoice/einvoice-model.js';
import { leaf, optionalLeaf, type Node } from '../xml.js';
import { writeParty } from './cii-party.js';

export function writeAgreement(transaction: Node, m: EinvoiceModel): void {
  const agreement = transaction.ele('ram:ApplicableHeaderTradeAgreement');
  optionalLeaf(agreement, 'ram:BuyerReference', m.buyerReference);
  writeParty(agreement, 'ram:SellerTradeParty', m.seller);
  writeParty(agreement, 'ram:BuyerTradeParty', m.buyer);
  if (m.orderReference) leaf(agreement.ele('ram:BuyerOrderReferencedDocument'), 'ram:IssuerAssignedID', m.orderReference);
}
