// Header trade settlement: remittance information (BT-83), currency (BT-5), payment means
// (BG-16, BG-17), VAT breakdown (BG-23), payment terms and due date (BT-20, BT-9) and the
// document totals (BG-22), in the element order of HeaderTradeSettlementType.
import type { EinvoiceModel } from '../../../domain/einvoice/einvoice-model.js';
import { amount, decimal, leaf, optionalLeaf, type Node } from '../xml.js';
import { dateElement } from './cii-names.js';

function writePaymentMeans(settlement: Node, m: EinvoiceModel): void {
  const p = m.payment;
  if (!p) return;
  const means = settlement.ele('ram:SpecifiedTradeSettlementPaymentMeans');
  leaf(means, 'ram:TypeCode', p.meansCode);
  if (p.accountId) {
    const account = means.ele('ram:PayeePartyCreditorFinancialAccount');
    leaf(account, 'ram:IBANID', p.accountId);
    optionalLeaf(account, 'ram:AccountName', p.accountName);
    if (p.bic) leaf(means.ele('ram:PayeeSpecifiedCreditorFinancialInstitution'), 'ram:BICID', p.bic);
  }
}

function writeTaxes(settlement: Node, m: EinvoiceModel): void {
  for (const b of m.vatBreakdown) {
    const tax = settlement.ele('ram:ApplicableTradeTax');
    leaf(tax, 'ram:CalculatedAmount', amount(b.taxAmount));
    leaf(tax, 'ram:TypeCode', 'VAT');
    optionalLeaf(tax, 'ram:ExemptionReason', b.exemptionReason);
    leaf(tax, 'ram:BasisAmount', amount(b.taxableAmount));
    leaf(tax, 'ram:CategoryCode', b.category);
    optionalLeaf(tax, 'ram:ExemptionReasonCode', b.exemptionReasonCode);
    if (b.rate) leaf(tax, 'ram:RateApplicablePercent', decimal(b.rate));
  }
}

function writeTotals(settlement: Node, m: EinvoiceModel): void {
  const t = m.totals;
  const sum = settlement.ele('ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  leaf(sum, 'ram:LineTotalAmount', amount(t.lineNet));
  leaf(sum, 'ram:TaxBasisTotalAmount', amount(t.taxExclusive));
  leaf(sum, 'ram:TaxTotalAmount', amount(t.vatTotal), { currencyID: m.currency });
  leaf(sum, 'ram:GrandTotalAmount', amount(t.taxInclusive));
  leaf(sum, 'ram:DuePayableAmount', amount(t.payable));
}

export function writeSettlement(transaction: Node, m: EinvoiceModel): void {
  const settlement = transaction.ele('ram:ApplicableHeaderTradeSettlement');
  if (m.payment) leaf(settlement, 'ram:PaymentReference', m.number);
  leaf(settlement, 'ram:InvoiceCurrencyCode', m.currency);
  writePaymentMeans(settlement, m);
  writeTaxes(settlement, m);
  const terms = settlement.ele('ram:SpecifiedTradePaymentTerms');
  optionalLeaf(terms, 'ram:Description', m.paymentTerms);
  dateElement(terms, 'ram:DueDateDateTime', m.dueDate);
  writeTotals(settlement, m);
}
