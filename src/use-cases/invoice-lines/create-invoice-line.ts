// POST invoiceline (spec §5.1): checks in the contract's order, then the line and the refreshed
// snapshot in one transaction that holds the invoice's row lock, with its audit record.
import { diffFields } from '../../domain/audit/audit.js';
import { invoiceLineAuditView } from '../../domain/audit/views.js';
import { invalid } from '../../domain/errors.js';
import type { InvoiceLine } from '../../domain/invoices/invoice.js';
import { MAX_LINES, roundLineForStorage } from '../../domain/invoices/validate-invoice.js';
import type { Actor } from '../../domain/people/user.js';
import { countLinesOf, insertLine, lockInvoiceRow } from '../../store/invoice-lines.store.js';
import { findInvoice } from '../../store/invoices.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { refreshSnapshotTable } from '../invoices/refresh-snapshot.js';
import { checkCatalogueRefs, checkEditableInvoice, checkInvoiceId, checkLineValues, type InvoiceLineChange } from './line-steps.js';

/** Adds a line to a Draft invoice; returns it as stored. */
export async function createInvoiceLine(deps: Deps, actor: Actor, input: InvoiceLineChange): Promise<InvoiceLine> {
  const tenantId = actor.tenantId;
  // 1–2. no I/O needed.
  checkInvoiceId(input.invoiceId);
  checkLineValues(input);
  const now = deps.clock.now();
  return deps.store.transaction(async (trx) => {
    await lockInvoiceRow(trx, deps.store.dialect, tenantId, input.invoiceId);
    // 3–4. the invoice exists (400) and is editable by the actor (403).
    const invoice = checkEditableInvoice(actor, await findInvoice(trx, tenantId, input.invoiceId), input.invoiceId);
    // 5. item and taxes (400).
    await checkCatalogueRefs(trx, deps.store.dialect, tenantId, input);
    // DESIGN "Security": lines per invoice are bounded, as on POST invoice.
    if ((await countLinesOf(trx, tenantId, invoice.id)) >= MAX_LINES) throw invalid(`Invoice ${invoice.id} already has ${MAX_LINES} lines, the most an invoice can have`);
    // 6. the line, then the snapshot's table from all lines (DECISIONS Q6).
    const id = await insertLine(trx, tenantId, invoice.id, { ...roundLineForStorage(input), sortOrder: input.sortOrder });
    const lines = await refreshSnapshotTable(trx, tenantId, invoice.id, { userId: actor.userId, now });
    const line = lines.find((l) => l.id === id)!;
    await recordAudit(auditContext(deps, trx, actor, now), {
      action: 'invoice-line.created', targetType: 'invoice-line', targetIds: [id], changes: diffFields(undefined, invoiceLineAuditView(line)),
    });
    return line;
  });
}
