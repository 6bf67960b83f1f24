import { diffFields } from '../../domain/audit/audit.js';
import { taxAuditView } from '../../domain/audit/views.js';
import { accessDenied, notFound } from '../../domain/errors.js';
import { canEditCatalogue, checkCatalogueId } from '../../domain/invoices/catalogue.js';
import type { Actor } from '../../domain/people/user.js';
import { deleteTax, findTaxIdsInUse, lockTaxForDelete } from '../../store/catalogue.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { loadTaxViews, type InvoiceTaxView, type Presentable } from './catalogue-views.js';

/**
 * DELETE invoice/tax/{id} (spec §5.13): admins only; a tax an item (tax 1 or 2) or an invoice line
 * references is kept (403, §3.9). The row is locked FOR UPDATE on PostgreSQL before the in-use
 * check: an item create or update referencing it (FOR KEY SHARE) either commits first and is seen,
 * or waits and finds no tax. Answers the deleted tax.
 */
export async function deleteInvoiceTax(deps: Deps, actor: Actor, id: number): Promise<Presentable<InvoiceTaxView>> {
  if (!canEditCatalogue(actor)) throw accessDenied();
  checkCatalogueId(id, 'invoice tax');
  const { tenantId } = actor;
  const tax = await deps.store.transaction(async (trx) => {
    const tax = await lockTaxForDelete(trx, deps.store.dialect, tenantId, id);
    if (!tax) throw notFound();
    if ((await findTaxIdsInUse(trx, tenantId, [id])).has(id)) throw accessDenied();
    await deleteTax(trx, tenantId, id);
    await recordAudit(auditContext(deps, trx, actor, deps.clock.now()), {
      action: 'invoice-tax.deleted', targetType: 'invoice-tax', targetIds: [id], changes: diffFields(taxAuditView(tax), undefined),
    });
    return tax;
  });
  return loadTaxViews(deps.store.db, actor, [tax]);
}
