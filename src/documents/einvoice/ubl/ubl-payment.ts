// Payment instructions (BG-16, BG-17) and payment terms (BT-20).
import type { EinvoiceModel } from '../../../domain/einvoice/einvoice-model.js';
import { leaf, optionalLeaf, type Node } from '../xml.js';

export function writePayment(root: Node, m: EinvoiceModel): void {
  const p = m.payment;
  if (p) {
    const means = root.ele('cac:PaymentMeans');
    leaf(means, 'cbc:PaymentMeansCode', p.meansCode);
    // BT-83 Remittance information: the invoice number, so the payment can be matched.
    leaf(means, 'cbc:PaymentID', m.number);
    if (p.accountId) {
      const account = means.ele('cac:PayeeFinancialAccount');
      leaf(account, 'cbc:ID', p.accountId);
      optionalLeaf(account, 'cbc:Name', p.accountName);
      if (p.bic) leaf(account.ele('cac:FinancialInstitutionBranch'), 'cbc:ID', p.bic);
    }
  }
  if (m.paymentTerms) leaf(root.ele('cac:PaymentTerms'), 'cbc:Note', m.paymentTerms);
}
