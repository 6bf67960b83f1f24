// Delivery information (BG-13): the consignee's name (BT-70) and the delivery address (BG-15).
import type { EinvoiceDelivery } from '../../../domain/einvoice/einvoice-model.js';
import { leaf, type Node } from '../xml.js';
import { writeAddress } from './ubl-party.js';

export function writeDelivery(root: Node, d: EinvoiceDelivery | undefined): void {
  if (!d) return;
  const delivery = root.ele('cac:Delivery');
  if (d.address) writeAddress(delivery.ele('cac:DeliveryLocation'), 'cac:Address', d.address);
  if (d.name) leaf(delivery.ele('cac:DeliveryParty').ele('cac:PartyName'), 'cbc:Name', d.name);
}
