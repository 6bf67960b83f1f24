// GET invoice/bynumber and invoice/bynumber/exist (spec §4.13–4.14, DECISIONS Q9: the full shape).
import { accessDenied, invalid, notFound } from '../../domain/errors.js';
import { numberKey } from '../../domain/invoices/numbering.js';
import type { Actor } from '../../domain/people/user.js';
import { findInvoiceByNumberKey, numberKeyExists } from '../../store/invoices.store.js';
import type { Deps } from '../deps.js';
import { loadInvoiceViews, type InvoiceViews } from './invoice-view.js';

const required = (number: string) => {
  if (!number.trim()) throw invalid('number is required');
  return numberKey(number);
};

/** No access check, as in the original: it only says whether a number is taken. */
export async function invoiceNumberExists(deps: Deps, actor: Actor, number: string): Promise<boolean> {
  return numberKeyExists(deps.store.db, actor.tenantId, required(number));
}

export async function findInvoiceByNumber(deps: Deps, actor: Actor, number: string): Promise<InvoiceViews> {
  const invoice = await findInvoiceByNumberKey(deps.store.db, actor.tenantId, required(number));
  if (!invoice) throw notFound();
  const views = await loadInvoiceViews(deps.store.db, actor, [invoice]);
  if (!views.views[0]!.canAccess) throw accessDenied();
  return views;
}
