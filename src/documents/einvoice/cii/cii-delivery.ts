// Header trade delivery (BG-13): the consignee (BT-70) and its delivery address (BG-15). The
// element is mandatory in CII, and empty when the invoice names no consignee.
import type { EinvoiceModel } from '../../../domain/einvoice/einvoice-model.js';
import { optionalLeaf, type Node } from '../xml.js';
import { writeAddress } from './cii-party.js';

export function writeDelivery(transaction: Node, m: EinvoiceModel): void {
  const delivery = transaction.ele('ram:ApplicableHeaderTradeDelivery');
  const d = m.delivery;
  if (!d) return;
  const shipTo = delivery.ele('ram:ShipToTradeParty');
  optionalLeaf(shipTo, 'ram:Name', d.name);
  if (d.address) writeAddress(shipTo, d.address);
}
