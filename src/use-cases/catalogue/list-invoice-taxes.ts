import type { Actor } from '../../domain/people/user.js';
import { listTaxes } from '../../store/catalogue.store.js';
import type { Deps } from '../deps.js';
import { loadTaxViews, type InvoiceTaxView, type Presentable } from './catalogue-views.js';

/** GET invoice/tax (spec §5.10): every tax of the tenant, by id; any CRM user. */
export async function listInvoiceTaxes(deps: Deps, actor: Actor): Promise<Presentable<InvoiceTaxView>> {
  return loadTaxViews(deps.store.db, actor, await listTaxes(deps.store.db, actor.tenantId));
}
