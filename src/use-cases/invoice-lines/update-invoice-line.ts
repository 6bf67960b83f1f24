// PUT invoiceline/{id} (spec §5.2): every value of the line replaced, the snapshot's table
// refreshed, in one transaction that holds the invoice's row lock, with its audit record.
import { diffFields } from '../../domain/audit/audit.js';
import { invoiceLineAuditView } from '../../domain/audit/views.js';
import { notFound } from '../../domain/errors.js';
import type { InvoiceLine } from '../../domain/invoices/invoice.js';
import { roundLineForStorage } from '../../domain/invoices/validate-invoice.js';
import type { Actor } from '../../domain/people/user.js';
import { findLineInvoiceId, lockInvoiceRow, updateLine } from '../../store/invoice-lines.store.js';
import { findInvoice, findLinesOf } from '../../store/invoices.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { refreshSnapshotTable } from '../invoices/refresh-snapshot.js';
import { checkCatalogueRefs, checkEditableInvoice, checkInvoiceId, checkLineValues, type InvoiceLineChange } from './line-steps.js';

/** Replaces line `id` of invoice `input.invoiceId`; returns it as stored. */
export async function updateInvoiceLine(deps: Deps, actor: Actor, id: number, input: InvoiceLineChange): Promise<InvoiceLine> {
  const tenantId = actor.tenantId;
  // 1.
  checkInvoiceId(input.invoiceId);
  const now = deps.clock.now();
  return deps.store.transaction(async (trx) => {
    // The lock comes first, so the line cannot move or go while we look at it.
    await lockInvoiceRow(trx, deps.store.dialect, tenantId, input.invoiceId);
    // 2. the line exists and belongs to that invoice (else 404).
    const owner = await findLineInvoiceId(trx, tenantId, id);
    if (owner === undefined) throw notFound(`Invoice line ${id} not found`);
    if (owner !== input.invoiceId) throw notFound(`Invoice line ${id} does not belong to invoice ${input.invoiceId}`);
    // 3. steps 2–5 of POST invoiceline.
    checkLineValues(input);
    const invoice = checkEditableInvoice(actor, await findInvoice(trx, tenantId, input.invoiceId), input.invoiceId);
    await checkCatalogueRefs(trx, deps.store.dialect, tenantId, input);
    // 4. the line, then the snapshot's table (DECISIONS Q6). The line as it was, for the audit trail.
    const before = (await findLinesOf(trx, tenantId, [invoice.id])).get(invoice.id)!.find((l) => l.id === id)!;
    await updateLine(trx, tenantId, id, { ...roundLineForStorage(input), sortOrder: input.sortOrder });
    const lines = await refreshSnapshotTable(trx, tenantId, invoice.id, { userId: actor.userId, now });
    const line = lines.find((l) => l.id === id)!;
    await recordAudit(auditContext(deps, trx, actor, now), {
      action: 'invoice-line.updated', targetType: 'invoice-line', targetIds: [id],
      changes: diffFields(invoiceLineAuditView(before), invoiceLineAuditView(line)),
    });
    return line;
  });
}
