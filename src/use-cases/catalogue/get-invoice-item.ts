import { notFound } from '../../domain/errors.js';
import { checkCatalogueId } from '../../domain/invoices/catalogue.js';
import type { Actor } from '../../domain/people/user.js';
import { findItem } from '../../store/catalogue.store.js';
import type { Deps } from '../deps.js';
import { loadItemViews, type InvoiceItemView, type Presentable } from './catalogue-views.js';

/** GET invoiceitem/{id} (spec §5.5): any CRM user. */
export async function getInvoiceItem(deps: Deps, actor: Actor, id: number): Promise<Presentable<InvoiceItemView>> {
  checkCatalogueId(id, 'invoice item');
  const item = await findItem(deps.store.db, actor.tenantId, id);
  if (!item) throw notFound();
  return loadItemViews(deps.store.db, actor, [item]);
}
