import { diffFields } from '../../domain/audit/audit.js';
import { itemAuditView } from '../../domain/audit/views.js';
import { accessDenied } from '../../domain/errors.js';
import { canEditCatalogue, checkItemTaxesExist, validateInvoiceItem, type InvoiceItemInput } from '../../domain/invoices/catalogue.js';
import type { Actor } from '../../domain/people/user.js';
import { insertItem, lockTaxIds } from '../../store/catalogue.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { getInvoiceItem } from './get-invoice-item.js';
import type { InvoiceItemView, Presentable } from './catalogue-views.js';

/** POST invoiceitem (spec §5.6): admins only; default taxes must exist (Q17); answers the stored item (Q5). */
export async function createInvoiceItem(deps: Deps, actor: Actor, input: InvoiceItemInput): Promise<Presentable<InvoiceItemView>> {
  if (!canEditCatalogue(actor)) throw accessDenied();
  const fields = validateInvoiceItem(input);
  const now = deps.clock.now();
  const id = await deps.store.transaction(async (trx) => {
    checkItemTaxesExist(fields, await lockTaxIds(trx, deps.store.dialect, actor.tenantId, [fields.tax1Id, fields.tax2Id]));
    const id = await insertItem(trx, actor.tenantId, fields, actor.userId, now);
    await recordAudit(auditContext(deps, trx, actor, now), {
      action: 'invoice-item.created', targetType: 'invoice-item', targetIds: [id], changes: diffFields(undefined, itemAuditView(fields)),
    });
    return id;
  });
  return getInvoiceItem(deps, actor, id);
}
