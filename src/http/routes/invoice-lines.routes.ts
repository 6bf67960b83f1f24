// Invoice lines (spec §5.1–5.3): add, replace and delete single lines of a Draft invoice; each
// refreshes the invoice's snapshot table in the same transaction (DECISIONS Q6).
import { toDecimal } from '../../domain/invoices/validate-invoice.js';
import type { Deps } from '../../use-cases/deps.js';
import { createInvoiceLine } from '../../use-cases/invoice-lines/create-invoice-line.js';
import { deleteInvoiceLine } from '../../use-cases/invoice-lines/delete-invoice-line.js';
import type { InvoiceLineChange } from '../../use-cases/invoice-lines/line-steps.js';
import { updateInvoiceLine } from '../../use-cases/invoice-lines/update-invoice-line.js';
import type { App } from '../app-type.js';
import { sendOk } from '../envelope.js';
import { presentInvoiceLine } from '../presenters/invoices.presenter.js';
import { DeletedLineEnvelope, InvoiceLineBody, InvoiceLineEnvelope, InvoiceLineIdParams } from '../schemas/invoice-lines.schemas.js';

const tags = ['invoice lines'];

/** Wire body → use-case input (names and types only; rules live in the domain). */
const toLineChange = (b: InvoiceLineBody): InvoiceLineChange => ({
  invoiceId: b.invoiceId,
  itemId: b.invoiceItemId,
  tax1Id: b.invoiceTax1Id,
  tax2Id: b.invoiceTax2Id,
  sortOrder: b.sortOrder,
  description: b.description,
  quantity: toDecimal(b.quantity),
  price: toDecimal(b.price),
  discount: toDecimal(b.discount),
});

export function invoiceLinesRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/2.0/crm/invoiceline',
    {
      schema: {
        tags,
        summary: 'Add a line to a Draft invoice (spec §5.1); 400 when the invoice is missing, 403 unless a CRM admin or the creator edits a Draft',
        body: InvoiceLineBody,
        response: { 201: InvoiceLineEnvelope },
      },
    },
    async (req, reply) => sendOk(reply, presentInvoiceLine(await createInvoiceLine(deps, req.actor, toLineChange(req.body)))),
  );

  app.put(
    '/api/2.0/crm/invoiceline/:id(^\\d+$)',
    {
      schema: {
        tags,
        summary: 'Replace every value of a line (spec §5.2); 404 when the line is missing or belongs to another invoice',
        params: InvoiceLineIdParams,
        body: InvoiceLineBody,
        response: { 200: InvoiceLineEnvelope },
      },
    },
    async (req, reply) => sendOk(reply, presentInvoiceLine(await updateInvoiceLine(deps, req.actor, req.params.id, toLineChange(req.body)))),
  );

  app.delete(
    '/api/2.0/crm/invoiceline/:id(^\\d+$)',
    {
      schema: {
        tags,
        summary: "Delete a line (spec §5.3); answers the deleted line's id. The only line of an invoice cannot be deleted (400)",
        params: InvoiceLineIdParams,
        response: { 200: DeletedLineEnvelope },
      },
    },
    async (req, reply) => sendOk(reply, await deleteInvoiceLine(deps, req.actor, req.params.id)),
  );
}
