// GET {contact|person|company|opportunity}/invoicelist/{entityid} (spec §4.5, §3.8).
import { invalid } from '../../domain/errors.js';
import type { Actor } from '../../domain/people/user.js';
import { listOwnedInvoices } from '../../store/invoice-lists.store.js';
import type { Deps } from '../deps.js';
import { loadInvoiceViews, type InvoiceViews } from '../invoices/invoice-view.js';

/** `person` and `company` are contacts: all three list the invoices billed to that contact. */
export type InvoiceListEntity = 'contact' | 'person' | 'company' | 'opportunity';

/**
 * The invoices of a contact (as bill-to contact, not consignee) or linked to an opportunity that
 * the reader may access (CanAccess, creator exception applied), by id; the whole list.
 */
export async function listEntityInvoices(deps: Deps, actor: Actor, entity: InvoiceListEntity, entityId: number): Promise<InvoiceViews> {
  if (entityId <= 0) throw invalid('entityid must be greater than 0');
  const owner = entity === 'opportunity' ? { opportunityId: entityId } : { contactId: entityId };
  const invoices = await listOwnedInvoices(deps.store.db, actor, owner);
  return loadInvoiceViews(deps.store.db, actor, invoices);
}
