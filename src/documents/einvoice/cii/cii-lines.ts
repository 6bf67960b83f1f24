// Trade line items (BG-25) with their allowances and charges (BG-27, BG-28), product (BG-31)
// and net price (BT-146).
import type { AllowanceCharge, EinvoiceLine } from '../../../domain/einvoice/einvoice-model.js';
import { amount, decimal, leaf, optionalLeaf, type Node } from '../xml.js';

function writeAllowanceCharge(settlement: Node, ac: AllowanceCharge): void {
  const node = settlement.ele('ram:SpecifiedTradeAllowanceCharge');
  leaf(node.ele('ram:ChargeIndicator'), 'udt:Indicator', ac.isCharge ? 'true' : 'false');
  leaf(node, 'ram:CalculationPercent', decimal(ac.percent));
  leaf(node, 'ram:BasisAmount', amount(ac.baseAmount));
  leaf(node, 'ram:ActualAmount', amount(ac.amount));
  optionalLeaf(node, 'ram:ReasonCode', ac.reasonCode);
  leaf(node, 'ram:Reason', ac.reason);
}

export function writeLine(transaction: Node, l: EinvoiceLine): void {
  const item = transaction.ele('ram:IncludedSupplyChainTradeLineItem');
  leaf(item.ele('ram:AssociatedDocumentLineDocument'), 'ram:LineID', l.id);
  const product = item.ele('ram:SpecifiedTradeProduct');
  optionalLeaf(product, 'ram:SellerAssignedID', l.sellerItemId);
  leaf(product, 'ram:Name', l.itemName);
  optionalLeaf(product, 'ram:Description', l.itemDescription);
  leaf(item.ele('ram:SpecifiedLineTradeAgreement').ele('ram:NetPriceProductTradePrice'), 'ram:ChargeAmount', decimal(l.price));
  leaf(item.ele('ram:SpecifiedLineTradeDelivery'), 'ram:BilledQuantity', decimal(l.quantity), { unitCode: l.unitCode });
  const settlement = item.ele('ram:SpecifiedLineTradeSettlement');
  const tax = settlement.ele('ram:ApplicableTradeTax');
  leaf(tax, 'ram:TypeCode', 'VAT');
  leaf(tax, 'ram:CategoryCode', l.vat.category);
  if (l.vat.rate) leaf(tax, 'ram:RateApplicablePercent', decimal(l.vat.rate));
  for (const ac of l.allowancesCharges) writeAllowanceCharge(settlement, ac);
  leaf(settlement.ele('ram:SpecifiedTradeSettlementLineMonetarySummation'), 'ram:LineTotalAmount', amount(l.netAmount));
}
