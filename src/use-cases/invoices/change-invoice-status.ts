// PUT invoice/status/{status} (spec §4.6, §3.4) with the fixes of Q7: status, frozen lines and
// stock in one transaction; the caller's right to change the status is enough to move stock; a
// compare-and-set per invoice so concurrent changes never move stock twice.
import { invalid } from '../../domain/errors.js';
import { canAccessInvoice } from '../../domain/invoices/invoice.js';
import { freezesLines, isTransitionAllowed, parseStatusSegment, releasesLines, stockDirection } from '../../domain/invoices/status-machine.js';
import type { Actor } from '../../domain/people/user.js';
import { canReadContact } from '../../domain/contacts/contact.js';

import { findItems } from '../../store/catalogue.store.js';
import { findContacts } from '../../store/contacts.store.js';
import { findInvoicesByIds, freezeLines, lockInvoices, unfreezeLines, updateInvoiceStatus } from '../../store/invoices.store.js';
import { addToStock, findTrackedLines } from '../../store/stock.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { loadItemViews, type InvoiceItemView, type Presentable } from '../catalogue/catalogue-views.js';
import { loadInvoiceViews, type InvoiceViews } from './invoice-view.js';
import { refreshSnapshotTable } from './refresh-snapshot.js';

export interface StatusChangeResult {
  invoices: InvoiceViews;
  /** Items whose stock changed, in their final state. */
  items: Presentable<InvoiceItemView>;
}

export async function changeInvoiceStatus(deps: Deps, actor: Actor, statusText: string, invoiceIds: readonly number[]): Promise<StatusChangeResult> {
  const target = parseStatusSegment(statusText);
  if (target === undefined) throw invalid(`"${statusText.slice(0, 40)}" is not an invoice status (a number, a name such as Sent, or Billed)`);
  const ids = [...new Set(invoiceIds.filter((id) => id > 0))];
  if (invoiceIds.length === 0) throw invalid('invoiceids: at least one invoice id is required');
  const tenantId = actor.tenantId;
  const now = deps.clock.now();

  const { processed, movedItems } = await deps.store.transaction(async (trx) => {
    const invoices = await lockInvoices(trx, deps.store.dialect, tenantId, ids);
    // Unknown and inaccessible ids are skipped silently (spec §4.6 step 3).
    const contacts = await findContacts(trx, tenantId, invoices.map((i) => i.contactId));
    const visible = invoices.filter((inv) => {
      const c = contacts.get(inv.contactId);
      return canAccessInvoice(actor, inv, !!c && canReadContact(actor, c));
    });
    const movedItems = new Set<number>();
    for (const inv of visible) {
      if (target === null || !isTransitionAllowed(inv.status, target)) continue; // ignored, as in the original (Q13)
      if (!(await updateInvoiceStatus(trx, tenantId, inv.id, inv.status, target, actor.userId, now))) continue;
      await recordAudit(auditContext(deps, trx, actor, now), {
        action: 'invoice.status-changed', targetType: 'invoice', targetIds: [inv.id], changes: { status: { before: inv.status, after: target } },
      });
      const direction = stockDirection(inv.status, target);
      if (direction !== 0) {
        for (const line of await findTrackedLines(trx, tenantId, inv.id)) {
          const delta = line.quantity.times(direction);
          await addToStock(trx, tenantId, line.itemId, delta, actor.userId, now);
          await recordAudit(auditContext(deps, trx, actor, now), {
            action: 'invoice-item.stock-moved', targetType: 'invoice-item', targetIds: [line.itemId], changes: { stockDelta: { after: delta.toFixed(2) }, byInvoice: { after: inv.id } },
          });
          movedItems.add(line.itemId);
        }
      }
      if (freezesLines(inv.status, target)) {
        await freezeLines(trx, tenantId, inv.id);
        // The print snapshot shows exactly what the invoice was issued with.
        await refreshSnapshotTable(trx, tenantId, inv.id, { userId: actor.userId, now });
      }
      if (releasesLines(inv.status, target)) {
        // Back to Draft: the lines follow the catalogue again, and so do the snapshot and the PDF.
        await unfreezeLines(trx, tenantId, inv.id);
        await refreshSnapshotTable(trx, tenantId, inv.id, { userId: actor.userId, now });
      }
    }
    return { processed: visible.map((i) => i.id), movedItems };
  });

  const invoices = await findInvoicesByIds(deps.store.db, tenantId, processed);
  const items = [...(await findItems(deps.store.db, tenantId, [...movedItems])).values()].sort((a, b) => a.id - b.id);
  return { invoices: await loadInvoiceViews(deps.store.db, actor, invoices), items: await loadItemViews(deps.store.db, actor, items) };
}

