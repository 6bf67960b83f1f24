import { accessDenied, invalid, notFound } from '../../domain/errors.js';
import type { Actor, User } from '../../domain/people/user.js';
import type { Deps } from '../deps.js';
import { loadInvoiceView, type InvoiceView } from './invoice-view.js';

/**
 * GET invoice/{id} (spec §4.1): 400 for id ≤ 0, 404 when missing, 403 without CanAccess. Two
 * statements (three more when the invoice is linked to an opportunity); the view has no snapshot.
 */
export async function getInvoice(deps: Deps, actor: Actor, id: number): Promise<{ view: InvoiceView; users: Map<string, User> }> {
  if (id <= 0) throw invalid('invoiceid must be greater than 0');
  const found = await loadInvoiceView(deps.store.db, actor, id);
  if (!found) throw notFound();
  if (!found.view.canAccess) throw accessDenied();
  return found;
}
