// DELETE invoiceline/{id} (spec §5.3 with DECISIONS Q19): checks in the contract's order, then the
// delete, the snapshot refresh and the audit record in one transaction that holds the invoice's row lock.
import { diffFields } from '../../domain/audit/audit.js';
import { invoiceLineAuditView } from '../../domain/audit/views.js';
import { invalid, notFound } from '../../domain/errors.js';
import { canEditInvoice } from '../../domain/invoices/invoice.js';
import type { Actor } from '../../domain/people/user.js';
import { countLinesOf, deleteLine, findLineInvoiceId, lockInvoiceRow } from '../../store/invoice-lines.store.js';
import { findInvoice, findLinesOf } from '../../store/invoices.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { refreshSnapshotTable } from '../invoices/refresh-snapshot.js';
import { lineEditDenied } from './line-steps.js';

/** The original's message (spec §5.3); 400 rather than its 500 (DECISIONS Q19). */
export const LAST_LINE_MESSAGE = "Can't delete invoice line";

/** Deletes a line of a Draft invoice that has others; returns the deleted line's id. */
export async function deleteInvoiceLine(deps: Deps, actor: Actor, id: number): Promise<number> {
  const tenantId = actor.tenantId;
  const now = deps.clock.now();
  return deps.store.transaction(async (trx) => {
    const missing = () => notFound(`Invoice line ${id} not found`);
    // 1. the line exists (404). Its invoice is locked, then the line looked up again: a concurrent
    // operation may have removed it while we waited.
    const seen = await findLineInvoiceId(trx, tenantId, id);
    if (seen === undefined) throw missing();
    await lockInvoiceRow(trx, deps.store.dialect, tenantId, seen);
    const invoiceId = await findLineInvoiceId(trx, tenantId, id);
    if (invoiceId === undefined) throw missing();
    // 2. not the invoice's only line (400).
    if ((await countLinesOf(trx, tenantId, invoiceId)) <= 1) throw invalid(LAST_LINE_MESSAGE);
    // 3–4. the invoice exists (404) and is editable by the actor (403).
    const invoice = await findInvoice(trx, tenantId, invoiceId);
    if (!invoice) throw notFound(`Invoice ${invoiceId} not found`);
    if (!canEditInvoice(actor, invoice)) throw lineEditDenied(actor, invoice);
    // 5. the delete, then the snapshot's table (DECISIONS Q6), then what the line was.
    const before = (await findLinesOf(trx, tenantId, [invoiceId])).get(invoiceId)!.find((l) => l.id === id)!;
    await deleteLine(trx, tenantId, id);
    await refreshSnapshotTable(trx, tenantId, invoiceId, { userId: actor.userId, now });
    await recordAudit(auditContext(deps, trx, actor, now), {
      action: 'invoice-line.deleted', targetType: 'invoice-line', targetIds: [id], changes: diffFields(invoiceLineAuditView(before), undefined),
    });
    return id;
  });
}
