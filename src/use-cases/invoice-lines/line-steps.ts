// The steps POST and PUT invoiceline share (spec §5.1 steps 2–5), each in the contract's order.
import { accessDenied, invalid, type DomainError } from '../../domain/errors.js';
import { canEditInvoice, type Invoice } from '../../domain/invoices/invoice.js';
import { validateLineValues, type InvoiceLineInput } from '../../domain/invoices/validate-invoice.js';
import type { Actor } from '../../domain/people/user.js';
import { lockItems, lockTaxes } from '../../store/catalogue.store.js';
import type { Dialect, Executor } from '../../store/database.js';

/** A line as POST/PUT invoiceline receive it. */
export interface InvoiceLineChange extends InvoiceLineInput {
  invoiceId: number;
  /** Stored as given: no renumbering, duplicates allowed (spec §5.1). */
  sortOrder: number;
}

/** spec §5.1 step 1 (and §5.2 step 1). */
export function checkInvoiceId(invoiceId: number): void {
  if (invoiceId <= 0) throw invalid(`invoiceId must be greater than 0 (got ${invoiceId})`);
}

/**
 * Step 2: the line's own values, by the same rules as the lines of POST invoice (amounts at most
 * 99999999.99). Those rules name a line by its position in an invoice body; here there is one.
 */
export function checkLineValues(line: InvoiceLineInput): void {
  validateLineValues(line, 'Invoice line');
}

/** Steps 3–4: the invoice exists (else 400, sic — quirk Q20, kept) and the actor may edit it (else 403). */
export function checkEditableInvoice(actor: Actor, invoice: Invoice | undefined, invoiceId: number): Invoice {
  if (!invoice) throw invalid(`Invoice ${invoiceId} not found`);
  if (!canEditInvoice(actor, invoice)) throw lineEditDenied(actor, invoice);
  return invoice;
}

/** spec §3.5: lines change only on a Draft, and only by a CRM admin or the invoice's creator. */
export function lineEditDenied(actor: Actor, invoice: Invoice): DomainError {
  return invoice.status !== 'draft'
    ? accessDenied(`Access Denied: invoice ${invoice.id} is not a draft, its lines cannot change`)
    : accessDenied(`Access Denied: only a CRM admin or the invoice's creator can change its lines`);
}

/** Step 5: the item exists, then each tax named (> 0) exists — all 400. */
export async function checkCatalogueRefs(db: Executor, dialect: Dialect, tenantId: number, line: InvoiceLineInput): Promise<void> {
  const items = await lockItems(db, dialect, tenantId, [line.itemId]);
  const taxes = await lockTaxes(db, dialect, tenantId, [line.tax1Id, line.tax2Id]);
  if (!items.has(line.itemId)) throw invalid(`Invoice item ${line.itemId} not found`);
  for (const [param, id] of [['invoiceTax1Id', line.tax1Id], ['invoiceTax2Id', line.tax2Id]] as const)
    if (id > 0 && !taxes.has(id)) throw invalid(`${param}: invoice tax ${id} not found`);
}
