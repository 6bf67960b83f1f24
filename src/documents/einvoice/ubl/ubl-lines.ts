// Invoice lines (BG-25) with their allowances and charges (BG-27, BG-28), item (BG-31) and price
// (BG-29).
import type { AllowanceCharge, EinvoiceLine } from '../../../domain/einvoice/einvoice-model.js';
import { decimal, leaf, optionalLeaf, type Node } from '../xml.js';
import { money, vatScheme } from './ubl-names.js';

function writeAllowanceCharge(line: Node, ac: AllowanceCharge, currency: string): void {
  const node = line.ele('cac:AllowanceCharge');
  leaf(node, 'cbc:ChargeIndicator', ac.isCharge ? 'true' : 'false');
  optionalLeaf(node, 'cbc:AllowanceChargeReasonCode', ac.reasonCode);
  leaf(node, 'cbc:AllowanceChargeReason', ac.reason);
  leaf(node, 'cbc:MultiplierFactorNumeric', decimal(ac.percent));
  money(node, 'cbc:Amount', ac.amount, currency);
  money(node, 'cbc:BaseAmount', ac.baseAmount, currency);
}

export function writeLine(root: Node, l: EinvoiceLine, currency: string): void {
  const line = root.ele('cac:InvoiceLine');
  leaf(line, 'cbc:ID', l.id);
  leaf(line, 'cbc:InvoicedQuantity', decimal(l.quantity), { unitCode: l.unitCode });
  money(line, 'cbc:LineExtensionAmount', l.netAmount, currency);
  for (const ac of l.allowancesCharges) writeAllowanceCharge(line, ac, currency);
  const item = line.ele('cac:Item');
  optionalLeaf(item, 'cbc:Description', l.itemDescription);
  leaf(item, 'cbc:Name', l.itemName);
  if (l.sellerItemId) leaf(item.ele('cac:SellersItemIdentification'), 'cbc:ID', l.sellerItemId);
  const category = item.ele('cac:ClassifiedTaxCategory');
  leaf(category, 'cbc:ID', l.vat.category);
  if (l.vat.rate) leaf(category, 'cbc:Percent', decimal(l.vat.rate));
  vatScheme(category);
  money(line.ele('cac:Price'), 'cbc:PriceAmount', l.price, currency);
}
