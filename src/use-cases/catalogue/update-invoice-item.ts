import { diffFields } from '../../domain/audit/audit.js';
import { itemAuditView } from '../../domain/audit/views.js';
import { accessDenied, notFound } from '../../domain/errors.js';
import {
  canEditCatalogue, checkCatalogueId, checkInvoiceItemRequired, checkItemTaxesExist, validateInvoiceItem, type InvoiceItemInput,
} from '../../domain/invoices/catalogue.js';
import type { Actor } from '../../domain/people/user.js';
import { findItem, lockItemForEdit, lockTaxIds, updateItem } from '../../store/catalogue.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import type { InvoiceItemView, Presentable } from './catalogue-views.js';
import { getInvoiceItem } from './get-invoice-item.js';

/**
 * PUT invoiceitem/{id} (spec §5.7): admins only; every column replaced, in the contract's order of
 * checks; default taxes must exist (Q17). Answers the item as stored (Q5: real createOn/createBy).
 * Existing invoice lines keep their own price and description: nothing here touches them.
 */
export async function updateInvoiceItem(deps: Deps, actor: Actor, id: number, input: InvoiceItemInput): Promise<Presentable<InvoiceItemView>> {
  // 1. admins only; 2. id, title, price; 3. the item exists; 4. price limit (and our additions).
  if (!canEditCatalogue(actor)) throw accessDenied();
  checkCatalogueId(id, 'invoice item');
  checkInvoiceItemRequired(input);
  if (!(await findItem(deps.store.db, actor.tenantId, id))) throw notFound();
  const fields = validateInvoiceItem(input);
  const now = deps.clock.now();
  await deps.store.transaction(async (trx) => {
    checkItemTaxesExist(fields, await lockTaxIds(trx, deps.store.dialect, actor.tenantId, [fields.tax1Id, fields.tax2Id]));
    // 5. update; a delete that won the race leaves nothing to update. The row is locked and read
    // first: the audit record's "before" is what this update replaces.
    const before = await lockItemForEdit(trx, deps.store.dialect, actor.tenantId, id);
    if (!before || !(await updateItem(trx, actor.tenantId, id, fields, actor.userId, now))) throw notFound();
    await recordAudit(auditContext(deps, trx, actor, now), {
      action: 'invoice-item.updated', targetType: 'invoice-item', targetIds: [id], changes: diffFields(itemAuditView(before), itemAuditView(fields)),
    });
  });
  return getInvoiceItem(deps, actor, id);
}
