// DELETE invoice/{id} and DELETE invoice (spec §4.7–4.8). The answers carry the cost the invoices
// had before deletion (DECISIONS Q8). Stock is not restored and numbers are not reused (a gap).
import { canReadContact } from '../../domain/contacts/contact.js';
import { accessDenied, invalid, notFound } from '../../domain/errors.js';
import { canAccessInvoice, canDeleteInvoice } from '../../domain/invoices/invoice.js';
import type { Actor } from '../../domain/people/user.js';
import { findContacts } from '../../store/contacts.store.js';
import { deleteInvoices, lockInvoices } from '../../store/invoices.store.js';
import { diffFields } from '../../domain/audit/audit.js';
import { invoiceAuditView } from '../../domain/audit/views.js';
import type { Executor } from '../../store/database.js';
import { auditContext, recordAuditEntries } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { loadInvoiceViews, type InvoiceViews } from './invoice-view.js';

export async function deleteInvoice(deps: Deps, actor: Actor, id: number): Promise<InvoiceViews> {
  if (id <= 0) throw invalid('invoiceid must be greater than 0');
  return deps.store.transaction(async (trx) => {
    const [invoice] = await lockInvoices(trx, deps.store.dialect, actor.tenantId, [id]);
    if (!invoice) throw notFound();
    if (!canDeleteInvoice(actor, invoice)) throw accessDenied();
    const views = await loadInvoiceViews(trx, actor, [invoice]);
    await deleteInvoices(trx, actor.tenantId, [invoice.id]);
    await auditDeletion(deps, trx, actor, views);
    return views;
  });
}

/** Batch delete: missing, inaccessible and undeletable ids are skipped silently. */
export async function deleteInvoicesBatch(deps: Deps, actor: Actor, ids: readonly number[]): Promise<InvoiceViews> {
  if (ids.length === 0) throw invalid('invoiceids: at least one invoice id is required');
  return deps.store.transaction(async (trx) => {
    const invoices = await lockInvoices(trx, deps.store.dialect, actor.tenantId, ids.filter((id) => id > 0));
    const contacts = await findContacts(trx, actor.tenantId, invoices.map((i) => i.contactId));
    const deletable = invoices.filter((inv) => {
      const c = contacts.get(inv.contactId);
      return canAccessInvoice(actor, inv, !!c && canReadContact(actor, c)) && canDeleteInvoice(actor, inv);
    });
    const views = await loadInvoiceViews(trx, actor, deletable);
    await deleteInvoices(trx, actor.tenantId, deletable.map((i) => i.id));
    await auditDeletion(deps, trx, actor, views);
    return views;
  });
}

/** One record per deleted invoice, with what it was (its number leaves a gap: DECISIONS "Numbering"). */
async function auditDeletion(deps: Deps, trx: Executor, actor: Actor, { views }: InvoiceViews): Promise<void> {
  await recordAuditEntries(
    auditContext(deps, trx, actor, deps.clock.now()),
    views.map((v) => ({ action: 'invoice.deleted', targetType: 'invoice', targetIds: [v.invoice.id], changes: diffFields(invoiceAuditView(v.invoice, v.lines), undefined) })),
  );
}
