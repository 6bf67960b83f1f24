import { diffFields } from '../../domain/audit/audit.js';
import { taxAuditView } from '../../domain/audit/views.js';
import { accessDenied, duplicate } from '../../domain/errors.js';
import { canEditCatalogue, TAX_NAME_EXISTS_MESSAGE, validateInvoiceTax, type InvoiceTaxInput } from '../../domain/invoices/catalogue.js';
import type { Actor } from '../../domain/people/user.js';
import { findTax, insertTax } from '../../store/catalogue.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { loadTaxViews, type InvoiceTaxView, type Presentable } from './catalogue-views.js';

/** POST invoice/tax (spec §5.11): admins only; names unique ignoring case per tenant (DECISIONS). */
export async function createInvoiceTax(deps: Deps, actor: Actor, input: InvoiceTaxInput): Promise<Presentable<InvoiceTaxView>> {
  if (!canEditCatalogue(actor)) throw accessDenied();
  const fields = validateInvoiceTax(input);
  const now = deps.clock.now();
  const id = await deps.store.transaction(async (trx) => {
    const id = await insertTax(trx, actor.tenantId, fields, actor.userId, now);
    if (id === undefined) throw duplicate(TAX_NAME_EXISTS_MESSAGE);
    await recordAudit(auditContext(deps, trx, actor, now), {
      action: 'invoice-tax.created', targetType: 'invoice-tax', targetIds: [id], changes: diffFields(undefined, taxAuditView(fields)),
    });
    return id;
  });
  // Re-read after commit, so the answer shows what was stored (spec Q5).
  const tax = await findTax(deps.store.db, actor.tenantId, id);
  return loadTaxViews(deps.store.db, actor, [tax!]);
}
