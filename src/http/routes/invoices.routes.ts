import type { Deps } from '../../use-cases/deps.js';
import { createInvoice } from '../../use-cases/invoices/create-invoice.js';
import { getInvoice } from '../../use-cases/invoices/get-invoice.js';
import { toDecimal, type InvoiceInput } from '../../domain/invoices/validate-invoice.js';
import type { App } from '../app-type.js';
import { sendOk } from '../envelope.js';
import { presentInvoice } from '../presenters/invoices.presenter.js';
import { InvoiceBody, InvoiceIdParams } from '../schemas/invoices.schemas.js';

/** Wire body → use-case input (names and types only; rules live in the domain). */
export function toInvoiceInput(b: InvoiceBody): InvoiceInput {
  return {
    number: b.number,
    issueDate: b.issueDate ? new Date(b.issueDate) : undefined,
    dueDate: b.dueDate ? new Date(b.dueDate) : undefined,
    templateType: b.templateType,
    contactId: b.contactId,
    consigneeId: b.consigneeId,
    entityId: b.entityId,
    billingAddressId: b.billingAddressID,
    deliveryAddressId: b.deliveryAddressID,
    language: b.language.trim(),
    currency: b.currency,
    exchangeRate: toDecimal(b.exchangeRate),
    purchaseOrderNumber: b.purchaseOrderNumber,
    terms: b.terms,
    description: b.description,
    lines: b.invoiceLines.map((l) => ({
      itemId: l.invoiceItemID,
      tax1Id: l.invoiceTax1ID,
      tax2Id: l.invoiceTax2ID,
      description: l.description,
      quantity: toDecimal(l.quantity),
      price: toDecimal(l.price),
      discount: toDecimal(l.discount),
    })),
  };
}

export function invoicesRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/2.0/crm/invoice',
    { schema: { tags: ['invoices'], summary: 'Create an invoice (spec §4.9): validated first, then header, lines and snapshot in one transaction', body: InvoiceBody } },
    async (req, reply) => {
      const id = await createInvoice(deps, req.actor, toInvoiceInput(req.body));
      const { view, users } = await getInvoice(deps, req.actor, id);
      return sendOk(reply, presentInvoice({ actor: req.actor, users }, view));
    },
  );

  app.get(
    '/api/2.0/crm/invoice/:invoiceid(^\\d+$)',
    { schema: { tags: ['invoices'], summary: 'One invoice with its lines, contact, consignee, opportunity and cost (spec §4.1)', params: InvoiceIdParams } },
    async (req, reply) => {
      const { view, users } = await getInvoice(deps, req.actor, req.params.invoiceid);
      return sendOk(reply, presentInvoice({ actor: req.actor, users }, view));
    },
  );
}
