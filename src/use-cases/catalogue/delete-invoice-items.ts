import { diffFields } from '../../domain/audit/audit.js';
import { itemAuditView } from '../../domain/audit/views.js';
import { accessDenied, notFound } from '../../domain/errors.js';
import { canEditCatalogue, checkCatalogueId, parseItemIdsToDelete, type InvoiceItem } from '../../domain/invoices/catalogue.js';
import type { Actor } from '../../domain/people/user.js';
import { deleteItems, findItemIdsInUse, lockItemsForDelete } from '../../store/catalogue.store.js';
import type { Executor } from '../../store/database.js';
import { auditContext, recordAudit, recordAuditEntries } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { loadItemViews, type InvoiceItemView, type Presentable } from './catalogue-views.js';

// The item rows are locked (FOR UPDATE on PostgreSQL) before the in-use check, so an invoice line
// created concurrently either commits first (and the item is kept) or waits and finds no item.

/** DELETE invoiceitem/{id} (spec §5.8): admins only; an item any invoice line uses is kept (403). Answers the deleted item. */
export async function deleteInvoiceItem(deps: Deps, actor: Actor, id: number): Promise<Presentable<InvoiceItemView>> {
  if (!canEditCatalogue(actor)) throw accessDenied();
  checkCatalogueId(id, 'invoice item');
  const { tenantId } = actor;
  const item = await deps.store.transaction(async (trx) => {
    const [item] = await lockItemsForDelete(trx, deps.store.dialect, tenantId, [id]);
    if (!item) throw notFound();
    if ((await findItemIdsInUse(trx, tenantId, [id])).has(id)) throw accessDenied(); // spec §3.9
    await deleteItems(trx, tenantId, [id]);
    await recordAudit(auditContext(deps, trx, actor, deps.clock.now()), {
      action: 'invoice-item.deleted', targetType: 'invoice-item', targetIds: [id], changes: diffFields(itemAuditView(item), undefined),
    });
    return item;
  });
  return loadItemViews(deps.store.db, actor, [item]);
}

/**
 * DELETE invoiceitem (spec §5.9): admins only; at least one id (Q18: 400, not 500); unknown items
 * and items in use are skipped; one transaction. Answers the deleted items, by id.
 */
export async function deleteInvoiceItems(deps: Deps, actor: Actor, ids: readonly number[] | undefined): Promise<Presentable<InvoiceItemView>> {
  if (!canEditCatalogue(actor)) throw accessDenied();
  const wanted = parseItemIdsToDelete(ids);
  const { tenantId } = actor;
  const deleted = await deps.store.transaction(async (trx) => {
    const items = await lockItemsForDelete(trx, deps.store.dialect, tenantId, wanted);
    const inUse = await findItemIdsInUse(trx, tenantId, items.map((i) => i.id));
    const free = items.filter((i) => !inUse.has(i.id));
    await deleteItems(trx, tenantId, free.map((i) => i.id));
    await auditBatchDeletion(deps, trx, actor, free);
    return free;
  });
  return loadItemViews(deps.store.db, actor, deleted);
}

/** One record per deleted item, appended together at a fixed cost (recordAuditEntries). */
async function auditBatchDeletion(deps: Deps, trx: Executor, actor: Actor, items: readonly InvoiceItem[]): Promise<void> {
  await recordAuditEntries(
    auditContext(deps, trx, actor, deps.clock.now()),
    items.map((i) => ({ action: 'invoice-item.deleted', targetType: 'invoice-item', targetIds: [i.id], changes: diffFields(itemAuditView(i), undefined) })),
  );
}
