// GET invoice/jsondata/{id} (spec §4.3): the stored snapshot string.
import { accessDenied, invalid, notFound } from '../../domain/errors.js';
import type { Actor } from '../../domain/people/user.js';
import { findInvoice, setInvoiceDates } from '../../store/invoices.store.js';
import type { Deps } from '../deps.js';
import { redactSnapshotParties } from '../../domain/invoices/snapshot.js';
import { loadInvoiceViews } from './invoice-view.js';

async function accessibleInvoice(deps: Deps, actor: Actor, id: number, hide: boolean) {
  const invoice = id > 0 ? await findInvoice(deps.store.db, actor.tenantId, id) : undefined;
  if (!invoice) throw notFound();
  const { views } = await loadInvoiceViews(deps.store.db, actor, [invoice]);
  if (!views[0]!.canAccess) throw hide ? notFound() : accessDenied();
  return views[0]!;
}

/**
 * The stored snapshot, with the parties the reader may not see taken out (DECISIONS: nothing a
 * user may not see leaks through any endpoint; a creator who lost access to the contact, or a
 * reader of the contact who may not read the consignee, gets `null` in their place).
 */
export async function getInvoiceSnapshotText(deps: Deps, actor: Actor, id: number): Promise<string> {
  const view = await accessibleInvoice(deps, actor, id, false);
  const hideCustomer = view.invoice.contactId > 0 && view.contact === null;
  const hideConsignee = view.invoice.consigneeId > 0 && view.consignee === null;
  if (!view.invoice.jsonData || (!hideCustomer && !hideConsignee)) return view.invoice.jsonData;
  return redactSnapshotParties(view.invoice.jsonData, { customer: hideCustomer, consignee: hideConsignee });
}

/** Hidden test helpers (spec §4.15), mounted only in LEDGERLINE_TEST_MODE: missing or inaccessible → 404. */
export async function setInvoiceDate(deps: Deps, actor: Actor, id: number, which: 'created' | 'updated', at: string | undefined): Promise<void> {
  if (!at) throw invalid(which === 'created' ? 'creationDate is required' : 'lastModifedDate is required');
  await accessibleInvoice(deps, actor, id, true);
  await setInvoiceDates(deps.store.db, actor.tenantId, id, which === 'created' ? { createdAt: Date.parse(at) } : { updatedAt: Date.parse(at) });
}
