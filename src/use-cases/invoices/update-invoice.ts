// PUT invoice/{id} (spec §4.10): a full replacement of a Draft's header and lines, in the
// contract's order, in one transaction. The number cannot change (it is ignored); status is kept.
import { canEditInvoice } from '../../domain/invoices/invoice.js';
import { notFound } from '../../domain/errors.js';
import type { InvoiceInput } from '../../domain/invoices/validate-invoice.js';
import { roundLineForStorage } from '../../domain/invoices/validate-invoice.js';
import type { Actor } from '../../domain/people/user.js';
import { round6Away } from '../../domain/money.js';
import { deleteLinesOf, findLinesOf, insertLines, lockInvoices, updateInvoiceHeader } from '../../store/invoices.store.js';
import { findInvoiceSettings } from '../../store/settings.store.js';
import { diffFields } from '../../domain/audit/audit.js';
import { invoiceAuditView } from '../../domain/audit/views.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { checkInvoiceHeader, checkInvoiceLines, headerOf, storedHeaderOf } from './create-invoice.js';

export async function updateInvoice(deps: Deps, actor: Actor, id: number, input: InvoiceInput): Promise<void> {
  const now = deps.clock.now();
  await deps.store.transaction(async (trx) => {
    // 1. the lines.
    const { items, taxes } = await checkInvoiceLines(trx, deps.store.dialect, actor, input.lines);
    // 2. missing, or not editable by this user in this status → 404 (sic, spec §4.10 and Q20).
    const [invoice] = id > 0 ? await lockInvoices(trx, deps.store.dialect, actor.tenantId, [id]) : [];
    if (!invoice || !canEditInvoice(actor, invoice)) throw notFound();
    // 3. create steps 2–7.
    const checked = await checkInvoiceHeader(trx, deps.store.dialect, actor, input);
    const settings = await findInvoiceSettings(trx, actor.tenantId);
    const header = headerOf(input, invoice.number, checked.currency);
    const lines = input.lines.map(roundLineForStorage);
    // 4–6. header (PDF reset), new lines (new ids, sortOrder 0..n-1), snapshot rebuilt.
    await updateInvoiceHeader(trx, actor.tenantId, invoice.id, storedHeaderOf(actor, input, invoice.number, checked, { lines, items, taxes, settings }, now));
    const oldLines = (await findLinesOf(trx, actor.tenantId, [invoice.id])).get(invoice.id) ?? [];
    await deleteLinesOf(trx, actor.tenantId, invoice.id);
    await insertLines(trx, actor.tenantId, invoice.id, lines.map((l, i) => ({ ...l, sortOrder: i })));
    const after = { ...invoice, ...header, contactId: input.contactId, consigneeId: input.consigneeId, entityId: input.entityId, exchangeRate: round6Away(input.exchangeRate) };
    await recordAudit(auditContext(deps, trx, actor, now), {
      action: 'invoice.updated', targetType: 'invoice', targetIds: [invoice.id],
      changes: diffFields(invoiceAuditView(invoice, oldLines), invoiceAuditView(after, lines)),
    });
  });
}
