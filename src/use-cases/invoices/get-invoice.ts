import { accessDenied, invalid, notFound } from '../../domain/errors.js';
import type { Actor } from '../../domain/people/user.js';
import { findInvoice } from '../../store/invoices.store.js';
import type { Deps } from '../deps.js';
import { loadInvoiceViews, type InvoiceView } from './invoice-view.js';
import type { User } from '../../domain/people/user.js';

/** GET invoice/{id} (spec §4.1): 400 for id ≤ 0, 404 when missing, 403 without CanAccess. */
export async function getInvoice(deps: Deps, actor: Actor, id: number): Promise<{ view: InvoiceView; users: Map<string, User> }> {
  if (id <= 0) throw invalid('invoiceid must be greater than 0');
  const invoice = await findInvoice(deps.store.db, actor.tenantId, id);
  if (!invoice) throw notFound();
  const { views, users } = await loadInvoiceViews(deps.store.db, actor, [invoice]);
  const view = views[0]!;
  if (!view.canAccess) throw accessDenied();
  return { view, users };
}
