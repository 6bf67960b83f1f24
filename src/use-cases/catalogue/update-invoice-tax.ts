import { diffFields } from '../../domain/audit/audit.js';
import { taxAuditView } from '../../domain/audit/views.js';
import { accessDenied, duplicate, notFound } from '../../domain/errors.js';
import {
  canEditCatalogue, checkCatalogueId, checkInvoiceTaxName, TAX_NAME_EXISTS_MESSAGE, validateInvoiceTax, type InvoiceTaxInput,
} from '../../domain/invoices/catalogue.js';
import type { Actor } from '../../domain/people/user.js';
import { findTax, lockTaxForEdit, updateTax } from '../../store/catalogue.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { loadTaxViews, type InvoiceTaxView, type Presentable } from './catalogue-views.js';

/**
 * PUT invoice/tax/{id} (spec §5.12): admins only; name, description and rate replaced. Deliberate
 * fix: a name another tax has (ignoring case, DECISIONS) is refused, as on create. Drafts follow
 * the new rate; issued invoices keep the rates frozen on their lines (DECISIONS). Answers the tax
 * as stored (Q5: real createOn/createBy).
 */
export async function updateInvoiceTax(deps: Deps, actor: Actor, id: number, input: InvoiceTaxInput): Promise<Presentable<InvoiceTaxView>> {
  // 1. admins only; 2. id and name; 3. the tax exists; then our additions (lengths, rate range).
  if (!canEditCatalogue(actor)) throw accessDenied();
  checkCatalogueId(id, 'invoice tax');
  checkInvoiceTaxName(input);
  const db = deps.store.db;
  if (!(await findTax(db, actor.tenantId, id))) throw notFound();
  const fields = validateInvoiceTax(input);
  const now = deps.clock.now();
  await deps.store.transaction(async (trx) => {
    // 4. update; the unique index on the name key decides whether the name is taken. The row is
    // locked and read first: the audit record's "before" is what this update replaces.
    const before = await lockTaxForEdit(trx, deps.store.dialect, actor.tenantId, id);
    if (!before) throw notFound();
    const result = await updateTax(trx, actor.tenantId, id, fields, actor.userId, now);
    if (result === 'missing') throw notFound();
    if (result === 'name-taken') throw duplicate(TAX_NAME_EXISTS_MESSAGE);
    // Only after a successful update: a name clash has aborted the transaction on PostgreSQL.
    await recordAudit(auditContext(deps, trx, actor, now), {
      action: 'invoice-tax.updated', targetType: 'invoice-tax', targetIds: [id], changes: diffFields(taxAuditView(before), taxAuditView(fields)),
    });
  });
  const tax = await findTax(db, actor.tenantId, id);
  if (!tax) throw notFound();
  return loadTaxViews(db, actor, [tax]);
}
